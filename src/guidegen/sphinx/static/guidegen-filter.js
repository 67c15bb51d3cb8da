// @ts-check
/** Filter an overview's cards in place: within a facet any checked value matches,
 *  across facets all must. Sections left empty are hidden, the counts in headings and
 *  after each option follow the choice, and the choice is kept in the address
 *  (?thema=crisis&platform=facebook), so a filtered list can be bookmarked or shared.
 *  Without JavaScript the form stays hidden and the whole list shows. */
(function () {
  "use strict";
  /** Facet → its name in the address. */
  var PARAMS = { soort: "soort", themes: "thema", platforms: "platform", audiences: "doelgroep" };
  var COUNT = /\s*\(\d+\)\s*$/;

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
    var cards = Array.prototype.slice.call(main.querySelectorAll(".gg-card"));
    var boxes = /** @type {HTMLInputElement[]} */ (
      Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]")));
    var status = form.querySelector(".gg-card-filter-status");
    var sections = sectionsOf(main);

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
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function apply() {
      var chosen = chosenFacets();
      var shown = 0;
      cards.forEach(function (/** @type {HTMLElement} */ card) {
        var match = matches(card, chosen);
        /** @type {HTMLElement} */ (card.parentElement).hidden = !match;
        if (match) shown += 1;
      });
      sections.forEach(function (entry) {
        var visible = entry.section.querySelectorAll(".sd-col:not([hidden]) > .gg-card").length;
        entry.section.hidden = visible === 0;
        if (entry.text) entry.text.nodeValue = entry.label + " (" + visible + ")";
      });
      boxes.forEach(function (box) {
        var count = 0;
        cards.forEach(function (card) {
          if (card.classList.contains("gg-f-" + box.name + "-" + box.value) && matches(card, chosen, box.name)) count += 1;
        });
        var out = box.parentElement && box.parentElement.querySelector(".gg-filter-count");
        if (out) out.textContent = String(count);
      });
      if (status) {
        status.textContent = shown === 0
          ? "Geen onderdelen passen bij alle gekozen filters."
          : shown + " van de " + cards.length + " getoond.";
      }
      remember(chosen);
    }

    var params = new URLSearchParams(window.location.search);
    boxes.forEach(function (box) {
      box.checked = params.getAll(PARAMS[box.name] || box.name).indexOf(box.value) !== -1;
    });
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      boxes.forEach(function (box) { box.checked = false; });
      apply();
    });
    apply();
  }
  document.querySelectorAll("form.gg-card-filter").forEach(function (form) {
    setUp(/** @type {HTMLFormElement} */ (form));
  });
})();
