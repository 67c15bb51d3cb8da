/* The profile form's advice counts: per chapter, how many rules from the handbook the
   guideline gets with the current choices. It applies the selection rules of
   guideline/assemble.py to the data the build exports (#gg-advice-data, made by
   guideline/advicedata.py) and follows the form's "gg-profile-change" events.
   tests/test_advice_counts.py compares its numbers with assemble() in Python. */
"use strict";
(function () {
  const form = document.getElementById("gg-profile-form");
  const box = document.getElementById("gg-advice");
  const source = document.getElementById("gg-advice-data");
  if (!form || !box || !source) return;
  const data = JSON.parse(source.textContent);
  const total = document.getElementById("gg-advice-total");
  const list = document.getElementById("gg-advice-list");
  const live = document.getElementById("gg-advice-live");
  const chapterTitles = new Map(data.chapters);
  const legal = new Set(data.legal || []);
  const ANNOUNCE_AFTER = 1500;
  let announced = null;
  let timer = null;

  const listOf = (value) => (Array.isArray(value) ? value.map(String) : []);
  const plural = (n, one, many) => (n === 0 ? "geen " + many : n + " " + (n === 1 ? one : many));
  const advice = (n) => plural(n, "advies", "adviezen");

  /* A whole number within the bounds of the form's field, else null. */
  function wholeNumber(value, fallback, path) {
    if (value === undefined) return fallback;
    const field = form.querySelector('[data-gg-path="' + path + '"]');
    const min = field && field.dataset.ggMinimum ? Number(field.dataset.ggMinimum) : -Infinity;
    const max = field && field.dataset.ggMaximum ? Number(field.dataset.ggMaximum) : Infinity;
    return Number.isInteger(value) && value >= min && value <= max ? value : null;
  }

  /* The profile's choices with the defaults of profile.py filled in, or a reason why not. */
  function choices(profile) {
    const organisation = profile.organisation || {};
    const type = organisation.type;
    if (!type || !data.defaults.audiences[type]) {
      return { missing: "Kies het soort organisatie; dan zie je hier wat je richtlijn bevat." };
    }
    const defaults = data.defaults;
    const limit = wholeNumber(profile.rules_per_chapter, defaults.rulesPerChapter, "rules_per_chapter");
    const maxCases = wholeNumber(profile.max_cases, defaults.maxCases, "max_cases");
    if (limit === null || maxCases === null) {
      return { missing: "Vul bij de aantallen een geldig heel getal in; dan zie je hier weer wat je richtlijn bevat." };
    }
    return {
      type: type,
      called: organisation.short_name || organisation.name || "de organisatie",
      goals: "goals" in profile ? listOf(profile.goals) : defaults.goals,
      platforms: new Set("platforms" in profile ? listOf(profile.platforms) : defaults.platforms),
      audiences: new Set("audiences" in profile ? listOf(profile.audiences) : defaults.audiences[type]),
      include: new Set(listOf(profile.include)),
      exclude: new Set(listOf(profile.exclude)),
      limit: limit,
      maxCases: maxCases,
    };
  }

  /* assemble._Fit: excluded never, included always, else type, platforms and audiences. */
  function fits(record, c) {
    if (c.exclude.has(record.id)) return false;
    if (c.include.has(record.id)) return true;
    // A rule or example that names another type's bodies ('raadslid' for a province),
    // or a rule that a rule written for the type replaces (assemble.replaced_rules).
    if (record.notFor && record.notFor.includes(c.type)) return false;
    const some = (values, chosen) => !values || values.some((v) => chosen.has(v));
    return (!record.types || record.types.includes(c.type)) &&
      some(record.platforms, c.platforms) && some(record.audiences, c.audiences);
  }

  /* How many of ``ids`` a group keeps: the limit, or more when the profile includes more. */
  function kept(ids, limit, c) {
    const forced = ids.filter((id) => c.include.has(id)).length;
    return Math.min(ids.length, Math.max(limit, forced));
  }

  /* What the guideline holds for these choices (assemble.assemble, counted). */
  function count(c) {
    const byId = new Map(data.strategies.map((s) => [s.id, s]));
    const goalStrategies = [];
    for (const goal of c.goals) {
      for (const id of data.goals[goal] || []) if (!goalStrategies.includes(id)) goalStrategies.push(id);
    }
    const chosen = [...goalStrategies, ...data.strategies.map((s) => s.id).filter(
      (id) => c.include.has(id) && !goalStrategies.includes(id))]
      .map((id) => byId.get(id)).filter((s) => s && fits(s, c));
    const themes = new Set(chosen.flatMap((s) => s.themes));
    const chapters = new Map();
    const general = new Map();
    for (const rule of data.rules) {
      if (!fits(rule, c)) continue;
      // A rule about a goal theme none of the goals has stays out (assemble's off_goal).
      const offGoal = rule.goalThemes && !rule.goalThemes.some((t) => themes.has(t));
      if (offGoal && !c.include.has(rule.id)) continue;
      if (rule.chapter) {
        (chapters.get(rule.chapter) || chapters.set(rule.chapter, []).get(rule.chapter)).push(rule.id);
      } else {
        (general.get(rule.theme) || general.set(rule.theme, []).get(rule.theme)).push(rule.id);
      }
    }
    const cases = data.cases.filter((k) => fits(k, c));
    const forcedCases = cases.filter((k) => c.include.has(k.id)).length;
    const generalLimit = Math.max(1, Math.floor(c.limit / 2));
    return {
      // A legal chapter keeps every rule of its law that fits.
      chapters: data.chapters.map(([key]) => {
        const ids = chapters.get(key) || [];
        return [key, legal.has(key) ? ids.length : kept(ids, c.limit, c)];
      }),
      general: [...general].map(([theme, ids]) => [theme, kept(ids, generalLimit, c)]),
      strategies: chosen.filter((s) => goalStrategies.includes(s.id)).length,
      cases: forcedCases + Math.min(cases.length - forcedCases, Math.max(0, c.maxCases - forcedCases)),
    };
  }

  /* A short line under the number fields, which sit far below the overview. */
  function note(path) {
    const field = form.querySelector('[data-gg-path="' + path + '"]');
    const container = field && field.closest(".gg-field");
    if (!container) return null;
    const made = document.createElement("p");
    made.className = "gg-advice-note";
    made.id = "gg-advice-note-" + path.replace(/_/g, "-");
    made.hidden = true;
    container.after(made);
    return made;
  }
  const notes = { rules: note("rules_per_chapter"), cases: note("max_cases") };

  function showNote(made, text) {
    if (!made) return;
    made.hidden = !text;
    if (!text) {
      made.replaceChildren();
      return;
    }
    const link = document.createElement("a");
    link.href = "#gg-advice";
    link.textContent = "Bekijk wat je richtlijn bevat";
    made.replaceChildren(text + " ", link);
  }

  function item(text, attributes) {
    const li = document.createElement("li");
    li.textContent = text;
    for (const [name, value] of Object.entries(attributes)) li.dataset[name] = String(value);
    return li;
  }

  function show(profile) {
    const c = choices(profile);
    if (c.missing) {
      total.textContent = c.missing;
      list.replaceChildren();
      showNote(notes.rules, "");
      showNote(notes.cases, "");
      return "";
    }
    const counted = count(c);
    const items = counted.chapters.map(([key, n]) => {
      const title = chapterTitles.get(key).replace("{org}", c.called);
      const extra = key === "strategy" ? plural(counted.strategies, "strategie", "strategieën") + " en " : "";
      return item(title + " — " + extra + advice(n), { ggChapter: key, ggCount: n });
    });
    for (const [theme, n] of counted.general) {
      items.push(item("Overige regels, " + (data.themes[theme] || theme) + " — " + advice(n), { ggTheme: theme, ggCount: n }));
    }
    list.replaceChildren(...items);
    const rules = [...counted.chapters, ...counted.general].reduce((sum, [, n]) => sum + n, 0);
    const filled = counted.chapters.filter(([, n]) => n > 0).length;
    total.dataset.ggRules = rules;
    total.dataset.ggStrategies = counted.strategies;
    total.dataset.ggCases = counted.cases;
    showNote(notes.rules, "Met dit aantal krijgt je richtlijn " + advice(rules) + " uit het handboek.");
    showNote(notes.cases, "Met deze keuzes krijgt je richtlijn " +
      plural(counted.cases, "praktijkvoorbeeld", "praktijkvoorbeelden") + ".");
    total.textContent = "Je richtlijn bevat nu " + advice(rules) + " uit het handboek in " +
      plural(filled, "hoofdstuk", "hoofdstukken") + ", " +
      plural(counted.strategies, "strategie", "strategieën") + " en " +
      plural(counted.cases, "praktijkvoorbeeld", "praktijkvoorbeelden") + ".";
    return total.textContent;
  }

  /* One polite message once the choices have settled, only when the totals changed. */
  function announce(text) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (text && text !== announced) live.textContent = text;
      announced = text;
    }, ANNOUNCE_AFTER);
  }

  form.addEventListener("gg-profile-change", (event) => {
    const text = show(event.detail.profile);
    if (announced === null) announced = text; // the page's first state is not announced
    else announce(text);
  });
  if (form.guidegen) announced = show(form.guidegen.profile());
  box.hidden = false;
})();
