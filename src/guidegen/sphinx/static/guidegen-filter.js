// @ts-check
/** Filter an overview's cards in place: within a facet any checked value matches,
 *  across facets all must. Sections left empty are hidden, the counts in headings and
 *  after each option follow the choice, the cards show 24 at a time ("Toon meer"),
 *  and the choice and the number shown are kept in the address
 *  (?thema=crisis&platform=facebook&toon=48), so a list can be bookmarked or shared.
 *  The filters start folded (open when the address brings some).
 *  Without JavaScript the form stays hidden and the whole list shows. */
(function () {
  "use strict";
  /** Facet → its name in the address. */
  var PARAMS = { soort: "soort", themes: "thema", platforms: "platform", audiences: "doelgroep" };
  var COUNT = /\s*\(\d+\)\s*$/;
  /** Cards shown at first, and added by each "Toon meer". */
  var STEP = 24;

  /** @param {Element} card @param {Record<string, string[]>} chosen @param {string=} except */
  function matches(card, chosen, except) {
    return Object.keys(chosen).every(function (facet) {
      return facet === except || chosen[facet].some(function (value) {
        return card.classList.contains("gg-f-" + facet + "-" + value);
      });
    });
  }

  /** The h2 sections that hold cards, with their heading's text node and label. */
  function sectionsOf(/** @type {Element} */ main) {
    return Array.prototype.slice.call(main.querySelectorAll("section section"))
      .filter(function (/** @type {Element} */ s) {
        return s.querySelector(":scope > .gg-cards") && s.querySelector(":scope > h2");
      })
      .map(function (/** @type {HTMLElement} */ s) {
        var heading = /** @type {HTMLElement} */ (s.querySelector(":scope > h2"));
        var text = heading.firstChild;
        var label = text && text.nodeType === 3 ? (text.nodeValue || "").replace(COUNT, "") : null;
        return { section: s, text: label === null ? null : text, label: label };
      });
  }

  function setUp(/** @type {HTMLFormElement} */ form) {
    var main = form.closest("main") || document.body;
    var fold = /** @type {HTMLDetailsElement} */ (form.closest("details"));
    var cards = Array.prototype.slice.call(main.querySelectorAll(".gg-card"));
    var boxes = /** @type {HTMLInputElement[]} */ (
      Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]")));
    var status = /** @type {HTMLElement} */ (main.querySelector(".gg-card-filter-status"));
    var chosenLabel = fold.querySelector(".gg-card-filter-chosen");
    var sections = sectionsOf(main);
    var params = new URLSearchParams(window.location.search);
    var limit = Math.max(STEP, parseInt(params.get("toon") || "", 10) || STEP);
    // "Toon meer" after the last list of cards: it shows the next step.
    var more = document.createElement("button");
    more.type = "button";
    more.className = "utrecht-button utrecht-button--secondary-action gg-button gg-card-more";
    var lastList = main.querySelectorAll(".gg-cards");
    var anchor = lastList.length ? lastList[lastList.length - 1].closest("section") || lastList[lastList.length - 1] : form;
    (anchor.parentNode || main).insertBefore(more, anchor.nextSibling);

    function chosenFacets() {
      /** @type {Record<string, string[]>} */ var chosen = {};
      boxes.forEach(function (box) {
        if (box.checked) (chosen[box.name] = chosen[box.name] || []).push(box.value);
      });
      return chosen;
    }

    function remember(/** @type {Record<string, string[]>} */ chosen) {
      var params = new URLSearchParams(window.location.search);
      Object.keys(PARAMS).forEach(function (facet) { params.delete(PARAMS[facet]); });
      Object.keys(chosen).forEach(function (facet) {
        chosen[facet].forEach(function (value) { params.append(PARAMS[facet] || facet, value); });
      });
      params.delete("toon");
      if (limit > STEP) params.set("toon", String(limit));
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function apply() {
      var chosen = chosenFacets();
      var matching = 0;
      var shown = 0;
      cards.forEach(function (/** @type {HTMLElement} */ card) {
        var match = matches(card, chosen);
        if (match) matching += 1;
        var visible = match && matching <= limit;
        /** @type {HTMLElement} */ (card.parentElement).hidden = !visible;
        if (visible) shown += 1;
        card.classList.toggle("gg-card--match", match);
      });
      sections.forEach(function (entry) {
        var inSection = entry.section.querySelectorAll(".gg-card.gg-card--match").length;
        var visible = entry.section.querySelectorAll(".sd-col:not([hidden]) > .gg-card").length;
        entry.section.hidden = visible === 0;
        if (entry.text) entry.text.nodeValue = entry.label + " (" + inSection + ")";
      });
      more.hidden = shown >= matching;
      more.textContent = "Toon meer (" + shown + " van " + matching + " getoond)";
      var count = Object.keys(chosen).reduce(function (n, f) { return n + chosen[f].length; }, 0);
      if (chosenLabel) chosenLabel.textContent = count ? "(" + count + " gekozen)" : "";
      boxes.forEach(function (box) {
        var count = 0;
        cards.forEach(function (card) {
          if (card.classList.contains("gg-f-" + box.name + "-" + box.value) && matches(card, chosen, box.name)) count += 1;
        });
        var out = box.parentElement && box.parentElement.querySelector(".gg-filter-count");
        if (out) out.textContent = String(count);
      });
      if (status) {
        status.textContent = matching === 0
          ? "Geen onderdelen passen bij alle gekozen filters."
          : matching === cards.length
            ? shown + " van de " + cards.length + " getoond."
            : matching + " van de " + cards.length + " passen bij de filters; " + shown + " getoond.";
      }
      remember(chosen);
    }

    boxes.forEach(function (box) {
      box.checked = params.getAll(PARAMS[box.name] || box.name).indexOf(box.value) !== -1;
    });
    // Folded, so the first cards are in sight; open when the address brings filters.
    fold.hidden = false;
    fold.open = boxes.some(function (b) { return b.checked; });
    if (status) status.hidden = false;
    form.addEventListener("change", function () { limit = STEP; apply(); });
    more.addEventListener("click", function () {
      var first = visibleCount();
      limit += STEP;
      apply();
      var next = cards.filter(function (/** @type {HTMLElement} */ card) {
        return !(/** @type {HTMLElement} */ (card.parentElement).hidden);
      })[first];
      var link = next && next.querySelector("a");
      if (link) link.focus();
    });
    /** How many cards show now. */
    function visibleCount() {
      return cards.filter(function (/** @type {HTMLElement} */ card) {
        return !(/** @type {HTMLElement} */ (card.parentElement).hidden);
      }).length;
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      boxes.forEach(function (box) { box.checked = false; });
      limit = STEP;
      apply();
    });
    apply();
  }
  document.querySelectorAll("form.gg-card-filter").forEach(function (form) {
    setUp(/** @type {HTMLFormElement} */ (form));
  });
})();
