// @ts-check
/**
 * guidegen search, on Pagefind's chunked index (Dutch stemming, prefix matching).
 *
 * A query becomes "concepts": its meaningful words (filler words dropped) and the
 * phrases of the synonyms list, each with the other words of its synonym group. A
 * word the handbook does not use is split into handbook words when it is a compound
 * ("crisisplan": crisis + plan) or else replaced by the nearest handbook word
 * ("Bedoelde je: ..."). Every concept is searched on its own; a page scores the sum,
 * over the concepts it matches, of the concept's rarity (IDF), so pages matching
 * more (and rarer) words rank first; overview and help pages weigh less than
 * records and trees, and advice for one kind of organisation less than advice for all
 * unless the question names that kind. Filters, their counts for the query, and "Meer tonen" work on
 * that ranked list; the address keeps the query and filters.
 */
const root = document.getElementById("gg-search");
const FILTER_LABELS = { soort: "Soort", thema: "Thema", platform: "Platform", doelgroep: "Doelgroep", organisatie: "Organisatie" };
/** Filter values that name the site's own page kinds, not something a reader looks for. */
const HIDDEN_VALUES = { soort: new Set(["Pagina", "Overzicht"]) };
/** Wide enough to show the filters beside the results (the page's CSS uses the same width). */
const WIDE = "(min-width: 64em)";
const PAGE_SIZE = 10;
/** How much a page of this type counts: overviews, help and source pages less than advice. */
const TYPE_WEIGHT = { Pagina: 0.5, Bron: 0.4, Begrip: 0.9, Beslisboom: 1 };
/** Advice for one kind of organisation, when the question does not name that kind: a
 * general question ("nepnieuws") finds the advice for everyone first. */
const ONE_KIND_WEIGHT = 0.6;
/** A page matching a word at all gets this share of the word's weight; the rest by how well. */
const BASE = 0.3;
/** A synonym counts a little less than the word typed; the last part of a compound less. */
const SYNONYM_WEIGHT = 0.75;
/** Synonyms searched per word: the first of its group (each may load another index chunk). */
const MAX_SYNONYMS = 3;
const HEAD_WEIGHT = 0.5;
/** Each part of a compound the handbook does not use (all parts together count fully). */
const PART_WEIGHT = 0.5;
/** A typed word with synonyms that the handbook does not use itself. */
const UNUSED_WEIGHT = 0.5;
/** Words that say nothing about a situation (Dutch and English). */
const STOP_WORDS = new Set((
  "aan al alle als alles ben bij dan dat de deze die dit doe doen door dus een en er " +
  "ga gaan geen had heb hebben hem het hier hij staat staan hoe hoeveel hun ik in is je jij jullie kan " +
  "kunnen kun maar me mag meer met mij mijn moet moeten na naar niet nog nu of om onder " +
  "ons onze ook op over te tegen toch tot u uw van veel voor waar wanneer wat we welk welke " +
  "wie wij wil willen word worden wordt zal ze zich zij zijn zo zou zouden " +
  "lang a an and are can do does for how i in is it my of on or should the to we what when " +
  "where which who with you your").split(" "));
/** Compounds: shortest part, sounds between parts, words that are no part (as in guidegen/handbook/searchwords.py). */
const MIN_PART = 4;
const LINKS = ["", "s", "e", "en"];
/** Endings of Dutch words: "reactie", "reacties". */
const ENDINGS = ["s", "e", "en", "n", "es"];
const NOT_A_PART = new Set("aan achter door mede onder over rond samen tegen terug tussen voor weer".split(" "));

/** @param {string} text lower case, without accents: how words are compared */
const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
/** @param {string} query the words of a query, hyphenated words kept whole */
const tokens = (query) => query.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu) || [];
/** @param {string} text a synonym key: folded, hyphens as spaces */
const key = (text) => fold(text).replace(/[-'’]/g, " ").split(/\s+/).filter(Boolean).join(" ");

/** @param {string} a @param {string} b @param {number} max Damerau-Levenshtein distance, or max + 1 */
function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = [], prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], prev2[j - 2] + 1);
      best = Math.min(best, row[j]);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/** The handbook's words (with the number of pages using each) and synonym groups. */
