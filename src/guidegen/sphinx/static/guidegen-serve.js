/* On a handbook served by `guidegen serve`: buttons that make the guideline (Word, PDF,
   web page) from the profile form and download it. The script asks the service's
   api/status first; a static host answers 404 and the page stays as it is.
   Uses form.guidegen (check, yamlText) from guidegen-profile-form.js and js-yaml. */
"use strict";
(function () {
  const form = document.getElementById("gg-profile-form");
  const box = document.getElementById("gg-service");
  if (!form || !box || !window.fetch || !window.FormData || !window.jsyaml) return;
  const api = new URL(box.dataset.ggApi, document.baseURI);
  const status = document.getElementById("gg-service-status");
  const logo = document.getElementById("gg-service-logo");
  const summary = document.getElementById("gg-error-summary");
  const names = { docx: "Word", pdf: "PDF", html: "webpagina" };
  let busy = false;

  /* The service's problems in the form's error summary, each linked to where to act. */
  function showProblems(lines) {
    summary.querySelector("ul").replaceChildren(
      ...lines.map((line) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = /(^|\s)logo:/.test(line) ? "#" + logo.id : "#" + box.id;
        a.textContent = line;
        li.append(a);
        return li;
      })
    );
    summary.hidden = false;
    summary.focus();
  }

  function fileName(response, fmt) {
    const found = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    return found ? found[1] : "richtlijn." + fmt;
  }

  // The service's notice when the document is dated before some of the knowledge:
  // percent-encoded Dutch in a header, shown after the download's name.
  function laterKnowledge(response) {
    const notice = response.headers.get("X-Guidegen-Notice");
    if (!notice) return "";
    const text = decodeURIComponent(notice);
    return " " + text.charAt(0).toUpperCase() + text.slice(1);
  }

  function save(blob, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  async function problemsOf(response) {
    try {
      const lines = (await response.json()).fouten;
      if (Array.isArray(lines) && lines.length) return lines;
    } catch (error) {
      /* not the service's JSON: fall through to the general message */
    }
    return ["de richtlijn kon niet worden gemaakt (fout " + response.status + "); probeer het later opnieuw"];
  }

  /* The profile to send. Files named in a loaded profile (logo, reference_docx) stay out:
     the service takes files only as uploads. Says what was left out. */
  function profileToSend() {
    const text = form.guidegen.yamlText();
    const data = window.jsyaml.load(text, { schema: window.jsyaml.CORE_SCHEMA });
    const left = [];
    if (data.organisation && "logo" in data.organisation) {
      delete data.organisation.logo;
      left.push("het logo-bestand uit het profiel gaat niet mee; kies het logo hieronder");
    }
    if (data.house_style && "reference_docx" in data.house_style) {
      delete data.house_style.reference_docx;
      if (!Object.keys(data.house_style).length) delete data.house_style;
      left.push("de eigen Word-opmaak (reference_docx) werkt alleen met de opdracht");
    }
    if (!left.length) return { text: text, left: left };
    const header = [];
    for (const line of text.split("\n")) {
      if (!line.startsWith("#")) break;
      header.push(line);
    }
    const dumped = window.jsyaml.dump(data, { lineWidth: 88, noRefs: true });
    return { text: header.join("\n") + "\n" + dumped, left: left };
  }

  async function make(fmt) {
    if (busy || !form.guidegen) return;
    if (form.guidegen.check().length) {
      status.textContent = "Los eerst de fouten in het formulier op.";
      summary.focus();
      return;
    }
    busy = true;
    box.setAttribute("aria-busy", "true");
    status.textContent = "De richtlijn (" + names[fmt] + ") wordt gemaakt…";
    const profile = profileToSend();
    const note = profile.left.length ? " (Let op: " + profile.left.join("; ") + ".)" : "";
    const body = new FormData();
    body.append("profiel", new Blob([profile.text], { type: "text/yaml" }), "profiel.yaml");
    body.append("formaat", fmt);
    if (logo.files.length) body.append("logo", logo.files[0], "logo");
    try {
      const response = await fetch(new URL("richtlijn", api), {
        method: "POST",
        body: body,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        showProblems(await problemsOf(response));
        status.textContent = "De richtlijn is niet gemaakt; de fouten staan bovenaan het formulier." + note;
        return;
      }
      const name = fileName(response, fmt);
      save(await response.blob(), name);
      status.textContent = name + " is gedownload." + note + laterKnowledge(response);
    } catch (error) {
      showProblems(["de site is niet bereikbaar; controleer de verbinding en probeer het opnieuw"]);
      status.textContent = "De richtlijn is niet gemaakt.";
    } finally {
      busy = false;
      box.removeAttribute("aria-busy");
    }
  }

  box.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-gg-format]");
    if (button) make(button.dataset.ggFormat);
  });

  fetch(new URL("status", api), { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : null))
    .then((info) => {
      if (!info || info.service !== "guidegen") return;
      box.hidden = false;
      /* The buttons do what the upload form (for browsers without JavaScript) does. */
      const upload = document.getElementById("gg-service-upload");
      if (upload) upload.hidden = true;
    })
    .catch(() => {});
})();
