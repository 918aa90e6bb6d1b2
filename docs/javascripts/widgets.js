// The explorable widgets' scripts, loaded only on pages that place a widget: on every emission of
// material's `document$` (a full load or instant navigation), each `<div class="tv-widget"
// data-widget="NAME">` needs the shared maths, the registry, then explorables/NAME.js, each loaded
// once and in that order (explorables/common.js mounts the widgets; see its header).
(function () {
  "use strict";
  const BASE = new URL("explorables/", document.currentScript.src);
  const SHARED = ["toymath", "common"];
  const loaded = new Set();

  function load(name) {
    if (loaded.has(name)) return;
    loaded.add(name);
    const script = document.createElement("script");
    script.src = new URL(`${name}.js`, BASE);
    script.async = false; // dynamically added scripts then run in the order they were added
    document.body.append(script); // not <head>: instant navigation prunes what it added there
  }

  document$.subscribe(() => {
    const names = [...document.querySelectorAll(".tv-widget[data-widget]")].map((e) => e.dataset.widget);
    if (!names.length) return;
    SHARED.forEach(load);
    new Set(names).forEach(load);
  });
})();