export class Lexicon {
  /** @param {{words?: string[], counts?: number[], synonyms?: string[][], kinds?: Record<string, string[]>}} data */
  constructor(data) {
    /** Each kind of organisation's filter label, with the words (folded) that name it. */
    this.kinds = new Map(Object.entries(data.kinds || {}).map(([label, words]) => [label, words.map(fold)]));
    /** @type {Map<string, {word: string, count: number}>} */
    this.byFold = new Map();
    (data.words || []).forEach((word, i) => {
      const folded = fold(word);
      const count = (data.counts || [])[i] || 1;
      const seen = this.byFold.get(folded);
      if (!seen || seen.count < count) this.byFold.set(folded, { word, count });
    });
    this.sorted = [...this.byFold.keys()].sort();
    /** @type {Map<string, string[]>} */
    this.synonyms = new Map();
    for (const group of data.synonyms || []) for (const term of group) this.synonyms.set(key(term), group);
    this.longestPhrase = Math.max(1, ...[...this.synonyms.keys()].map((k) => k.split(" ").length));
    /** @type {Map<string, string[] | null>} */
    this.splits = new Map();
  }

  /** The handbook's words that begin with `word` (folded). @param {string} word */
  startingWith(word) {
    const folded = fold(word).replace(/[-'’]/g, "");
    let lo = 0, hi = this.sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.sorted[mid] < folded) lo = mid + 1; else hi = mid; }
    const found = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i].startsWith(folded); i++) found.push(this.sorted[i]);
    return found;
  }

  /** Whether a page can match `word`: the handbook uses it, or a word it begins. @param {string} word */
  known(word) {
    return !this.sorted.length || this.startingWith(word).length > 0;
  }

  /**
   * Whether the handbook uses `word` itself: as a word, with an ending, or as the
   * first part of a compound ("archief": "archiefwet"), not only inside a longer
   * word ("personal": "personalisatie"). @param {string} word
   */
  uses(word) {
    const folded = key(word).replace(/ /g, "");
    return this.startingWith(folded).some((other) => {
      const rest = other.slice(folded.length);
      return !rest || ENDINGS.includes(rest) || LINKS.some((link) => rest.startsWith(link)
        && rest.length - link.length >= 3 && this.byFold.has(rest.slice(link.length)));
    });
  }

  /** The nearest handbook word to an unknown `word`, or "". @param {string} word */
  suggest(word) {
    const folded = fold(word);
    const max = folded.length <= 4 ? 1 : 2;
    let best = "", bestDistance = max + 1, bestCount = 0;
    for (const [candidate, { word: surface, count }] of this.byFold) {
      if (candidate.length < 3) continue;
      const d = distance(folded, candidate, max);
      if (d < bestDistance || (d === bestDistance && d <= max && count > bestCount)) {
        best = surface; bestDistance = d; bestCount = count;
      }
    }
    return bestDistance <= max ? best : "";
  }

  /** The fewest handbook words a compound is made of (two or more), or null. @param {string} word */
  split(word) {
    const parts = this.splitFrom(fold(word).replace(/[-'’]/g, ""), true);
    return parts && parts.length > 1 ? parts : null;
  }

  /** The smallest handbook words of a compound (parts of parts too). @param {string} word @returns {string[]} */
  leaves(word) {
    const parts = this.split(word);
    return parts ? parts.flatMap((part) => this.leaves(part)) : [fold(word)];
  }

  /** @param {string} word @param {boolean} whole @returns {string[] | null} */
  splitFrom(word, whole) {
    const cacheKey = `${whole}:${word}`;
    if (this.splits.has(cacheKey)) return this.splits.get(cacheKey) || null;
    /** @type {string[] | null} */
    let best = null;
    for (let end = word.length; end >= MIN_PART && !(best && best.length === 1); end--) {
      const head = word.slice(0, end);
      if (!this.byFold.has(head) || NOT_A_PART.has(head) || (whole && end === word.length)) continue;
      if (end === word.length) { best = [head]; break; }
      for (const link of LINKS) {
        if (!word.startsWith(link, end) || word.length - end - link.length < MIN_PART) continue;
        const rest = this.splitFrom(word.slice(end + link.length), false);
        if (rest && (!best || rest.length + 1 < best.length)) best = [head, ...rest];
      }
    }
    this.splits.set(cacheKey, best);
    return best;
  }
}

/**
 * @typedef {{text: string, search: string[], weights: number[]}} Concept
 * @typedef {{concepts: Concept[], corrected: string, split: string[], unknown: string[]}} Plan
 */

/** A word or phrase to search, with its synonyms. @param {string} text @param {Lexicon} lexicon */
function concept(text, lexicon) {
  const group = lexicon.synonyms.get(key(text)) || [];
  // Synonyms no page uses are not searched (each search may load another index chunk).
  const others = group.filter((term) => key(term) !== key(text)
    && key(term).split(" ").every((word) => lexicon.known(word))).slice(0, MAX_SYNONYMS);
  // A word the handbook does not use only matches longer words by accident
  // ("personal": "personalisatie"), so it counts less.
  /** @param {string} term */
  const used = (term) => lexicon.uses(term) || term.includes(" ") ? 1 : UNUSED_WEIGHT;
  const typed = others.length ? used(text) : 1;
  /** @type {Concept} */
  const found = { text, search: [text, ...others], weights: [typed, ...others.map((t) => SYNONYM_WEIGHT * used(t))] };
  // A compound is a kind of its last part ("wijkagent": "agent"), so it finds that too.
  const parts = text.includes(" ") ? null : lexicon.split(text);
  const head = parts ? parts[parts.length - 1] : "";
  if (head && !found.search.some((term) => key(term) === head)) {
    found.search.push(head);
    found.weights.push(HEAD_WEIGHT);
  }
  return found;
}

/** What to search for a query. @param {string} query @param {Lexicon} lexicon @returns {Plan} */
export function plan(query, lexicon) {
  const words = tokens(query);
  /** @type {string[]} */
  const phrases = [];
  for (let i = 0; i < words.length;) {
    let length = Math.min(lexicon.longestPhrase, words.length - i);
    for (; length > 1 && !lexicon.synonyms.has(key(words.slice(i, i + length).join(" "))); length--);
    phrases.push(words.slice(i, i + length).join(" "));
    i += length;
  }
  const meaningful = phrases.filter((text) => !STOP_WORDS.has(key(text)));
  /** @type {Plan} */
  const planned = { concepts: [], corrected: "", split: [], unknown: [] };
  const corrected = [];
  for (const text of meaningful.length ? meaningful : phrases) {
    if (lexicon.synonyms.has(key(text)) || lexicon.known(text)) {
      planned.concepts.push(concept(text, lexicon));
      corrected.push(text);
      continue;
    }
    const parts = lexicon.split(text);
    const nearest = parts ? "" : lexicon.suggest(text);
    if (parts) {
      // One concept: pages with every part first, then pages with one of its smallest parts.
      const leaves = lexicon.leaves(text);
      planned.concepts.push({
        text,
        search: [parts.join(" "), ...leaves],
        weights: [1, ...leaves.map(() => PART_WEIGHT)],
      });
      planned.split.push(`${text} (${parts.join(" + ")})`);
      corrected.push(text);
    } else if (nearest) {
      planned.concepts.push(concept(nearest, lexicon));
      corrected.push(nearest);
      planned.corrected = "yes";
    } else {
      planned.unknown.push(text);
    }
  }
  planned.corrected = planned.corrected && corrected.join(" ");
  return planned;
}

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

/** @param {number} count @param {number} pages the rarity of a word on `pages` pages (BM25's IDF) */
const idf = (count, pages) => Math.log(1 + (pages - count + 0.5) / (count + 0.5));

async function main() {
  if (!root) return;
  const bundle = root.dataset.bundle || "_pagefind/";
  const pagefind = await import(new URL("pagefind.js", new URL(bundle, location.href)).href);
  await pagefind.options({ excerptLength: 30 });
  const dataBlock = document.getElementById("gg-search-data");
  const lexicon = new Lexicon(JSON.parse(dataBlock?.textContent || "{}"));
  const input = /** @type {HTMLInputElement} */ (root.querySelector("#gg-search-input"));
  const form = /** @type {HTMLFormElement} */ (root.querySelector("form"));
  const status = /** @type {HTMLElement} */ (root.querySelector(".gg-search-status"));
  const notes = /** @type {HTMLElement} */ (root.querySelector(".gg-search-notes"));
  const list = /** @type {HTMLOListElement} */ (root.querySelector(".gg-search-results"));
  const filterBox = /** @type {HTMLElement} */ (root.querySelector(".gg-search-filters"));
  const more = /** @type {HTMLButtonElement} */ (root.querySelector(".gg-search-more"));
  const reset = /** @type {HTMLButtonElement} */ (root.querySelector(".gg-search-reset"));
  const offers = /** @type {HTMLElement} */ (document.querySelector(".gg-search-offers"));
  const filterBoxOuter = /** @type {HTMLDetailsElement} */ (root.querySelector(".gg-search-filterbox"));
  const filterCount = /** @type {HTMLElement} */ (root.querySelector(".gg-search-filtercount"));
  offers.hidden = true;
  // Open beside the results where there is room; closed under them on a narrow screen.
  filterBoxOuter.open = window.matchMedia(WIDE).matches;

  // Every filter value's pages, for the ranking, the filters and their counts: one
  // small file written with the index (asking Pagefind would load the whole index).
  const params = new URLSearchParams(location.search);
  const response = await fetch(new URL("page-filters.json", new URL(bundle, location.href)));
  /** @type {{filters: Record<string, string[]>, pages: Record<string, Record<string, number[]>>}} */
  const pageFilters = response.ok ? await response.json() : { filters: {}, pages: {} };
  /** @type {Map<string, Map<string, Set<string>>>} */
  const pagesWith = new Map();
  for (const [name, values] of Object.entries(pageFilters.filters)) {
    pagesWith.set(name, new Map(values.map((value) => [value, new Set()])));
  }
  for (const [id, filters] of Object.entries(pageFilters.pages)) {
    for (const [name, indices] of Object.entries(filters)) {
      for (const index of indices) pagesWith.get(name)?.get(pageFilters.filters[name][index])?.add(id);
    }
  }
  /** @type {Map<string, HTMLLabelElement>} */
  const labels = new Map();
  for (const [name, label] of Object.entries(FILTER_LABELS)) {
    const hidden = HIDDEN_VALUES[/** @type {keyof HIDDEN_VALUES} */ (name)];
    const values = [...(pagesWith.get(name)?.keys() || [])]
      .filter((value) => !hidden?.has(value))
      .sort((a, b) => a.localeCompare(b, "nl"));
    if (!values.length) continue;
    const group = make("fieldset", "gg-filter");
    group.append(make("legend", "", label));
    for (const [index, value] of values.entries()) {
      const id = `gg-filter-${name}-${index}`;
      const box = /** @type {HTMLInputElement} */ (make("input"));
      Object.assign(box, { type: "checkbox", id, name, value, checked: params.getAll(name).includes(value) });
      const labelEl = /** @type {HTMLLabelElement} */ (make("label"));
      labelEl.htmlFor = id;
      labels.set(`${name}=${value}`, labelEl);
      const row = make("div", "gg-filter-option");
      row.append(box, labelEl);
      group.append(row);
    }
    filterBox.append(group);
  }
  const total = Object.keys(pageFilters.pages).length || 1;
  /** @param {string} id */
  const typeWeight = (id) => {
    for (const [value, ids] of pagesWith.get("soort") || []) if (ids.has(id)) return TYPE_WEIGHT[/** @type {keyof TYPE_WEIGHT} */ (value)] ?? 1;
    return 1;
  };
  /** The kinds of organisation a question names, by their label or a word of their bodies
   * and roles ("gemeentelijke" names a gemeente, "wijkagent" the police). @param {Plan} planned */
  const namedKinds = (planned) => {
    const asked = planned.concepts.map((c) => fold(c.text));
    return new Set([...lexicon.kinds].filter(([, names]) => asked.some((word) => names.some((name) => word.startsWith(name)))).map(([label]) => label));
  };
  /** How much a page counts for a question, by the kinds of organisation it is written for:
   * fully when it is for all of them or the question names one of its kinds.
   * @param {string} id @param {Set<string>} named the kinds the question names */
  const kindWeight = (id, named) => {
    let forSome = false;
    for (const [value, ids] of pagesWith.get("organisatie") || []) {
      if (!ids.has(id)) continue;
      if (named.has(value)) return 1;
      forSome = true;
    }
    return forSome ? ONE_KIND_WEIGHT : 1;
  };

  /** @returns {Record<string, string[]>} */
  function selected() {
    /** @type {Record<string, string[]>} */
    const chosen = {};
    filterBox.querySelectorAll("input:checked").forEach((box) => {
      const b = /** @type {HTMLInputElement} */ (box);
      (chosen[b.name] = chosen[b.name] || []).push(b.value);
    });
    return chosen;
  }

  /** Whether page `id` has one of the chosen values of every filter (but `skip`). */
  function passes(/** @type {string} */ id, /** @type {Record<string, string[]>} */ chosen, skip = "") {
    return Object.entries(chosen).every(([name, values]) =>
      name === skip || values.some((v) => pagesWith.get(name)?.get(v)?.has(id)));
  }

  /** Ranked results: [{id, score, result}] where result is the Pagefind hit to show. */
  async function rank(/** @type {Plan} */ planned) {
    /** @type {Map<string, {score: number, best: number, result: any}>} */
    const pages = new Map();
    for (const concept of planned.concepts) {
      // A concept counts once per page: as its best-matching word (typed or synonym),
      // weighted by how rare that word is and how well the page matches it.
      /** @type {Map<string, {part: number, result: any}>} */
      const matches = new Map();
      let cap = Infinity;
      for (const [i, text] of concept.search.entries()) {
        const found = await pagefind.search(text);
        // A synonym never counts more than the typed word (unless the handbook lacks that word).
        const rarity = Math.min(cap, idf(found.results.length, total));
        if (i === 0 && concept.weights[0] === 1 && found.results.length) cap = rarity;
        const weight = concept.weights[i] * rarity;
        const top = Math.max(0, ...found.results.map((/** @type {any} */ r) => r.score)) || 1;
        for (const result of found.results) {
          const part = weight * (BASE + (1 - BASE) * result.score / top);
          if ((matches.get(result.id)?.part ?? -1) < part) matches.set(result.id, { part, result });
        }
      }
      for (const [id, { part, result }] of matches) {
        const page = pages.get(id) || { score: 0, best: -1, result };
        page.score += part;
        if (part > page.best) Object.assign(page, { best: part, result });
        pages.set(id, page);
      }
    }
    const named = namedKinds(planned);
    return [...pages.entries()]
      .map(([id, page]) => ({ id, score: page.score * typeWeight(id) * kindWeight(id, named), result: page.result }))
      .sort((a, b) => b.score - a.score);
  }

  /** Every page with the chosen filters, when there is no query. */
  async function browse() {
    const found = await pagefind.search(null);
    return found.results.map((/** @type {any} */ result) => ({ id: result.id, score: 0, result }));
  }

  function showCounts(/** @type {{id: string}[]} */ ranked, /** @type {Record<string, string[]>} */ chosen) {
    for (const [name, byValue] of pagesWith) {
      const candidates = ranked.filter((r) => passes(r.id, chosen, name));
      for (const [value, ids] of byValue) {
        const count = candidates.filter((r) => ids.has(r.id)).length;
        const labelEl = labels.get(`${name}=${value}`);
        if (labelEl) labelEl.textContent = `${value} (${count})`;
      }
    }
  }

  /** @type {{id: string, result: any}[]} */
  let shown = [];
  let generation = 0;

  async function showMore(/** @type {boolean} */ focus) {
    const mine = generation;
    const start = list.children.length;
    const batch = await Promise.all(shown.slice(start, start + PAGE_SIZE).map((r) => r.result.data()));
    if (mine !== generation) return;
    const items = batch.map((hit) => {
      const item = make("li", "gg-search-hit");
      const heading = make("h2", "gg-search-title");
      const link = /** @type {HTMLAnchorElement} */ (make("a", "", hit.meta.title || hit.url));
      link.href = hit.url;
      heading.append(link, " ", make("span", "gg-search-type", hit.meta.soort || "Pagina"));
      item.append(heading, excerptNodes(hit.excerpt));
      return item;
    });
    list.append(...items);
    more.hidden = list.children.length >= shown.length;
    more.textContent = `Toon meer (${list.children.length} van ${shown.length} getoond)`;
    if (focus && items.length) items[0].querySelector("a")?.focus();
  }

  function note(/** @type {Plan} */ planned) {
    notes.replaceChildren();
    if (planned.corrected) {
      const p = make("p", "gg-search-suggestion", "Bedoelde je: ");
      const link = /** @type {HTMLAnchorElement} */ (make("a", "", planned.corrected));
      link.href = `?q=${encodeURIComponent(planned.corrected)}`;
      p.append(link, "? Hieronder staan de resultaten daarvoor.");
      notes.append(p);
    }
    if (planned.split.length) notes.append(make("p", "", `Gezocht op de delen van ${planned.split.join(", ")}.`));
    if (planned.unknown.length) {
      const words = planned.unknown.map((w) => `‘${w}’`).join(", ");
      notes.append(make("p", "", `Geen pagina gebruikt ${words}; daar is niet op gezocht.`));
    }
  }

  async function run() {
    const query = input.value.trim();
    const chosen = selected();
    const url = new URL(location.href);
    url.search = "";
    if (query) url.searchParams.set("q", query);
    for (const [name, values] of Object.entries(chosen)) values.forEach((v) => url.searchParams.append(name, v));
    history.replaceState(null, "", url);
    const mine = ++generation;
    root?.setAttribute("aria-busy", "true");
    root?.setAttribute("data-state", "busy");
    const planned = query ? plan(query, lexicon) : { concepts: [], corrected: "", split: [], unknown: [] };
    const ranked = query ? await rank(planned) : Object.keys(chosen).length ? await browse() : [];
    if (mine !== generation) return;
    shown = ranked.filter((r) => passes(r.id, chosen));
    showCounts(ranked, chosen);
    const active = Object.values(chosen).flat().length;
    filterCount.textContent = active ? `(${active} gekozen)` : "";
    note(planned);
    list.replaceChildren();
    more.hidden = true;
    const count = shown.length;
    offers.hidden = count > 0 || !(query || Object.keys(chosen).length);
    status.textContent = !query && !Object.keys(chosen).length ? ""
      : count === 0 ? "Niets gevonden. Probeer andere woorden, of kies hieronder een beslisboom of overzicht."
      : `${count} ${count === 1 ? "resultaat" : "resultaten"}.`;
    await showMore(false);
    if (mine === generation) {
      root?.removeAttribute("aria-busy");
      root?.setAttribute("data-state", "done");
    }
  }

  let timer = 0;
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = window.setTimeout(run, 200); });
  filterBox.addEventListener("change", () => run());
  more.addEventListener("click", () => showMore(true));
  reset.addEventListener("click", () => {
    input.value = "";
    filterBox.querySelectorAll("input:checked").forEach((box) => { /** @type {HTMLInputElement} */ (box).checked = false; });
    run();
    input.focus();
  });
  input.value = params.get("q") || "";
  await run();
}

main();
