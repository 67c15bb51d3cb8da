// @ts-check
/** The header's menu button: on narrow screens it shows and hides the main menu.
 *  Without JavaScript the button stays hidden and the menu is always shown. */
(function () {
  "use strict";
  var button = document.querySelector(".gg-menu-button");
  var menu = document.getElementById("gg-menu");
  if (!button || !menu) return;
  var narrow = window.matchMedia("(max-width: 47.99em)");
  /** @param {boolean} open */
  function set(open) {
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("gg-nav--closed", !open);
  }
  button.hidden = false;
  document.documentElement.classList.add("gg-has-menu");
  set(!narrow.matches);
  narrow.addEventListener("change", function () { set(!narrow.matches); });
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches && button.getAttribute("aria-expanded") === "true") {
      set(false);
      /** @type {HTMLElement} */ (button).focus();
    }
  });
})();
