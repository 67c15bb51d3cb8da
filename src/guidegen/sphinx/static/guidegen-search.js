// @ts-check
/**
 * guidegen search: Pagefind's chunked index with Dutch stemming, filters per
 * type, theme, platform and audience, and a fallback for situations typed as a
 * sentence: when no page has every word, pages with the most words rank first.
 */
const root = document.getElementById("gg-search");
const FILTER_LABELS = { soort: "Soort", thema: "Thema", platform: "Platform", doelgroep: "Doelgroep" };
const MAX_RESULTS = 20;
/** Words that say nothing about a situation ("er staat een ... onder ons bericht"). */
const STOP_WORDS = new Set(("de het een en of van voor met dat die dit deze er ons onze onder " +
  "staat staan bij naar wat hoe ik je jij we wij mijn moet moeten kan mag op in aan om te is " +
  "zijn was heb hebben wordt worden niet wel ook als dan maar nog").split(" "));

/** @param {string} tag @param {string} [cls] @param {string} [text] */
function make(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text) el.textContent = text;
  return el;
}

/** Pagefind's excerpt as DOM: text and <mark> only, whatever the excerpt contains. */
function excerptNodes(/** @type {string} */ html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const out = make("p", "gg-search-excerpt");
  doc.body.firstChild?.childNodes.forEach((node) => {
    if (node.nodeName === "MARK") out.append(make("mark", "", node.textContent || ""));
    else out.append(document.createTextNode(node.textContent || ""));
  });
  return out;
}

async function main() {
  if (!root) return;
  const bundle = root.dataset.bundle || "_pagefind/";
  const pagefind = await import(new URL("pagefind.js", new URL(bundle, location.href)).href);
  await pagefind.options({ excerptLength: 24 });
  const input = /** @type {HTMLInputElement} */ (root.querySelector("#gg-search-input"));
  const form = /** @type {HTMLFormElement} */ (root.querySelector("form"));
  const status = /** @type {HTMLElement} */ (root.querySelector(".gg-search-status"));
  const list = /** @type {HTMLElement} */ (root.querySelector(".gg-search-results"));
  const filterBox = /** @type {HTMLElement} */ (root.querySelector(".gg-search-filters"));

  const params = new URLSearchParams(location.search);
  const available = await pagefind.filters();
  for (const [name, label] of Object.entries(FILTER_LABELS)) {
    const values = Object.keys(available[name] || {}).sort((a, b) => a.localeCompare(b, "nl"));
    if (!values.length) continue;
    const group = make("fieldset", "gg-filter");
    group.append(make("legend", "", label));
    values.forEach((value, index) => {
      const id = `gg-filter-${name}-${index}`;
      const box = /** @type {HTMLInputElement} */ (make("input"));
      box.type = "checkbox";
      box.id = id;
      box.name = name;
      box.value = value;
      box.checked = params.getAll(name).includes(value);
      const labelEl = /** @type {HTMLLabelElement} */ (make("label", "", `${value} (${available[name][value]})`));
      labelEl.htmlFor = id;
      const row = make("div", "gg-filter-option");
      row.append(box, labelEl);
      group.append(row);
    });
    filterBox.append(group);
  }

  function selected() {
    /** @type {Record<string, string[]>} */
    const chosen = {};
    filterBox.querySelectorAll("input:checked").forEach((box) => {
      const b = /** @type {HTMLInputElement} */ (box);
      (chosen[b.name] = chosen[b.name] || []).push(b.value);
    });
    return chosen;
  }

  /** Results for the query; for several words with no page having all, rank by words matched. */
  async function find(/** @type {string} */ query, /** @type {Record<string, string[]>} */ filters) {
    const options = { filters: Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, { any: v }])) };
    const words = query.toLowerCase().split(/\s+/).filter((w) => w && !STOP_WORDS.has(w));
    const all = await pagefind.search(words.join(" ") || query || null, options);
    if (all.results.length || words.length < 2) return { results: all.results, partial: false };
    /** @type {Map<string, {result: any, words: number, score: number}>} */
    const merged = new Map();
    for (const word of words) {
      const found = await pagefind.search(word, options);
      for (const result of found.results) {
        const seen = merged.get(result.id) || { result, words: 0, score: 0 };
        seen.words += 1;
        seen.score += result.score;
        merged.set(result.id, seen);
      }
    }
    const ranked = [...merged.values()].sort((a, b) => b.words - a.words || b.score - a.score);
    return { results: ranked.map((r) => r.result), partial: true };
  }

  let generation = 0;
  async function run() {
    const query = input.value.trim();
    const filters = selected();
    const url = new URL(location.href);
    url.search = "";
    if (query) url.searchParams.set("q", query);
    for (const [name, values] of Object.entries(filters)) values.forEach((v) => url.searchParams.append(name, v));
    history.replaceState(null, "", url);
    const mine = ++generation;
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const { results, partial } = await find(query, filters);
    const data = await Promise.all(results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (mine !== generation) return;
    list.replaceChildren(...data.map((hit) => {
      const item = make("li", "gg-search-hit");
      const heading = make("p", "gg-search-title");
      const link = /** @type {HTMLAnchorElement} */ (make("a", "", hit.meta.title || hit.url));
      link.href = hit.url;
      heading.append(link, " ", make("span", "gg-search-type", hit.meta.soort || "Pagina"));
      item.append(heading, excerptNodes(hit.excerpt));
      return item;
    }));
    const count = results.length;
    status.textContent = count === 0 ? "Niets gevonden. Probeer andere of minder woorden."
      : `${count} ${count === 1 ? "resultaat" : "resultaten"}` +
        (partial ? " met een deel van je zoekwoorden" : "") +
        (count > MAX_RESULTS ? `; de eerste ${MAX_RESULTS} staan hieronder.` : ".");
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  input.addEventListener("input", () => run());
  filterBox.addEventListener("change", () => run());
  input.value = params.get("q") || "";
  if (input.value || [...filterBox.querySelectorAll("input:checked")].length) await run();
}

main();
