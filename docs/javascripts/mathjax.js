// MathJax 4, served from the site (docs/assets/vendor, copied from npm by `make`): no CDN.
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
};

// Instant navigation swaps page content without a reload: typeset each new page.
document$.subscribe(() => {
  if (!window.MathJax.typesetPromise) return; // first load: MathJax typesets by itself
  MathJax.startup.output.clearCache();
  MathJax.typesetClear();
  MathJax.texReset();
  MathJax.typesetPromise();
});
