// @ts-check
/** Filter an overview's cards in place: within a facet any checked value matches,
 *  across facets all must. Without JavaScript the form stays hidden. */
(function () {
  "use strict";
  function setUp(/** @type {HTMLFormElement} */ form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll(".gg-card"));
    var status = form.querySelector(".gg-card-filter-status");
    function apply() {
      /** @type {Record<string, string[]>} */ var chosen = {};
      form.querySelectorAll("input:checked").forEach(function (box) {
        var b = /** @type {HTMLInputElement} */ (box);
        (chosen[b.name] = chosen[b.name] || []).push("gg-f-" + b.name + "-" + b.value);
      });
      var shown = 0;
      cards.forEach(function (/** @type {HTMLElement} */ card) {
        var match = Object.keys(chosen).every(function (facet) {
          return chosen[facet].some(function (cls) { return card.classList.contains(cls); });
        });
        var cell = /** @type {HTMLElement} */ (card.parentElement);
        cell.hidden = !match;
        if (match) shown += 1;
      });
      if (status) status.textContent = shown + " van de " + cards.length + " getoond.";
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }
  document.querySelectorAll("form.gg-card-filter").forEach(function (form) {
    setUp(/** @type {HTMLFormElement} */ (form));
  });
})();
