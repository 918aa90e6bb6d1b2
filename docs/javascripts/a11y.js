// Keyboard access to what scrolls sideways (axe: scrollable-region-focusable): code blocks, the wrappers
// material puts around tables, notebook cells. Material builds some of them in the browser, so this
// runs on every emission of `document$` (a full load or instant navigation).
(function () {
  "use strict";
  const SCROLLERS = ".md-typeset pre > code, .md-typeset__scrollwrap, .jupyter-wrapper pre";
  document$.subscribe(() => {
    document.querySelectorAll(SCROLLERS).forEach((e) => {
      if (!e.hasAttribute("tabindex")) e.setAttribute("tabindex", "0");
    });
  });
})();
