// MathJax 4, served from the site (docs/assets/vendor, copied from npm by `make`), loaded only on pages
// that have maths: this file is on every page (1 kB); MathJax itself (~1 MB) is fetched the first time
// a page with maths is shown, on a full load or after instant navigation. While MathJax typesets, the
// article is hidden (html.tv-typesetting, at most HOLD_MS): raw TeX is longer than its typeset form,
// and lines reflowing under the reader's eyes were most of the pages' layout shift.
(function () {
  "use strict";
  const MATHJAX_URL = new URL("../assets/vendor/mathjax/tex-chtml.js", document.currentScript.src);
  const HOLD_MS = 4000;

  window.MathJax = {
    loader: {
      // fonts default to a CDN; point them at the vendored @mathjax/mathjax-newcm-font package
      paths: { fonts: "[mathjax]/../@mathjax" },
    },
    tex: {
      inlineMath: [["\\(", "\\)"], ["$", "$"]],
      displayMath: [["\\[", "\\]"], ["$$", "$$"]],
      processEscapes: true,
      processEnvironments: true,
    },
    output: {
      displayOverflow: "linebreak", // a display equation wider than the column breaks at its operators
      linebreaks: { inline: false }, // an inline expression is never split across two lines
    },
    options: {
      // typeset only arithmatex spans and notebook markdown, not code or navigation
      ignoreHtmlClass: "md-header|md-container",
      processHtmlClass: "arithmatex|jp-RenderedMarkdown",
      // Speech and Braille generation load ~1.2 MB of speech-rule-engine on every first visit; keep
      // them off by default (a reader can switch them on in MathJax's menu) and give screen readers
      // the cheap hidden MathML instead.
      menuOptions: {
        settings: { enrich: false, speech: false, braille: false, assistiveMml: true },
      },
    },
    startup: {
      // MathJax typesets the page it finds when it starts; remember which one
      pageReady: () => MathJax.startup.defaultPageReady().then(() => { typeset = content(); })
        .then(settled).finally(release),
    },
  };

  let loaded = false;
  let typeset = null; // the content element whose maths is typeset
  let holdTimer = null;
  let queue = Promise.resolve(); // typesets run one after another, never interleaved

  // Material's instant navigation replaces the content element; a full load or a reload builds a new one.
  const content = () => document.querySelector("article.md-content__inner") || document.body;

  function hasMaths() {
    if (document.querySelector(".arithmatex")) return true;
    return [...document.querySelectorAll(".jp-RenderedMarkdown")].some((e) => /\$|\\\(|\\\[/.test(e.textContent));
  }

  function hold() {
    document.documentElement.classList.add("tv-typesetting");
    clearTimeout(holdTimer);
    holdTimer = setTimeout(release, HOLD_MS); // never hide a page for long, whatever MathJax does
  }

  function release() {
    clearTimeout(holdTimer);
    document.documentElement.classList.remove("tv-typesetting");
  }

  // Typeset maths is laid out in MathJax's web fonts, which load only once the layout asks for them:
  // force a layout, wait for the fonts, then for the frame that uses them.
  function settled() {
    void document.body.offsetHeight;
    return document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  function load() {
    loaded = true;
    const script = document.createElement("script");
    script.src = MATHJAX_URL;
    script.async = true;
    document.body.append(script); // not <head>: instant navigation prunes what it added there
  }

  // Typeset a page shown by instant navigation, and only such a page: re-typesetting the page MathJax
  // has just typeset at start-up (clearing its cache) drops its stylesheet, and accents and fractions
  // then render flat. After a navigation the cache must be cleared: material has removed MathJax's
  // stylesheet from <head> (it keeps only what the new page's <head> has), and MathJax re-creates
  // only the styles it believes missing.
  function retypeset() {
    queue = queue.then(() => MathJax.startup.promise).then(() => {
      const el = content();
      if (el === typeset) return;
      typeset = el;
      MathJax.startup.output.clearCache();
      MathJax.typesetClear();
      MathJax.texReset();
      return MathJax.typesetPromise();
    }).then(settled).catch((e) => console.error(e)).finally(release);
  }

  if (hasMaths()) hold(); // now, before the first paint: this script runs at the end of <body>
  document$.subscribe(() => {
    if (!hasMaths()) return release();
    hold();
    if (!loaded) load(); // start-up typesets this page
    else retypeset();
  });
})();
