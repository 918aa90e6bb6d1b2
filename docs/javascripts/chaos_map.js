// toyviz — the interactive chaos map of docs/beyond/chaos.md ("Is it chaotic?"), loaded by a <script>
// in that page only (never through mkdocs.yml's extra_javascript, which would load it everywhere).
//
// Markup:  <div class="tv-chaos-map" data-boundary="learnt"></div>   (or data-boundary="perfect")
//
// Data: figures/beyond/chaos_tiles.json and one PNG sprite per boundary, written by
// figures_src/beyond/chaos_tiles.py. The sprite holds every zoom level of every centre (row = centre,
// column = level); each pixel is one training run coloured by its outcome label. Nothing is fetched
// until a map scrolls into view (IntersectionObserver). Zoom in and out between levels with the
// buttons or +/−; the centre buttons pan to another randomly drawn boundary point; hovering names the
// pixel's δ (or α), learning rate and outcome. With the map focused, the arrow keys move a pixel
// cursor (Shift: 16 pixels) that reads out the same way. A click, or Enter on the cursor, opens that
// pixel's run in the toy playground in a new tab (the map's level and centre are not in its URL, so a
// new tab keeps the reader's place and lets them compare neighbouring runs); the readout's link does the
// same. The run starts from the map's hand-built state with the exact float64 inputs of the pixel's run
// (chaos_starts_*.json, fetched on the first pointer or focus on the map). Material's instant navigation
// re-runs this script: mounting is idempotent (`data-tv-mounted`) and the first copy keeps the registry.
//
// Tests use `window.toyvizChaosMap.instances`, each with `api.view()`, `api.setView(point, level)`
// and `api.readoutAt(col, row)` (tile pixel coordinates, row 0 at the top; `href` once the starts are
// loaded), `api.startsReady()` (a Promise).
(function () {
  "use strict";
  if (window.toyvizChaosMap) { window.toyvizChaosMap.mountAll(); return; }

  const SCRIPT_URL = document.currentScript ? document.currentScript.src : location.href;
  const FIGURES = new URL("../figures/beyond/", SCRIPT_URL);
  const CSS = `
.tv-chaos-map { margin: 1em 0; max-width: 540px; }
.tv-chaos-map canvas { width: 100%; aspect-ratio: 1; image-rendering: pixelated; display: block;
  border: 1px solid var(--md-default-fg-color--lighter, #ccc); background: var(--md-code-bg-color, #eee); cursor: crosshair; }
.tv-chaos-map .tv-cm-bar { display: flex; flex-wrap: wrap; gap: .3em; align-items: center; margin: .3em 0; font-size: .75rem; }
.tv-chaos-map button { font: inherit; padding: .15em .6em; border-radius: .2em; cursor: pointer;
  border: 1px solid var(--md-default-fg-color--lighter, #999); background: var(--md-default-bg-color, #fff); color: var(--md-default-fg-color, #222); }
.tv-chaos-map button[aria-pressed="true"] { background: var(--md-accent-fg-color, #526cfe); color: #fff; }
.tv-chaos-map button:disabled { opacity: .4; cursor: default; }
.tv-chaos-map .tv-cm-readout { font-family: var(--md-code-font-family, monospace); font-size: .7rem; min-height: 2.6em; }
.tv-chaos-map .tv-cm-legend span { display: inline-flex; align-items: center; gap: .25em; margin-right: .7em; font-size: .7rem; }
.tv-chaos-map .tv-cm-legend i { width: .8em; height: .8em; display: inline-block; border: 1px solid #0003; }`;

  const PLAYGROUND = new URL("../playground/toy/", SCRIPT_URL);
  const loaded = new Map();
  /** A figure's JSON, fetched once (a failed fetch is forgotten, so the next call retries). */
  function loadJson(name) {
    if (!loaded.has(name)) {
      const url = new URL(name, FIGURES);
      const promise = fetch(url).then((r) => {
        if (!r.ok) throw new Error(`chaos map: ${url} answered HTTP ${r.status} (toyviz figures build --only 'beyond/chaos_tiles')`);
        return r.json();
      });
      promise.catch(() => loaded.delete(name));
      loaded.set(name, promise);
    }
    return loaded.get(name);
  }
  const loadIndex = () => loadJson("chaos_tiles.json");

  /** base64 of little-endian float64 values (chaos_tiles.py `b64`) → their exact numbers. */
  function float64s(text) {
    const bin = atob(text), view = new DataView(new ArrayBuffer(bin.length));
    for (let i = 0; i < bin.length; i++) view.setUint8(i, bin.charCodeAt(i));
    return Array.from({ length: bin.length / 8 }, (_, i) => view.getFloat64(8 * i, true));
  }

  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    e.append(...children);
    return e;
  }

  const fmt = (v) => (Math.abs(v) >= 1e-3 || v === 0 ? v.toPrecision(6) : v.toExponential(5));
  const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

  function mount(el, index) {
    const spec = index.boundaries.find((b) => b.boundary === (el.dataset.boundary || "learnt"));
    if (!spec) throw new Error(`chaos map: no boundary ${el.dataset.boundary}`);
    const side = spec.side, palette = index.palette.map(hex);
    const state = { point: 0, level: 0, ready: false };
    const canvas = h("canvas", { width: side, height: side, role: "img",
      "aria-label": `outcome map of the ${spec.boundary} boundary; hover for a run's parameters` });
    const tile = h("canvas", { width: side, height: side });          // the current tile at native size
    const tctx = tile.getContext("2d", { willReadFrequently: true });
    const readout = h("div", { class: "tv-cm-readout", "aria-live": "polite", text: "loading the runs…" });
    const where = h("span", { class: "tv-cm-where" });
    const zin = h("button", { type: "button", text: "zoom in ×" + spec.factor, onclick: () => go(state.point, state.level + 1) });
    const zout = h("button", { type: "button", text: "zoom out", onclick: () => go(state.point, state.level - 1) });
    const pts = [...Array(spec.points).keys()].map((p) =>
      h("button", { type: "button", text: String(p + 1), "aria-label": `centre ${p + 1}`, onclick: () => go(p, Math.max(state.level, 1)) }));
    const legend = h("div", { class: "tv-cm-legend" }, ...index.labels.map((name, i) =>
      h("span", {}, h("i", { style: `background:${index.palette[i]}` }), name)));
    el.replaceChildren(h("div", { class: "tv-cm-bar" }, zout, zin, h("span", { text: "centre:" }), ...pts, where),
      canvas, readout, legend);
    el.tabIndex = 0;
    el.setAttribute("role", "group");
    el.setAttribute("aria-label", `outcome map of the ${spec.boundary} boundary: arrow keys move a pixel cursor, Enter opens its run in the playground, + and − zoom`);
    let cursor = null;                                                 // the keyboard's pixel, [col, row]
    el.addEventListener("keydown", (e) => {
      if (e.key === "+" || e.key === "=") go(state.point, state.level + 1);
      else if (e.key === "-") go(state.point, state.level - 1);
      const move = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
      if (move && state.ready) {
        const k = e.shiftKey ? 16 : 1, [c, r] = cursor || [side >> 1, side >> 1];
        cursor = [Math.min(side - 1, Math.max(0, c + move[0] * k)), Math.min(side - 1, Math.max(0, r + move[1] * k))];
        e.preventDefault(); draw(); show(...cursor);
      } else if (e.key === "Enter" && cursor && e.target === el) {
        e.preventDefault(); open(...cursor);
      }
    });
    el.addEventListener("blur", () => { if (cursor) { cursor = null; if (state.ready) draw(); } });
    // the exact inputs of every pixel's run, needed only for opening one: fetched on first interest
    let starts = null;
    const startsReady = () => loadJson(spec.starts).then((data) => {
      starts = starts || data.tiles.map((t) => ({ lr: float64s(t.lr), cos: t.cos && float64s(t.cos), sin: t.sin && float64s(t.sin) }));
      return starts;
    });
    for (const type of ["pointerenter", "focus"]) el.addEventListener(type, () => { startsReady().catch(() => {}); });
    const sprite = new Image();

    function tileOf(point, level) {
      return spec.tiles.find((t) => t.level === level && (level === 0 || t.point === point));
    }
    function go(point, level) {
      if (!state.ready || level < 0 || level >= spec.levels || point < 0 || point >= spec.points) return;
      state.point = point; state.level = level;
      draw();
    }
    function draw() {
      const t = tileOf(state.point, state.level);
      tctx.clearRect(0, 0, side, side);
      tctx.drawImage(sprite, t.col * side, t.row * side, side, side, 0, 0, side, side);
      const ctx = canvas.getContext("2d");
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(tile, 0, 0);
      const next = state.level + 1 < spec.levels ? tileOf(state.point, state.level + 1) : null;
      if (next) {                                                      // where "zoom in" goes
        const px = (x) => ((x - t.x0) / (t.x1 - t.x0)) * side, py = (y) => (1 - (y - t.y0) / (t.y1 - t.y0)) * side;
        ctx.lineWidth = Math.max(1, side / 256);
        ctx.strokeStyle = "#fff"; ctx.strokeRect(px(next.x0), py(next.y1), px(next.x1) - px(next.x0), py(next.y0) - py(next.y1));
        ctx.setLineDash([4, 3]); ctx.strokeStyle = "#000";
        ctx.strokeRect(px(next.x0), py(next.y1), px(next.x1) - px(next.x0), py(next.y0) - py(next.y1));
        ctx.setLineDash([]);
      }
      if (cursor) {
        ctx.lineWidth = Math.max(1, side / 256);
        ctx.strokeStyle = "#fff"; ctx.strokeRect(cursor[0] - 1.5, cursor[1] - 1.5, 4, 4);
        ctx.strokeStyle = "#000"; ctx.strokeRect(cursor[0] - 2.5, cursor[1] - 2.5, 6, 6);
      }
      zin.disabled = state.level + 1 >= spec.levels;
      zout.disabled = state.level === 0;
      pts.forEach((b, p) => b.setAttribute("aria-pressed", String(state.level > 0 && p === state.point)));
      where.textContent = ` level ${state.level} (×${Math.pow(spec.factor, state.level).toLocaleString("en")})`;
      el.dataset.level = state.level; el.dataset.point = state.point;
    }
    function readoutAt(col, row) {
      const t = tileOf(state.point, state.level);
      const x = t.x0 + ((col + 0.5) / side) * (t.x1 - t.x0);
      const logLr = t.y1 - ((row + 0.5) / side) * (t.y1 - t.y0);     // row 0 is the top: the largest lr
      const [r, g, b] = tctx.getImageData(col, row, 1, 1).data;
      let best = 0, dist = Infinity;
      palette.forEach((c, i) => { const d = (c[0] - r) ** 2 + (c[1] - g) ** 2 + (c[2] - b) ** 2; if (d < dist) { dist = d; best = i; } });
      const out = { x, lr: Math.pow(10, logLr), logLr, outcome: index.labels[best], col, row };
      if (starts) {                                  // the run's own inputs, bit for bit
        const k = spec.tiles.indexOf(t), st = starts[k], run = spec.run;
        out.lr = st.lr[side - 1 - row];              // the starts' rows run up in lr
        const q = new URLSearchParams({ n: run.n, lr: out.lr, opt: run.optimizer, wd: run.weight_decay, steps: run.steps,
          start: run.start, rec: run.record.join(",") });
        if (run.start === "post") q.set("delta", x);
        else { q.set("alpha", x); q.set("seeds", run.seeds.join(",")); q.set("cos", st.cos[col]); q.set("sin", st.sin[col]); }
        out.href = `${PLAYGROUND.href}?${q}`;
      }
      return out;
    }
    const link = h("a", { target: "_blank", rel: "noopener", text: "open this run in the playground ↗" });
    function show(col, row) {
      const r = readoutAt(col, row);
      readout.replaceChildren(`${spec.x_name} = ${fmt(r.x)}, learning rate = ${r.lr.toExponential(6)} → ${r.outcome}`);
      if (r.href) { link.href = r.href; readout.append(" · ", link); }
    }
    /** The pixel's run in the playground, in a new tab (fetching the exact inputs first if needed). */
    function open(col, row) {
      startsReady().then(() => { window.open(readoutAt(col, row).href, "_blank", "noopener"); })
        .catch((err) => { readout.textContent = String(err.message || err); });
    }
    const pixelAt = (e) => {
      const box = canvas.getBoundingClientRect();
      return [Math.min(side - 1, Math.max(0, Math.floor(((e.clientX - box.left) / box.width) * side))),
        Math.min(side - 1, Math.max(0, Math.floor(((e.clientY - box.top) / box.height) * side)))];
    };
    canvas.addEventListener("mousemove", (e) => { if (state.ready) show(...pixelAt(e)); });
    canvas.addEventListener("click", (e) => { if (state.ready) open(...pixelAt(e)); });
    sprite.onload = () => { state.ready = true; readout.textContent = "hover the map (or focus it and use the arrow keys) for a run's parameters and outcome; click (or Enter) to open the run in the playground"; draw(); };
    sprite.onerror = () => { readout.textContent = `could not load ${spec.sprite}`; };
    sprite.src = new URL(spec.sprite, FIGURES).href;
    return { el, api: { view: () => ({ ...state }), setView: go, readoutAt, startsReady, spec } };
  }

  const registry = { instances: [], mountAll };
  window.toyvizChaosMap = registry;
  let observer = null;

  function mountAll() {
    if (!document.getElementById("tv-chaos-css")) document.head.append(h("style", { id: "tv-chaos-css" }, CSS));
    registry.instances = registry.instances.filter((i) => document.contains(i.el));
    const fresh = [...document.querySelectorAll(".tv-chaos-map:not([data-tv-mounted])")];
    if (!fresh.length) return;
    observer = observer || new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting || entry.target.dataset.tvMounted === "1") continue;
        const el = entry.target;
        el.dataset.tvMounted = "1";
        observer.unobserve(el);
        loadIndex().then((index) => registry.instances.push(mount(el, index)))
          .catch((err) => { el.textContent = String(err.message || err); });
      }
    }, { rootMargin: "200px" });
    for (const el of fresh) { el.dataset.tvMounted = "0"; observer.observe(el); }
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(mountAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
