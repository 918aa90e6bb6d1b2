// toyviz explorables — what the four widgets share: the registry that mounts them, the feature
// colours, data loading, canvases, sliders and drawing of the latent plane.
//
// A widget is placed in any page by a tag
//     <div class="tv-widget" data-widget="zones" data-preset="symmetric_failure"></div>
// (see docs/explore/index.md). Material's instant navigation swaps the page without reloading the
// scripts, so mounting runs on every emission of material's `document$`: widgets whose element left
// the page are destroyed (their observers, timers and window listeners removed) and new tags are
// mounted once each (`data-tv-mounted` marks them).
//
// Tests drive widgets through `window.toyvizWidgets`: `find(name)` returns the mounted instances,
// each with an `api` (setParams, readout, ...) described in its own file.
(function () {
  "use strict";
  if (window.toyvizWidgets) return; // loaded twice: keep the first registry

  // A mirror of toyviz/theme.py's light theme (the widgets draw on a light panel), kept equal to it by
  // tests/test_palette.py: one colour per feature, W1..W6 learnt, mediumblue for the unlearnt feature 7,
  // then the extras beyond seven.
  const POST_COLORS = ["#b22222", "#ef5526", "#aa896a", "#8f8f8f", "#5a8faf", "#7b68ee"];
  const UNLEARNT = "#0000cd";
  const EXTRA = ["#2e8b57", "#b68600", "#ce65cb", "#008080", "#a0522d", "#808000", "#ed58a4"];
  const INK = "#222222", GUIDE = "#9a9a9a", POSITIVE = "royalblue";

  /** A colour per feature; mirrors toyviz.plot.style.feature_colors (`unlearnt` gets mediumblue). */
  function featureColors(n, unlearnt) {
    const base = unlearnt == null ? POST_COLORS.concat([UNLEARNT], EXTRA) : POST_COLORS.concat(EXTRA);
    if (unlearnt == null) return base.slice(0, n);
    let k = 0;
    return Array.from({ length: n }, (_, i) => (i === unlearnt ? UNLEARNT : base[k++]));
  }

  // Data lives next to the site's figures: <site>/figures/explore/*.json. The site root is found from
  // this script's own address, which does not change under instant navigation.
  const SCRIPT_URL = document.currentScript ? document.currentScript.src : location.href;
  const SITE_ROOT = new URL("../../", SCRIPT_URL);
  const dataCache = {};
  // `name`: a figure's data under figures/ ("playground/toy_presets"); a bare name is an explore figure.
  function loadData(name) {
    if (!dataCache[name]) {
      const path = name.includes("/") ? name : `explore/${name}`;
      const url = new URL(`figures/${path}.json`, SITE_ROOT);
      dataCache[name] = fetch(url).then((r) => {
        if (!r.ok) throw new Error(`toyviz explorables: ${url} answered HTTP ${r.status} (build the figures: toyviz figures build --only '${path.split("/")[0]}/*')`);
        return r.json();
      });
      dataCache[name].catch(() => delete dataCache[name]);
    }
    return dataCache[name];
  }

  // ---- small DOM helpers -------------------------------------------------------------------------
  let uid = 0;
  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c != null) e.append(c);
    return e;
  }

  /** A labelled <input type="range"> with its value shown; onInput(value) on every change. The value
   *  is kept exactly as set (`set(v)` may fall between the input's steps): what the row shows and
   *  `value` are the same number, formatted in one place (`fmt`). */
  function slider({ label, min, max, step, value, fmt = (v) => v.toFixed(2), onInput, cls }) {
    const id = `tv-in-${++uid}`;
    const out = h("output", { for: id, class: "tv-value" });
    const input = h("input", { type: "range", id, min, max, step, value });
    let current = +value;
    const show = () => { out.textContent = fmt(current); };
    input.addEventListener("input", () => { current = +input.value; show(); onInput && onInput(current); });
    show();
    const row = h("div", { class: "tv-slider" + (cls ? " " + cls : "") }, h("label", { for: id }, label), input, out);
    return {
      row, input, fmt,
      set(v) { current = +v; input.value = v; show(); },
      get value() { return current; },
    };
  }

  /** A labelled <select>; options [[value, text], ...]. */
  function select({ label, options, value, onChange }) {
    const id = `tv-in-${++uid}`;
    const s = h("select", { id }, options.map(([v, t]) => h("option", { value: v, text: t })));
    if (value != null) s.value = value;
    s.addEventListener("change", () => onChange && onChange(s.value));
    return { row: h("div", { class: "tv-select" }, h("label", { for: id }, label), s), input: s };
  }

  /** A canvas that keeps a CSS size set by its container and a device-pixel backing store. `draw(ctx,
   *  w, h)` is called in CSS pixels. `aspect` = height / width, or a function of the width. */
  function canvasBox(inst, { aspect = 1, maxWidth = 460, label, draw }) {
    const canvas = h("canvas", { class: "tv-canvas", role: "img", "aria-label": label });
    const box = h("div", { class: "tv-canvas-box" }, canvas);
    box.style.maxWidth = maxWidth + "px";
    // the box takes its final height before the first resize (no layout shift when it is drawn)
    if (typeof aspect === "number") box.style.aspectRatio = `1 / ${aspect}`;
    let W = 0, H = 0;
    const ctx = canvas.getContext("2d");
    function redraw() {
      if (!W) return;
      const dpr = window.devicePixelRatio || 1;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, W, H);
      ctx.fillStyle = "#ffffff"; // an explicit light panel: the post's colours need a light ground
      ctx.fillRect(0, 0, W, H);
      draw(ctx, W, H);
    }
    function resize() {
      const w = Math.max(120, Math.min(box.clientWidth || maxWidth, maxWidth));
      const hgt = Math.round(w * (typeof aspect === "function" ? aspect(w) : aspect));
      if (w === W && hgt === H) return;
      W = w; H = hgt;
      const dpr = window.devicePixelRatio || 1;
      canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
      canvas.style.width = W + "px"; canvas.style.height = H + "px";
      redraw();
    }
    const ro = new ResizeObserver(() => resize());
    ro.observe(box);
    inst.onDestroy(() => ro.disconnect());
    requestAnimationFrame(resize);
    return { canvas, box, redraw, resize, size: () => [W, H] };
  }

  // ---- latent-plane drawing (shared by zones and scrubber) -----------------------------------------
  /** A view mapping latent coordinates to canvas pixels: square, centred, radius R fits the frame. */
  function latentView(w, hgt, R) {
    const s = (Math.min(w, hgt) / 2 - 14) / R;
    return {
      s, R,
      px: (p) => [w / 2 + p[0] * s, hgt / 2 - p[1] * s],
      inv: (x, y) => [(x - w / 2) / s, (hgt / 2 - y) / s],
    };
  }

  function path(ctx, view, pts) {
    ctx.beginPath();
    pts.forEach((p, k) => { const [x, y] = view.px(p); k ? ctx.lineTo(x, y) : ctx.moveTo(x, y); });
    ctx.closePath();
  }

  function areaOf(v) {
    let a = 0;
    for (let k = 0; k < v.length; k++) {
      const p = v[k], q = v[(k + 1) % v.length];
      a += p[0] * q[1] - q[0] * p[1];
    }
    return Math.abs(a) / 2;
  }

  /** Axes, the latent polygon (dashed), the zones (translucent, widest first, as toyviz.plot.latent
   *  draws them) and the columns as arrows with labels. `highlight` = index of a selected column. */
  function drawLatent(ctx, view, W, b, colors, { highlight = -1, labels = true } = {}) {
    const M = window.ToyMath;
    const n = b.length;
    // axes
    ctx.strokeStyle = "#e4e4e4"; ctx.lineWidth = 1;
    const [x0, y0] = view.px([-view.R, 0]), [x1] = view.px([view.R, 0]);
    const [, ya] = view.px([0, view.R]), [xc, yb] = view.px([0, -view.R]);
    ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y0); ctx.moveTo(xc, ya); ctx.lineTo(xc, yb); ctx.stroke();
    const poly = M.latentPolygon(W);
    const zs = M.zones(W, b, poly);
    const order = zs.map((z, i) => i).sort((i, j) => areaOf(zs[j]) - areaOf(zs[i]));
    for (const i of order) {
      if (zs[i].length < 3) continue;
      path(ctx, view, zs[i]);
      ctx.globalAlpha = 0.5; ctx.fillStyle = colors[i]; ctx.fill();
      ctx.globalAlpha = 0.9; ctx.strokeStyle = colors[i]; ctx.lineWidth = 1; ctx.stroke();
      ctx.globalAlpha = 1;
    }
    path(ctx, view, poly);
    ctx.setLineDash([5, 4]); ctx.strokeStyle = GUIDE; ctx.lineWidth = 1; ctx.stroke(); ctx.setLineDash([]);
    const o = view.px([0, 0]);
    for (let i = 0; i < n; i++) {
      const p = view.px(M.column(W, i));
      arrow(ctx, o, p, colors[i], i === highlight ? 3.5 : 2.5);
      if (i === highlight) {
        ctx.beginPath(); ctx.arc(p[0], p[1], 9, 0, 2 * Math.PI);
        ctx.strokeStyle = INK; ctx.lineWidth = 1.2; ctx.setLineDash([3, 2]); ctx.stroke(); ctx.setLineDash([]);
      }
      if (labels) {
        const dx = p[0] - o[0], dy = p[1] - o[1], r = Math.hypot(dx, dy) || 1;
        const lx = p[0] + (dx / r) * 13 + (r < 4 ? 10 : 0), ly = p[1] + (dy / r) * 13 - (r < 4 ? 10 : 0);
        ctx.fillStyle = INK; ctx.font = "12px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
        ctx.fillText(`W${sub(i + 1)}`, lx, ly);
      }
    }
  }

  const SUBS = "₀₁₂₃₄₅₆₇₈₉";
  function sub(k) { return String(k).split("").map((d) => SUBS[+d]).join(""); }

  /** An arrow from a to b in colour c, outlined in dark ink so the light colours (peachpuff) read. */
  function arrow(ctx, a, b, c, lw = 2.5) {
    const dx = b[0] - a[0], dy = b[1] - a[1], r = Math.hypot(dx, dy);
    if (r < 0.5) {
      ctx.beginPath(); ctx.arc(a[0], a[1], 3.5, 0, 2 * Math.PI);
      ctx.fillStyle = c; ctx.fill(); ctx.strokeStyle = INK; ctx.lineWidth = 0.8; ctx.stroke();
      return;
    }
    const ux = dx / r, uy = dy / r, head = Math.min(11, r * 0.6);
    const bx = b[0] - ux * head, by = b[1] - uy * head;
    const shape = () => {
      ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(bx, by); ctx.stroke();
      ctx.beginPath(); ctx.moveTo(b[0], b[1]);
      ctx.lineTo(bx - uy * head * 0.45, by + ux * head * 0.45);
      ctx.lineTo(bx + uy * head * 0.45, by - ux * head * 0.45); ctx.closePath();
    };
    ctx.lineCap = "round";
    ctx.strokeStyle = "rgba(34,34,34,0.75)"; ctx.lineWidth = lw + 1.6; shape(); ctx.fillStyle = "rgba(34,34,34,0.75)";
    ctx.stroke(); ctx.fill();
    ctx.strokeStyle = c; ctx.lineWidth = lw; shape(); ctx.fillStyle = c; ctx.fill();
    ctx.lineCap = "butt";
  }

  /** The heatmap's colour for an output v (clipped to [0, 1]): white at 0, dark blue at 1. */
  function heatColor(v) {
    const c = Math.max(0, Math.min(1, v)), g = Math.round(255 - c * 215);
    return `rgb(${g},${g},${Math.round(255 - c * 120)})`;
  }

  /** The reconstruction Y (examples along rows, outputs along columns) as an n×n heatmap with the
   *  target (the identity) outlined, rows labelled in the feature colours, and its colour scale in a
   *  bar `HEAT_SCALE_W` pixels wide to the right of the grid (ticks 0, 0.5, ≥ 1). */
  const HEAT_SCALE_W = 34;
  function drawHeatmap(ctx, x, y, size, Y, colors) {
    const n = Y.length, cell = size / n;
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        ctx.fillStyle = heatColor(Y[j][i]);
        ctx.fillRect(x + i * cell, y + j * cell, cell, cell);
      }
    ctx.strokeStyle = "#cfcfcf"; ctx.lineWidth = 0.5;
    for (let k = 0; k <= n; k++) {
      ctx.beginPath(); ctx.moveTo(x, y + k * cell); ctx.lineTo(x + size, y + k * cell); ctx.stroke();
      ctx.beginPath(); ctx.moveTo(x + k * cell, y); ctx.lineTo(x + k * cell, y + size); ctx.stroke();
    }
    for (let j = 0; j < n; j++) {
      ctx.strokeStyle = "#b22222"; ctx.lineWidth = 1; ctx.setLineDash([2, 2]);
      ctx.strokeRect(x + j * cell + 1, y + j * cell + 1, cell - 2, cell - 2); ctx.setLineDash([]);
      ctx.fillStyle = colors[j];
      ctx.fillRect(x - 7, y + j * cell + 1, 5, cell - 2);
      ctx.fillRect(x + j * cell + 1, y - 7, cell - 2, 5);
    }
    // the colour scale
    const bx = x + size + 7, bw = 8;
    for (let t = 0; t < size; t++) {
      ctx.fillStyle = heatColor(1 - t / (size - 1));
      ctx.fillRect(bx, y + t, bw, 1);
    }
    ctx.strokeStyle = "#888"; ctx.lineWidth = 0.6; ctx.strokeRect(bx, y, bw, size);
    ctx.fillStyle = "#444"; ctx.font = "10px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "middle";
    for (const [v, t] of [[1, "≥1"], [0.5, "0.5"], [0, "0"]]) ctx.fillText(t, bx + bw + 3, y + (1 - v) * size);
  }

  // ---- the registry ------------------------------------------------------------------------------
  const registry = {};
  const instances = [];
  let started = false;

  function makeInstance(el, name) {
    const cleanups = [];
    return {
      el, name, api: {},
      onDestroy(f) { cleanups.push(f); },
      listen(target, type, fn, opts) { target.addEventListener(type, fn, opts); cleanups.push(() => target.removeEventListener(type, fn, opts)); },
      destroy() { while (cleanups.length) { try { cleanups.pop()(); } catch (e) { console.warn(e); } } },
    };
  }

  function scan() {
    for (let k = instances.length - 1; k >= 0; k--) {
      if (!instances[k].el.isConnected) { instances[k].destroy(); instances.splice(k, 1); }
    }
    document.querySelectorAll(".tv-widget[data-widget]:not([data-tv-mounted])").forEach((el) => {
      const name = el.dataset.widget, factory = registry[name];
      if (!factory) return; // its script has not registered yet; register() scans again
      el.setAttribute("data-tv-mounted", "");
      el.replaceChildren();
      el.classList.add("tv-" + name);
      const inst = makeInstance(el, name);
      instances.push(inst);
      try {
        factory(inst, el.dataset);
      } catch (e) {
        el.append(h("p", { class: "tv-error", text: `This widget could not start: ${e.message}` }));
        throw e;
      }
    });
  }

  function start() {
    if (started) return;
    started = true;
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => scan());
    else scan();
  }

  window.toyvizWidgets = {
    register(name, factory) { registry[name] = factory; if (started) scan(); },
    find(name) { return instances.filter((i) => !name || i.name === name); },
    scan, loadData, featureColors, h, slider, select, canvasBox, latentView, drawLatent, drawHeatmap, HEAT_SCALE_W,
    arrow, sub, colors: { INK, GUIDE, POSITIVE, UNLEARNT },
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else setTimeout(start, 0);
})();
