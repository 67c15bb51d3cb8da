// @ts-check
/**
 * guidegen decision trees: one question at a time over the page's outline (the
 * no-JavaScript version). The hash is the current step, `?antwoorden=2.1` the answers
 * given. Answers that do not lead to the step, or a step with several routes and no
 * answers, show the step without a trail and say so. See README "Decision trees".
 */
(function () {
  "use strict";

  /** @typedef {{label: string, next: string}} Answer */
  /** @typedef {{question: string, answer: number}} Step */

  /** @param {HTMLElement} root */
  function setUp(root) {
    /** @type {Record<string, HTMLElement>} */
    var nodes = {};
    root.querySelectorAll(".gg-node").forEach(function (el) {
      if (el instanceof HTMLElement && el.id) nodes[el.id] = el;
    });
    var start = root.dataset.start || "";
    if (!nodes[start]) return;

    /** @param {string} id @returns {Answer[]} */
    function answersOf(id) {
      var links = nodes[id].querySelectorAll(":scope > ul.gg-answers > li > p > a.gg-answer");
      return Array.prototype.map.call(links, function (/** @type {HTMLAnchorElement} */ a) {
        return { label: a.textContent || "", next: decodeURIComponent(a.hash.slice(1)) };
      });
    }
    /** @param {string} id */
    function isQuestion(id) { return nodes[id].classList.contains("gg-question"); }
    /** @param {string} id @param {string} selector */
    function textOf(id, selector) {
      var el = nodes[id].querySelector(":scope > " + selector);
      if (!el) return "";
      var copy = /** @type {HTMLElement} */ (el.cloneNode(true));
      copy.querySelectorAll("strong").forEach(function (s) { s.remove(); });
      return (copy.textContent || "").trim();
    }
    /** @param {string} id */
    function codeOf(id) {
      var el = nodes[id].querySelector(":scope > p .gg-code");
      return el ? el.textContent || "" : "";
    }
    /** Up to two paths of answers from the start to `target` (one: the only route). */
    function pathsTo(/** @type {string} */ target) {
      /** @type {Step[][]} */ var found = [];
      /** @type {Step[]} */ var steps = [];
      /** @type {Record<string, boolean>} */ var dead = {};
      function visit(/** @type {string} */ id) {
        if (id === target) { found.push(steps.slice()); return; }
        if (dead[id] || !isQuestion(id)) return;
        var before = found.length;
        answersOf(id).forEach(function (a, i) {
          if (found.length > 1) return;
          steps.push({ question: id, answer: i });
          visit(a.next);
          steps.pop();
        });
        if (found.length === before) dead[id] = true;
      }
      visit(start);
      return found;
    }

    /** @param {string} tag @param {string} [cls] @param {string} [text] */
    function make(tag, cls, text) {
      var el = document.createElement(tag);
      if (cls) el.className = cls;
      if (text) el.textContent = text;
      return el;
    }
    function button(/** @type {string} */ label, /** @type {() => void} */ onClick, cls) {
      var b = /** @type {HTMLButtonElement} */ (make("button", cls || "gg-button", label));
      b.type = "button";
      b.addEventListener("click", onClick);
      return b;
    }

    var app = make("div", "gg-app");
    var live = make("p", "gg-visually-hidden");
    live.setAttribute("aria-live", "polite");
    var view = make("div", "gg-view");
    app.append(live, view);
    root.prepend(app);
    root.classList.add("gg-js");
    var diagram = root.nextElementSibling;
    var narrow = matchMedia("(max-width: 40em)").matches;
    // On a phone the first question comes right after the title; the introduction follows.
    var title = root.closest("section");
    title = title && title.querySelector(":scope > h1");
    if (narrow && title) title.after(root);

    /** @type {Step[]} */ var path = [];
    var current = start;
    var notice = "";
    var presenting = new URLSearchParams(location.search).has("presenteer");

    function present(/** @type {boolean} */ on) {
      presenting = on;
      if (on && app.requestFullscreen && !document.fullscreenElement) {
        app.requestFullscreen().catch(function () {});
      }
      if (!on && document.fullscreenElement) document.exitFullscreen();
      history.replaceState(history.state, "", address(current, path, !on));
      render(true);
    }
    document.addEventListener("fullscreenchange", function () {
      if (!document.fullscreenElement && presenting) present(false);
    });
    if (diagram && diagram.classList.contains("gg-tree-diagram")) {
      diagram.addEventListener("click", function (event) {
        var link = event.target instanceof Element && event.target.closest("a");
        var href = link ? link.getAttribute("href") || link.getAttribute("xlink:href") || "" : "";
        var id = href.slice(1);
        if (!Object.prototype.hasOwnProperty.call(nodes, id)) return;
        event.preventDefault();
        var routes = pathsTo(id);
        go(id, routes.length === 1 ? routes[0] : [], true,
          routes.length > 1 ? "Naar deze stap leiden meerdere routes; je ziet haar zonder " +
          "eerdere antwoorden. Kies \u2018Opnieuw beginnen\u2019 om je eigen route te lopen." : "");
      });
    }
    /** While presenting, the page behind the guide is inert: Tab stays in the guide. */
    function shield(/** @type {boolean} */ on) {
      document.querySelectorAll("[data-gg-shielded]").forEach(function (el) {
        el.removeAttribute("inert");
        el.removeAttribute("data-gg-shielded");
      });
      if (!on) return;
      for (var el = /** @type {Element} */ (app); el.parentElement && el !== document.body; el = el.parentElement) {
        Array.prototype.forEach.call(el.parentElement.children, function (/** @type {Element} */ other) {
          if (other === el || other.hasAttribute("inert") || other instanceof HTMLScriptElement) return;
          other.setAttribute("inert", "");
          other.setAttribute("data-gg-shielded", "");
        });
      }
    }
    document.addEventListener("keydown", function (event) {
      if (!presenting || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target instanceof HTMLInputElement) return;
      var choices = Array.prototype.slice.call(view.querySelectorAll(".gg-choice"));
      var at = choices.indexOf(document.activeElement);
      var key = event.key;
      var move = { ArrowRight: 1, ArrowDown: 1, " ": 1, ArrowUp: -1 }[key];
      if (move && !(key === " " && at >= 0) && choices.length) {
        choices[(at + move + choices.length) % choices.length].focus();
      } else if (key === "ArrowLeft" || key === "Backspace") {
        back();
      } else if (/^[1-9]$/.test(key) && choices[Number(key) - 1]) {
        choices[Number(key) - 1].click();
      } else if (key === "Escape" && !document.fullscreenElement) {
        present(false);
      } else {
        return;
      }
      event.preventDefault();
    });

    /** @param {Step[]} steps */
    function numbers(steps) { return steps.map(function (s) { return s.answer + 1; }).join("."); }
    /** The address of a step: its answers in the query, its node in the hash. */
    function address(/** @type {string} */ id, /** @type {Step[]} */ steps, clean) {
      var query = new URLSearchParams(location.search);
      query.delete("antwoorden");
      if (clean) query.delete("presenteer");
      else if (presenting) query.set("presenteer", "");
      if (steps.length) query.set("antwoorden", numbers(steps));
      var search = query.toString().replace(/=(?=&|$)/g, "");
      return location.pathname + (search ? "?" + search : "") + "#" + encodeURIComponent(id);
    }
    function go(/** @type {string} */ id, /** @type {Step[]} */ steps, focus, message) {
      current = id;
      path = steps;
      notice = message || "";
      history.pushState({ guidegen: steps }, "", address(id, steps));
      render(focus !== false);
    }
    function answer(/** @type {number} */ index) {
      var next = answersOf(current)[index].next;
      go(next, path.concat([{ question: current, answer: index }]));
    }
    function back() {
      var previous = path[path.length - 1];
      if (previous) go(previous.question, path.slice(0, -1));
    }
    function restart() { go(start, []); }

    function trail() {
      var box = make("nav", "gg-trail");
      box.setAttribute("aria-label", "Je antwoorden tot nu toe");
      box.append(make("h2", "gg-trail-title", "Je antwoorden tot nu toe"));
      var list = make("ol");
      path.forEach(function (step, number) {
        var item = make("li");
        item.append(make("span", "gg-trail-question",
          codeOf(step.question) + " " + textOf(step.question, ".gg-question-text")));
        item.append(document.createTextNode(" "));
        item.append(make("strong", "gg-trail-answer", answersOf(step.question)[step.answer].label));
        item.append(document.createTextNode(" "));
        var change = button("Wijzig", function () {
          go(step.question, path.slice(0, number));
        }, "gg-link-button");
        change.setAttribute("aria-label", "Wijzig antwoord " + (number + 1));
        item.append(change);
        list.append(item);
      });
      box.append(list);
      return box;
    }

    function render(/** @type {boolean} */ focus) {
      view.replaceChildren();
      var outcome = !isQuestion(current);
      // On a question the trail comes first; on an outcome the heading (focused)
      // comes first and the trail follows the advice, so Tab goes on from there.
      if (notice) {
        var said = make("p", "gg-notice", notice);
        said.setAttribute("role", "status");
        view.append(said);
      }
      if (path.length && !outcome) view.append(trail());
      var step = make("section", "gg-step");
      var heading = make("h2", "gg-step-title");
      heading.id = "gg-stap-" + current;
      heading.tabIndex = -1;
      step.setAttribute("aria-labelledby", heading.id);
      step.append(heading);
      if (!outcome) {
        heading.textContent = "Vraag " + (path.length + 1) + " (" + codeOf(current) + "): " +
          textOf(current, ".gg-question-text");
        var help = nodes[current].querySelector(":scope > .gg-help");
        if (help && (narrow || presenting)) {
          var fold = make("details", "gg-help-fold");
          fold.append(make("summary", "", "Toelichting bij deze vraag"), help.cloneNode(true));
          step.append(fold);
        } else if (help) step.append(help.cloneNode(true));
        var choices = make("div", "gg-choices");
        choices.setAttribute("role", "group");
        choices.setAttribute("aria-labelledby", heading.id);
        answersOf(current).forEach(function (a, index) {
          choices.append(button(a.label, function () { answer(index); }, "gg-choice"));
        });
        step.append(choices);
        live.textContent = "Vraag " + (path.length + 1) + ".";
      } else {
        heading.textContent = "Advies (" + codeOf(current) + "): " +
          textOf(current, ".gg-outcome-title");
        var body = nodes[current].querySelector(":scope > .gg-outcome-body");
        if (body) step.append(body.cloneNode(true));
        step.append(make("p", "gg-summary-note",
          "Samenvatting van je route: de antwoorden hieronder leidden tot dit advies."));
        step.append(button("Afdrukken", function () { window.print(); }));
        live.textContent = "Advies.";
      }
      view.append(step);
      if (path.length && outcome) view.append(trail());
      var controls = make("div", "gg-controls");
      if (path.length) controls.append(button("Vorige vraag", back));
      if (current !== start) controls.append(button("Opnieuw beginnen", restart));
      controls.append(button(presenting ? "Stop presentatie" : "Presenteer", function () {
        present(!presenting);
      }));
      view.append(controls);
      root.classList.toggle("gg-present", presenting);
      shield(presenting);
      var qr = nodes[current].querySelector(":scope > template[data-antwoorden=\"" +
        numbers(path) + "\"]") || nodes[current].querySelector(":scope > template:not([data-antwoorden])");
      if (presenting) {
        view.append(make("p", "gg-present-keys", "Toetsen: pijltjes of spatie kiezen een " +
          "antwoord, Enter bevestigt, pijl naar links gaat terug, Esc stopt."));
      }
      if (presenting && qr instanceof HTMLTemplateElement) {
        var code = make("figure", "gg-present-qr");
        code.append(qr.content.cloneNode(true), make("figcaption", "", "Scan voor deze stap"));
        view.append(code);
      }
      var link = make("p", "gg-permalink");
      var anchor = /** @type {HTMLAnchorElement} */ (make("a"));
      anchor.href = address(current, path, true);
      anchor.textContent = anchor.href;
      link.append("Link naar deze stap: ", anchor);
      view.append(link);
      if (focus) heading.focus();
    }

    /** The hash as a node id, or "" when it is empty, malformed or no step. */
    function hashId() {
      var id = "";
      try {
        id = decodeURIComponent(location.hash.slice(1));
      } catch (e) {
        return "";
      }
      return Object.prototype.hasOwnProperty.call(nodes, id) ? id : "";
    }
    /** Where the answers `given` lead from the start, and the steps, or null. */
    function walkAnswers(/** @type {string} */ given) {
      if (!/^[1-9][0-9]*(\.[1-9][0-9]*)*$/.test(given)) return null;
      /** @type {Step[]} */ var steps = [];
      var at = start;
      var numbers = given.split(".");
      for (var i = 0; i < numbers.length; i++) {
        if (!isQuestion(at)) return null;
        var options = answersOf(at);
        var index = Number(numbers[i]) - 1;
        if (index >= options.length || !nodes[options[index].next]) return null;
        steps.push({ question: at, answer: index });
        at = options[index].next;
      }
      return { steps: steps, at: at };
    }
    function fromLocation(/** @type {boolean} */ focus) {
      var id = hashId();
      var state = history.state && history.state.guidegen;
      var given = new URLSearchParams(location.search).get("antwoorden");
      var walked = given === null ? null : walkAnswers(given);
      notice = "";
      if (id && Array.isArray(state)) {
        current = id;
        path = state;
      } else if (walked && (!id || walked.at === id)) {
        current = walked.at;
        path = walked.steps;
      } else {
        current = id || start;
        var routes = pathsTo(current);
        path = routes.length === 1 ? routes[0] : [];
        if (given !== null) {
          notice = id ? "De antwoorden in dit adres leiden niet naar deze stap. Je ziet de " +
            "stap zonder eerdere antwoorden." : "De antwoorden in dit adres passen niet bij " +
            "deze beslisboom. Je begint bij de eerste vraag.";
        } else if (routes.length > 1) {
          notice = "Dit adres noemt de stap, maar niet de antwoorden ernaartoe, en er leiden " +
            "meerdere routes naartoe. Kies \u2018Opnieuw beginnen\u2019 om je route te lopen.";
        }
      }
      if (id || given !== null) {
        history.replaceState({ guidegen: path }, "", address(current, path));
      }
      render(focus);
    }
    // popstate fires for back/forward and for a changed address alike. Other anchors
    // on the page (the skip link, headings) are not steps: leave the guide alone then.
    window.addEventListener("popstate", function () {
      if (!location.hash || hashId()) fromLocation(true);
    });
    fromLocation(Boolean(hashId() || location.search.indexOf("antwoorden") >= 0));
  }

  function init() {
    document.querySelectorAll(".gg-tree").forEach(function (root) {
      if (root instanceof HTMLElement) setUp(root);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
