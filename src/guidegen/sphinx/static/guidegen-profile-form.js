/* The profile form "Stel je richtlijn samen": checks as you type (the rules of
   `guidegen check`, in Dutch), an error summary linked to the fields, download of
   profiel.yaml and loading of an existing one. Nothing here leaves the browser (the
   service's buttons, in guidegen-serve.js, send the profile when the user asks).
   Needs js-yaml (vendor/js-yaml.min.js), loaded before this script. */
"use strict";
(function () {
  const form = document.getElementById("gg-profile-form");
  if (!form || !window.jsyaml) return;
  const yaml = window.jsyaml;
  const summary = document.getElementById("gg-error-summary");
  const status = document.getElementById("gg-form-status");
  const fileInput = document.getElementById("gg-load-file");
  const fields = Array.from(form.querySelectorAll("[data-gg-path]"));
  const byPath = new Map(fields.map((el) => [el.dataset.ggPath, el]));
  const carriedPaths = (form.dataset.ggCarried || "").split(" ").filter(Boolean);
  const groups = new Set();
  for (const path of [...byPath.keys(), ...carriedPaths]) {
    const parts = path.split(".");
    for (let i = 1; i < parts.length; i++) groups.add(parts.slice(0, i).join("."));
  }
  let carried = {};
  let loadProblems = [];
  const touched = new Set();
  let summaryShown = false;

  const quote = (value) => "'" + value + "'";
  const choices = (values) =>
    values.length > 1
      ? values.slice(0, -1).map(quote).join(", ") + " of " + quote(values[values.length - 1])
      : values.map(quote).join("");
  const optionValues = (el) =>
    Array.from(el.querySelectorAll("input")).map((input) => input.value);

  /* The rows of a list of objects (accounts, own chapters) and their values. */
  const rowsOf = (el) => Array.from(el.querySelectorAll(".gg-rows-list > .gg-row"));
  function readRow(row) {
    const item = {};
    for (const control of row.querySelectorAll("[data-gg-sub]")) {
      const value = control.value.trim();
      if (value) item[control.dataset.ggSub] = value;
    }
    return item;
  }
  function addRow(el, item) {
    const row = el.querySelector("template").content.firstElementChild.cloneNode(true);
    for (const control of row.querySelectorAll("[data-gg-sub]")) {
      const value = item ? item[control.dataset.ggSub] : undefined;
      control.value = value === undefined || value === null ? "" : String(value);
    }
    el.querySelector(".gg-rows-list").append(row);
    return row;
  }

  function read(el) {
    const kind = el.dataset.ggKind;
    if (kind === "rows") {
      return rowsOf(el).map(readRow).filter((item) => Object.keys(item).length > 0);
    }
    if (kind === "choice") {
      const checked = el.querySelector("input:checked");
      return checked ? checked.value : "";
    }
    if (kind === "choices") {
      return Array.from(el.querySelectorAll("input:checked")).map((input) => input.value);
    }
    if (kind === "lines") {
      return el.value.split("\n").map((line) => line.trim()).filter(Boolean);
    }
    return el.value.trim();
  }

  const isEmpty = (value) => value === "" || (Array.isArray(value) && value.length === 0);

  function realDate(value) {
    const [y, m, d] = value.split("-").map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }

  /* The contrast of a house colour with white (WCAG), as the profile check computes it. */
  function contrastOnWhite(colour) {
    const linear = [1, 3, 5].map((i) => {
      const c = parseInt(colour.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    const luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    return 1.05 / (luminance + 0.05);
  }

  function textProblem(el, value) {
    const data = el.dataset;
    const max = Number(data.ggMaxLength || 0);
    if (max && value.length > max) return "is te lang: hoogstens " + max + " tekens";
    if (data.ggKind === "markdown" && /<[A-Za-z!/?]/.test(value)) {
      return "HTML kan niet in dit veld; gebruik Markdown (schrijf '&lt;' voor een los '<')";
    }
    const pattern = data.ggPattern ? new RegExp(data.ggPattern) : null;
    if (data.ggCheck === "date") {
      if (!pattern.test(value)) return "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-01";
      if (!realDate(value)) {
        return quote(value) + " bestaat niet als datum; controleer de dag en de maand";
      }
    }
    if (data.ggCheck === "email" && !pattern.test(value)) {
      return quote(value) + " is geen e-mailadres; schrijf het als naam@organisatie.nl";
    }
    if (data.ggCheck === "pattern" && !pattern.test(value)) {
      return quote(value) + " heeft niet de goede vorm; zie de uitleg bij het veld";
    }
    if (data.ggPath === "house_style.colour") {
      const ratio = contrastOnWhite(value);
      if (ratio < 4.5) {
        return "de huiskleur " + value + " is te licht voor tekst op wit (contrast " +
          ratio.toFixed(1) + ":1, minimaal 4,5:1); kies een donkerdere kleur";
      }
    }
    return "";
  }

  /* The problems of the rows of a list of objects: each names its row and field. */
  function rowsProblem(el, value) {
    const found = [];
    rowsOf(el).forEach((row, index) => {
      const item = readRow(row);
      if (Object.keys(item).length === 0) return;
      for (const control of row.querySelectorAll("[data-gg-sub]")) {
        const where = "nr. " + (index + 1) + ", " + control.dataset.ggLabel.toLowerCase() + ": ";
        const text = item[control.dataset.ggSub] || "";
        if (!text) {
          if (control.dataset.ggRequired) found.push(where + "vul dit in; het is verplicht");
          continue;
        }
        const max = Number(control.dataset.ggMaxLength || 0);
        if (max && text.length > max) found.push(where + "is te lang: hoogstens " + max + " tekens");
        if (control.dataset.ggPattern && !new RegExp(control.dataset.ggPattern).test(text)) {
          found.push(where + quote(text) + " heeft niet de goede vorm; zie de uitleg bij het veld");
        }
      }
    });
    return found.join("; ");
  }

  function numberProblem(el, value) {
    if (!/^-?\d+$/.test(value)) return "hier hoort een heel getal";
    const number = Number(value);
    if (el.dataset.ggMaximum && number > Number(el.dataset.ggMaximum)) {
      return "mag hoogstens " + el.dataset.ggMaximum + " zijn";
    }
    if (el.dataset.ggMinimum && number < Number(el.dataset.ggMinimum)) {
      return "moet minstens " + el.dataset.ggMinimum + " zijn";
    }
    return "";
  }

  /* The problem with one field's value, or "". */
  function problem(el, value) {
    const kind = el.dataset.ggKind;
    if (isEmpty(value)) {
      if (!el.dataset.ggRequired) return "";
      return kind === "choice" ? "kies er een; het is verplicht" : "vul dit in; het is verplicht";
    }
    if (kind === "number") return numberProblem(el, value);
    if (kind === "rows") return rowsProblem(el, value);
    if (kind === "lines") {
      for (const line of value) {
        const found = textProblem(el, line);
        if (found) return found;
      }
      return "";
    }
    if (kind === "text" || kind === "markdown") return textProblem(el, value);
    return "";
  }

  function setPath(target, path, value) {
    const parts = path.split(".");
    let node = target;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== "object" || node[part] === null) node[part] = {};
      node = node[part];
    }
    node[parts[parts.length - 1]] = value;
  }

  /* The profile as the form shows it, with the carried-over parts. */
  function profile() {
    const made = {};
    for (const el of fields) {
      const value = read(el);
      if (isEmpty(value)) continue;
      const number = el.dataset.ggKind === "number" && /^-?\d+$/.test(value);
      setPath(made, el.dataset.ggPath, number ? Number(value) : value);
    }
    for (const [path, value] of Object.entries(carried)) setPath(made, path, value);
    return made;
  }

  function targetId(el) {
    return el.dataset.ggKind === "choice" || el.dataset.ggKind === "choices"
      ? el.querySelector("input").id
      : el.id;
  }

  /* Problems of the carried-over parts that involve the form's own fields. */
  function carriedProblems() {
    const found = [];
    const platformsEl = byPath.get("platforms");
    let platforms = platformsEl ? read(platformsEl) : [];
    if (platformsEl && platforms.length === 0) platforms = JSON.parse(platformsEl.dataset.ggDefault || "[]");
    const accountsEl = byPath.get("accounts");
    const accounts = accountsEl ? read(accountsEl) : carried.accounts;
    const include = byPath.get("include") ? read(byPath.get("include")) : carried.include || [];
    for (const id of byPath.get("exclude") ? read(byPath.get("exclude")) : []) {
      if (include.includes(id)) {
        found.push("profiel: " + id + " staat zowel bij include als bij exclude; kies één van beide");
      }
    }
    for (const account of Array.isArray(accounts) ? accounts : []) {
      if (account && typeof account.platform === "string" && !platforms.includes(account.platform)) {
        found.push(
          "accounts: het platform " + quote(account.platform) +
          " staat niet bij 'platforms'; zet het daar ook bij"
        );
      }
    }
    return found.map((message) => ({ id: fileInput.id, message: message }));
  }

  function showField(el, message) {
    const error = document.getElementById(el.id + "-error");
    error.textContent = message ? "Fout: " + message : "";
    error.hidden = !message;
    el.classList.toggle("gg-invalid", Boolean(message));
    const controls = el.matches("fieldset") ? el.querySelectorAll("input, select, textarea") : [el];
    for (const control of controls) {
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
  }

  function fieldMessage(el) {
    const path = el.dataset.ggPath;
    const loaded = loadProblems.filter((p) => p.path === path);
    if (loaded.length) return loaded.map((p) => p.message).join("; ");
    const value = read(el);
    const found = problem(el, value);
    if (found.endsWith("het is verplicht") && !touched.has(path) && !summaryShown) return "";
    return found;
  }

  /* Check every field; show the messages and (when asked) the summary. */
  function checkAll(showSummary) {
    const list = [];
    for (const el of fields) {
      const message = fieldMessage(el);
      showField(el, message);
      const path = el.dataset.ggPath;
      const loaded = loadProblems.filter((p) => p.path === path);
      // Every problem a loaded profile has is listed, each on its own line.
      const messages = loaded.length ? loaded.map((p) => p.message) : message ? [message] : [];
      for (const text of messages) list.push({ id: targetId(el), message: el.dataset.ggLabel + ": " + text });
    }
    list.push(...loadProblems.filter((p) => !p.path).map((p) => ({ id: fileInput.id, message: p.message })));
    list.push(...carriedProblems());
    const fileErrors = list.filter((item) => item.id === fileInput.id);
    const fileError = document.getElementById("gg-load-file-error");
    fileError.textContent = fileErrors.map((item) => "Fout: " + item.message).join(" ");
    fileError.hidden = fileErrors.length === 0;
    if (showSummary) summaryShown = true;
    if (summaryShown) renderSummary(list);
    announce();
    return list;
  }

  /* Tell the page's other scripts (advice counts, the service's buttons) the profile changed. */
  function announce() {
    form.dispatchEvent(new CustomEvent("gg-profile-change", { detail: { profile: profile() } }));
  }

  function renderSummary(list) {
    const ul = summary.querySelector("ul");
    ul.replaceChildren(
      ...list.map((item) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = "#" + item.id;
        a.textContent = item.message;
        li.append(a);
        return li;
      })
    );
    summary.hidden = list.length === 0;
  }

  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link) return;
    event.preventDefault();
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.focus();
    }
  });

  function onEdit(event) {
    const el = event.target.closest("[data-gg-path]");
    if (!el) return;
    const path = el.dataset.ggPath;
    loadProblems = loadProblems.filter((p) => p.path !== path);
    if (event.type === "change") touched.add(path);
    checkAll(false);
  }
  form.addEventListener("click", (event) => {
    const add = event.target.closest(".gg-row-add");
    const remove = event.target.closest(".gg-row-remove");
    if (add) {
      const el = add.closest("[data-gg-path]");
      const row = addRow(el, null);
      row.querySelector("[data-gg-sub]").focus();
      checkAll(false);
    } else if (remove) {
      const el = remove.closest("[data-gg-path]");
      remove.closest(".gg-row").remove();
      el.querySelector(".gg-row-add").focus();
      checkAll(false);
    }
  });
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("focusout", (event) => {
    const el = event.target.closest("[data-gg-path]");
    if (el && el.dataset.ggKind !== "choice" && el.dataset.ggKind !== "choices") {
      touched.add(el.dataset.ggPath);
      checkAll(false);
    }
  });

  function yamlText() {
    // Only the published site's schema (https); never the address of a local server.
    const schema = form.dataset.schema || "";
    const header = /^https:\/\//.test(schema) ? "# yaml-language-server: $schema=" + schema + "\n#\n" : "";
    return (
      header +
      "# Profiel voor guidegen generate, gemaakt met het formulier Stel je richtlijn samen.\n" +
      yaml.dump(profile(), { lineWidth: 88, noRefs: true })
    );
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    fields.forEach((el) => touched.add(el.dataset.ggPath));
    const list = checkAll(true);
    if (list.length) {
      status.textContent = "";
      summary.focus();
      return;
    }
    const blob = new Blob([yamlText()], { type: "text/yaml;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "profiel.yaml";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    status.textContent = "profiel.yaml is gedownload. Maak er de richtlijn mee met de opdracht hieronder.";
  });

  /* ---- loading an existing profile ---- */

  function describe(value) {
    if (Array.isArray(value)) return "een lijst";
    if (value === null || value === undefined) return "niets";
    return typeof value === "object" ? "velden met waarden" : "tekst";
  }

  function loadList(el, path, value, found) {
    if (!Array.isArray(value)) {
      found.push({ path: path, message: "hier hoort een lijst, maar er staat " + describe(value) });
      return [];
    }
    const allowed = el.dataset.ggKind === "choices" ? optionValues(el) : null;
    value.forEach((item, index) => {
      const count = value.filter((other) => other === item).length;
      if (allowed && !allowed.includes(String(item))) {
        const message = el.dataset.ggVocabulary
          ? "onbekende waarde " + quote(item) + "; kies uit " + allowed.join(", ")
          : quote(item) + " kan hier niet; kies uit " + choices(allowed);
        found.push({ path: path, message: message });
      } else if (count > 1 && value.indexOf(item) === index) {
        found.push({ path: path, message: quote(item) + " staat er " + count + " keer in; noem elke waarde één keer" });
      }
    });
    return value.map(String);
  }

  /* A loaded list of objects: each row's known fields; every unknown field is reported. */
  function loadRows(el, path, value, found) {
    if (!Array.isArray(value)) {
      found.push({ path: path, message: "hier hoort een lijst, maar er staat " + describe(value) });
      return [];
    }
    const template = el.querySelector("template").content;
    const known = Array.from(template.querySelectorAll("[data-gg-sub]")).map((c) => c.dataset.ggSub);
    const rows = [];
    value.forEach((item, index) => {
      if (item === null || typeof item !== "object" || Array.isArray(item)) {
        found.push({ path: path, message: "nr. " + (index + 1) + ": hier horen velden met waarden, maar er staat " + describe(item) });
        return;
      }
      for (const key of Object.keys(item)) {
        if (!known.includes(key)) found.push({ path: path, message: "nr. " + (index + 1) + ": onbekend veld " + quote(key) });
      }
      rows.push(item);
    });
    return rows;
  }

  function loadScalar(el, path, value, found) {
    if (value !== null && typeof value === "object") {
      found.push({ path: path, message: "hier hoort tekst, maar er staat " + describe(value) });
      return "";
    }
    const text = value === null || value === undefined ? "" : String(value);
    if (el.dataset.ggKind === "choice" && text && !optionValues(el).includes(text)) {
      found.push({ path: path, message: quote(text) + " kan hier niet; kies uit " + choices(optionValues(el)) });
      return "";
    }
    return text;
  }

  function fill(el, value) {
    const kind = el.dataset.ggKind;
    if (kind === "rows") {
      el.querySelector(".gg-rows-list").replaceChildren();
      for (const item of value) addRow(el, item);
      return;
    }
    if (kind === "choice" || kind === "choices") {
      const wanted = Array.isArray(value) ? value : [value];
      for (const input of el.querySelectorAll("input")) input.checked = wanted.includes(input.value);
    } else {
      el.value = Array.isArray(value) ? value.join("\n") : value;
    }
  }

  /* Walk the loaded data: fill the fields, keep carried parts, note what does not fit. */
  function walk(data, prefix, found) {
    for (const [key, value] of Object.entries(data)) {
      const path = prefix ? prefix + "." + key : key;
      const el = byPath.get(path);
      if (carriedPaths.includes(path)) {
        carried[path] = value;
      } else if (el && el.dataset.ggKind === "rows") {
        fill(el, loadRows(el, path, value, found));
      } else if (el) {
        const multiple = el.dataset.ggKind === "choices" || el.dataset.ggKind === "lines";
        fill(el, multiple ? loadList(el, path, value, found) : loadScalar(el, path, value, found));
      } else if (groups.has(path)) {
        if (value !== null && typeof value === "object" && !Array.isArray(value)) walk(value, path, found);
        else if (value !== null) found.push({ path: "", message: path + ": hier horen velden met waarden, maar er staat " + describe(value) });
      } else {
        found.push({ path: "", message: (prefix ? prefix + ": " : "") + "onbekend veld " + quote(key) });
      }
    }
  }

  function reset() {
    form.reset();
    for (const el of fields) if (el.dataset.ggKind === "rows") fill(el, []);
    carried = {};
    loadProblems = [];
  }

  function parse(buffer) {
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
    } catch (error) {
      throw new Error("het bestand is geen geldige UTF-8; sla het op als UTF-8");
    }
    try {
      return yaml.load(text, { schema: yaml.CORE_SCHEMA });
    } catch (error) {
      const line = error.mark ? " op regel " + (error.mark.line + 1) : "";
      throw new Error("de opmaak (YAML) klopt niet" + line + "; controleer inspringing en dubbele punten");
    }
  }

  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    if (!file) return;
    reset();
    let data;
    try {
      data = parse(await file.arrayBuffer());
    } catch (error) {
      loadProblems = [{ path: "", message: file.name + ": " + error.message }];
      checkAll(true);
      status.textContent = file.name + " kon niet worden geladen; zie de fout hierboven.";
      summary.focus();
      return;
    }
    const found = [];
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      found.push({ path: "", message: file.name + ": hier hoort een profiel met velden, maar er staat " + describe(data) });
    } else {
      walk(data, "", found);
    }
    loadProblems = found;
    fields.forEach((el) => touched.add(el.dataset.ggPath));
    const list = checkAll(true);
    status.textContent = file.name + " is geladen" + (list.length ? "; los eerst de fouten op." : ".");
    if (list.length) summary.focus();
  });

  /* What the page's other scripts may use: the profile, its YAML, a full check. */
  form.guidegen = {
    profile,
    yamlText,
    check() {
      fields.forEach((el) => touched.add(el.dataset.ggPath));
      return checkAll(true);
    },
  };

  document.getElementById("gg-profile-fallback").hidden = true;
  form.hidden = false;
  announce();
})();
