// toyviz playground — Lewicki & Sejnowski's overcomplete ICA trained live in the page
// (docs/playground/ica.md); the arithmetic is ica_engine.js, equal to toyviz.ica's to 1e-9.
//
// Tag: <div class="tv-widget" data-widget="../playground/ica"></div> (the explorables' loader takes
// names relative to javascripts/explorables/). This script loads ica_engine.js and the engine's data
// (figures/playground/ica_presets.json: seed 0's data set and initial A for each preset).
//
// Training runs in slices of a few milliseconds between frames; playback follows it. A preset uses the
// engine's own data and start; moving a true direction or changing the data, the columns or the start
// switches to the page's generator (marked on the page: those data are not the engine's).
// api (tests): ready (Promise), set(settings), settings(), run() → Promise of the finished result,
// go(step), state().
(function () {
  "use strict";
  const T = window.toyvizWidgets;
  const { h } = T;
  const HERE = new URL(document.currentScript.src);
  // learnt columns: a mirror of toyviz/theme.py's light sources (tests/test_palette.py keeps them equal)
  const COLS = ["#a8201a", "#4fa33f", "#2f6aa6", "#e56a00", "#9467bd", "#8c564b", "#d46ab4", "#009dae"];
  const TRUE_INK = "#222222", DATA = "rgba(90,90,90,0.28)";
  const SPEEDS = [1, 2, 5, 10, 25];               // steps per frame
  const HANDLE = 4.5;                             // the true directions' handles, in the plane's units (radius 6)
  const KNOBS = ["lr", "sigma", "priorScale", "steps", "schedule", "normalise", "equalNorms", "select"];

  let engineReady = null;
  function loadEngine() {
    if (window.toyviz && window.toyviz.playground && window.toyviz.playground.ica) return Promise.resolve();
    if (!engineReady) {
      engineReady = new Promise((resolve, reject) => {
        const s = h("script", { src: new URL("ica_engine.js", HERE) });
        s.onload = resolve;
        s.onerror = () => { engineReady = null; reject(new Error(`could not load ${s.src}`)); };
        document.head.append(s);
      });
    }
    return engineReady;
  }
  const loadData = () => T.loadData("playground/ica_presets");   // cached and retried by the registry

  const STYLE = `
.tv-ica-controls { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .5rem .8rem; margin-top: .5rem; }
.tv-ica-check { display: flex; gap: .4rem; align-items: center; min-height: 1.9rem; }
.tv-ica-check input { accent-color: var(--md-accent-fg-color); }
.tv-ica-buttons { display: flex; flex-wrap: wrap; gap: .3rem .5rem; align-items: center; margin: .3rem 0; }
.md-typeset .tv-ica-button { padding: .15em .9em; margin: 0; font-size: .72rem; }
.tv-ica-live { display: flex; flex-wrap: wrap; gap: .6rem; align-items: flex-start; }
.tv-ica-live > * { flex: 1 1 15rem; min-width: 0; }
.tv-ica-side { display: flex; flex-direction: column; gap: .4rem; }
.tv-ica-side > .tv-canvas-box, .tv-ica-side > .tv-readout { flex: none; }
.tv-ica-controls .tv-slider { grid-template-columns: minmax(5rem, 8rem) minmax(5rem, 1fr) 3.4rem; }
.tv-ica-source { font-weight: 600; }
.tv-ica-custom { color: #8f4700; }
[data-md-color-scheme="slate"] .tv-ica-custom { color: #ffb366; }`;
  if (!document.getElementById("tv-ica-style")) document.head.append(h("style", { id: "tv-ica-style", text: STYLE }));

  T.register("../playground/ica", function (inst) {
    let D = null, E = null;
    // the settings; `preset` names the engine's data set and start in use, or null (page generator)
    const s = { preset: "E6.1", angles: [90, 210, 330], k: 3, nPoints: 1000, source: "exponential",
      prior: "exponential", noise: 0, seed: 0, init: "spread", priorScale: 0.5, sigma: 0.1, lr: 0.5,
      steps: 600, schedule: "warmup_cosine", normalise: true, equalNorms: true, select: "likelihood" };
    let tr = null, res = null, cur = 0, playing = false, speed = 1, raf = 0, dragging = -1, focusArrow = 0;
    let finished = null, resolveFinished = null;

    const ui = {};
    const button = (text, onclick, title) => h("button", { type: "button", class: "md-button tv-ica-button", onclick, title }, text);
    const check = (label, key) => {
      const input = h("input", { type: "checkbox", id: `tv-ica-${key}` });
      input.addEventListener("change", () => change({ [key]: input.checked }));
      ui[key] = { input, set: (v) => { input.checked = v; } };
      return h("div", { class: "tv-ica-check" }, input, h("label", { for: input.id }, label));
    };
    const sel = (label, key, options, parse = (v) => v) => {
      const c = T.select({ label, options, onChange: (v) => change({ [key]: parse(v) }) });
      ui[key] = { input: c.input, set: (v) => { c.input.value = String(v); } };
      return c.row;
    };
    const sld = (label, key, min, max, step, fmt) => {
      const c = T.slider({ label, min, max, step, value: s[key], fmt, onInput: (v) => change({ [key]: v }) });
      ui[key] = c;
      return c.row;
    };

    // ---- the pictures -------------------------------------------------------------------------
    const plane = T.canvasBox(inst, { aspect: 1, maxWidth: 520, label: "The data, the true source directions (black, draggable) and the learnt columns with their trails", draw: drawPlane });
    plane.canvas.tabIndex = 0;
    const chart = T.canvasBox(inst, { aspect: 0.62, maxWidth: 460, label: "The sign-aware angle error over training steps", draw: drawChart });
    const readout = h("div", { class: "tv-readout", "aria-live": "polite" });
    const status = h("p", { class: "tv-small" });
    const scrub = T.slider({ label: "Step", min: 0, max: s.steps, step: 1, value: 0, fmt: (v) => String(v), onInput: (v) => { pause(); go(v); } });
    ui.play = button("Play", () => (playing ? pause() : play()), "Play or pause");

    let view = null;
    function drawPlane(ctx, w, hh) {
      if (!res) return;
      const R = 6;
      view = T.latentView(w, hh, R);
      ctx.strokeStyle = "#e3e3e3"; ctx.lineWidth = 1;
      for (const [a, b] of [[[-R, 0], [R, 0]], [[0, -R], [0, R]]]) {
        ctx.beginPath(); ctx.moveTo(...view.px(a)); ctx.lineTo(...view.px(b)); ctx.stroke();
      }
      ctx.fillStyle = DATA;
      const X = res.X;
      for (let p = 0; p < X.length / 2; p++) {
        const [x, y] = view.px([X[2 * p], X[2 * p + 1]]);
        ctx.fillRect(x - 1.2, y - 1.2, 2.4, 2.4);
      }
      // columns drawn L times their length (unit columns would be small), less if one grows past the frame
      const k = res.k;
      let longest = 0;
      for (let t = 0; t <= cur; t++) for (let i = 0; i < k; i++) longest = Math.max(longest, Math.hypot(res.A[t][i], res.A[t][k + i]));
      const L = Math.min(3, 5.6 / Math.max(longest, 1e-9));
      const o = view.px([0, 0]);
      s.angles.forEach((a, j) => {                // true directions: dashed, with a handle
        const t = a * Math.PI / 180, tip = view.px([HANDLE * Math.cos(t), HANDLE * Math.sin(t)]);
        ctx.setLineDash([5, 4]); ctx.strokeStyle = TRUE_INK; ctx.lineWidth = 1.6;
        ctx.beginPath(); ctx.moveTo(...o); ctx.lineTo(...tip); ctx.stroke(); ctx.setLineDash([]);
        ctx.beginPath(); ctx.arc(tip[0], tip[1], j === focusArrow && document.activeElement === plane.canvas ? 8 : 6, 0, 2 * Math.PI);
        ctx.fillStyle = "#ffffff"; ctx.fill(); ctx.strokeStyle = TRUE_INK; ctx.lineWidth = 2; ctx.stroke();
        ctx.fillStyle = TRUE_INK; ctx.font = "11px sans-serif";
        ctx.fillText(`s${T.sub(j + 1)}`, tip[0] + 9, tip[1] - 6);
      });
      const A = res.A[cur], dead = deadAt(cur);
      for (let i = 0; i < k; i++) {               // trails: the column's tip over the steps so far
        ctx.strokeStyle = COLS[i] + "88"; ctx.lineWidth = 1.4; ctx.beginPath();
        for (let t = 0; t <= cur; t++) {
          const At = res.A[t], p = view.px([At[i] * L, At[k + i] * L]);
          if (t === 0) ctx.moveTo(...p); else ctx.lineTo(...p);
        }
        ctx.stroke();
        const a0 = res.A[0], p0 = view.px([a0[i] * L, a0[k + i] * L]);
        ctx.beginPath(); ctx.arc(p0[0], p0[1], 3, 0, 2 * Math.PI); ctx.strokeStyle = COLS[i]; ctx.stroke();
      }
      for (let i = 0; i < k; i++) {
        const tip = view.px([A[i] * L, A[k + i] * L]);
        if (dead[i]) { ctx.globalAlpha = 0.45; ctx.setLineDash([3, 3]); }
        T.arrow(ctx, o, tip, COLS[i], 2.2);
        ctx.globalAlpha = 1; ctx.setLineDash([]);
      }
      ctx.fillStyle = "#444"; ctx.font = "11px sans-serif";
      ctx.fillText(`step ${cur}`, 8, 16);
    }
    function deadAt(t) {
      let j = 0;
      while (j + 1 < res.recordSteps.length && res.recordSteps[j + 1] <= t) j++;
      return res.dead[j] || new Array(res.k).fill(false);
    }

    function drawChart(ctx, w, hh) {
      if (!res) return;
      const padL = 34, padB = 22, padT = 10, padR = 8, W = w - padL - padR, H = hh - padB - padT;
      const Tn = s.steps, top = Math.max(10, Math.min(180, Math.max(...res.error.filter(Number.isFinite)) * 1.1));
      const x = (t) => padL + W * t / Math.max(1, Tn), y = (v) => padT + H * (1 - Math.min(v, top) / top);
      ctx.strokeStyle = "#bbb"; ctx.lineWidth = 1; ctx.strokeRect(padL, padT, W, H);
      ctx.fillStyle = "#444"; ctx.font = "10px sans-serif";
      for (const v of [0, top / 2, top]) ctx.fillText(`${v.toFixed(0)}°`, 2, y(v) + 3);
      ctx.fillText("0", padL - 3, hh - 6); ctx.fillText(String(Tn), padL + W - 16, hh - 6);
      ctx.fillText(`mean angle error (${s.prior === "exponential" ? "sign-aware" : "sign-free"})`, padL + 6, padT + 12);
      ctx.strokeStyle = "#1f77b4"; ctx.lineWidth = 1.6; ctx.beginPath();
      res.error.forEach((v, t) => (t === 0 ? ctx.moveTo(x(t), y(v)) : ctx.lineTo(x(t), y(v))));
      ctx.stroke();
      if (res.done) {
        ctx.setLineDash([4, 3]); ctx.strokeStyle = "#2ca02c"; ctx.lineWidth = 1.4;
        ctx.beginPath(); ctx.moveTo(x(res.selectedStep), padT); ctx.lineTo(x(res.selectedStep), padT + H); ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = "#2ca02c"; ctx.fillText("selected", Math.min(x(res.selectedStep) + 3, w - 48), padT + H - 4);
      }
      ctx.strokeStyle = "#d62728"; ctx.lineWidth = 1.2;
      ctx.beginPath(); ctx.moveTo(x(cur), padT); ctx.lineTo(x(cur), padT + H); ctx.stroke();
    }

    function fmtDeg(v) { return Number.isFinite(v) ? `${v.toFixed(2)}°` : "—"; }
    function render() {
      if (!res) return;
      plane.redraw(); chart.redraw();
      scrub.input.max = String(s.steps); scrub.set(cur);
      const dead = deadAt(cur).filter(Boolean).length;
      const sel = res.done ? `step ${res.selectedStep}: ${fmtDeg(res.error[res.selectedStep])} mean, ${fmtDeg(res.errorMax[res.selectedStep])} worst`
        : `training… (${res.A.length - 1} of ${s.steps} steps)`;
      readout.replaceChildren(...[
        h("div", { class: "tv-big", text: `Step ${cur}: error ${fmtDeg(res.error[cur])} mean, ${fmtDeg(res.errorMax[cur])} worst` }),
        h("div", { text: `Dead columns (no point uses them): ${dead} of ${res.k}` }),
        h("div", { text: `Kept by the non-oracle selection${s.select === "likelihood" ? "" : " (off: the last step)"}: ${sel}` }),
        res.done ? h("div", { text: `Least error (the post's oracle): step ${res.oracleStep}, ${fmtDeg(res.error[res.oracleStep])}` }) : null,
        res.divergedStep >= 0 ? h("div", { class: "tv-error", text: `Diverged at step ${res.divergedStep} (A frozen there, as the engine does)` }) : null,
      ].filter(Boolean));
      status.replaceChildren(s.preset
        ? h("span", { class: "tv-ica-source", text: `Data and start: the engine's preset ${s.preset}, seed 0 (“toyviz train ica --experiment ${s.preset} --seeds 1” gives the same A to 1e-9)` })
        : h("span", { class: "tv-ica-source tv-ica-custom", text: `Data and start: the page's own generator, seed ${s.seed} (not the engine's torch stream)` }));
      ui.play.textContent = playing ? "Pause" : "Play";
    }

    // ---- training and playback --------------------------------------------------------------------
    function options() {
      const o = { angles: s.angles, k: s.k, prior: s.prior, priorScale: s.priorScale, sigma: s.sigma, lr: s.lr,
        steps: s.steps, schedule: s.schedule, normalise: s.normalise, equalNorms: s.equalNorms, select: s.select };
      if (s.preset) {
        const p = D.presets[s.preset];
        return Object.assign(o, { X: D.datasets[p.data].X, A0: p.A0, every: o.steps === p.steps ? p.every : 0 });
      }
      return Object.assign(o, { init: s.init, seed: s.seed,
        data: { angles: s.angles, source: s.source, nPoints: s.nPoints, noise: s.noise, seed: s.seed } });
    }
    function restart() {
      tr = E.trainer(options());
      res = tr.result; cur = 0;
      finished = new Promise((r) => { resolveFinished = r; });
      tick();
    }
    function tick() {
      cancelAnimationFrame(raf);
      raf = 0;
      if (!tr) return;
      if (!res.done) tr.advance(12);
      if (res.done && resolveFinished) { resolveFinished(res); resolveFinished = null; }
      if (playing) {
        cur = Math.min(cur + speed, res.A.length - 1);
        if (res.done && cur >= s.steps) playing = false;
      }
      render();
      if (!res.done || playing) raf = requestAnimationFrame(tick);
    }
    function play() { if (cur >= s.steps) cur = 0; playing = true; tick(); }
    function pause() { playing = false; render(); }
    function go(t) { cur = Math.max(0, Math.min(t, res.A.length - 1)); render(); }
    inst.onDestroy(() => cancelAnimationFrame(raf));

    function syncControls() {
      for (const [key, c] of Object.entries(ui)) if (key in s && c.set) c.set(s[key]);
      ui.presetSel.value = s.preset || "custom";
      ui.nSources.value = String(s.angles.length);
      ui.angleRows.forEach((row, j) => { row.row.style.display = j >= s.angles.length ? "none" : ""; if (j < s.angles.length) row.set(s.angles[j]); });
    }
    /** Apply changes; anything but the training knobs leaves the engine's data for the page's. */
    function change(ch, { rerun = true } = {}) {
      if (s.preset && Object.keys(ch).some((key) => !KNOBS.includes(key))) s.preset = null;
      Object.assign(s, ch);
      if (s.k < s.angles.length) s.k = s.angles.length;
      syncControls();
      if (rerun) restart();
    }
    function usePreset(name) {
      const p = D.presets[name], d = D.datasets[p.data];
      Object.assign(s, { preset: name, angles: d.angles.slice(), k: p.k, nPoints: d.X.length / 2, source: "exponential",
        prior: p.prior, noise: 0, seed: 0, init: p.init, priorScale: p.priorScale, sigma: p.sigma, lr: p.lr,
        steps: p.steps, schedule: p.schedule, normalise: p.normalise, equalNorms: p.equalNorms,
        select: p.select === "likelihood" ? "likelihood" : "final" });
      syncControls(); restart();
    }

    // ---- dragging and the keyboard on the plane ----------------------------------------------------
    function nearestHandle(ev) {
      if (!view) return -1;
      const r = plane.canvas.getBoundingClientRect(), mx = ev.clientX - r.left, my = ev.clientY - r.top;
      let best = -1, bd = 22;
      s.angles.forEach((a, j) => {
        const t = a * Math.PI / 180, [x, y] = view.px([HANDLE * Math.cos(t), HANDLE * Math.sin(t)]);
        const dd = Math.hypot(x - mx, y - my);
        if (dd < bd) { bd = dd; best = j; }
      });
      return best;
    }
    function angleAt(ev) {
      const r = plane.canvas.getBoundingClientRect(), [x, y] = view.inv(ev.clientX - r.left, ev.clientY - r.top);
      return Math.round(((Math.atan2(y, x) * 180 / Math.PI) + 360) % 360);
    }
    function setAngle(j, a) { const angles = s.angles.slice(); angles[j] = ((a % 360) + 360) % 360; change({ angles }, { rerun: false }); }
    inst.listen(plane.canvas, "pointerdown", (ev) => {
      dragging = nearestHandle(ev);
      if (dragging < 0) return;
      focusArrow = dragging; pause();
      plane.canvas.setPointerCapture(ev.pointerId);
    });
    inst.listen(plane.canvas, "pointermove", (ev) => { if (dragging >= 0) { setAngle(dragging, angleAt(ev)); plane.redraw(); } });
    inst.listen(plane.canvas, "pointerup", () => { if (dragging >= 0) { dragging = -1; restart(); } });
    inst.listen(plane.canvas, "keydown", (ev) => {
      const keys = { ArrowLeft: 5, ArrowUp: 5, ArrowRight: -5, ArrowDown: -5 };
      if (ev.key === "Tab") return;
      if (/^[1-5]$/.test(ev.key) && +ev.key <= s.angles.length) { focusArrow = +ev.key - 1; plane.redraw(); ev.preventDefault(); return; }
      if (ev.key === " ") { playing ? pause() : play(); ev.preventDefault(); return; }
      if (!(ev.key in keys)) return;
      ev.preventDefault();
      setAngle(focusArrow, s.angles[focusArrow] + keys[ev.key] * (ev.shiftKey ? 0.2 : 1));
      restart();
    });
    inst.listen(plane.canvas, "focus", () => plane.redraw());
    inst.listen(plane.canvas, "blur", () => plane.redraw());

    // ---- controls -----------------------------------------------------------------------------------
    const presetSel = T.select({ label: "Start from", options: [["custom", "your own setting"]], onChange: (v) => (v === "custom" ? change({ seed: s.seed }) : usePreset(v)) });
    ui.presetSel = presetSel.input;
    ui.angleRows = [0, 1, 2, 3, 4].map((j) => {
      const c = T.slider({ label: `Direction s${T.sub(j + 1)}`, min: 0, max: 359, step: 1, value: 0, fmt: (v) => `${v}°`,
        onInput: (v) => { setAngle(j, v); restart(); } });
      return c;
    });
    const nSources = T.select({ label: "True sources", options: [[3, "3"], [4, "4"], [5, "5"]], onChange: (v) => {
      const n = +v, angles = Array.from({ length: n }, (_, j) => s.angles[j] ?? Math.round((s.angles[0] + 360 * j / n) % 360));
      change({ angles: angles.slice(0, n), k: Math.max(s.k, n) });
    } });
    ui.nSources = nSources.input;
    const dataBox = h("fieldset", {}, h("legend", { text: "Data" }), nSources.row, ui.angleRows.map((c) => c.row),
      sel("Points", "nPoints", [[200, "200"], [500, "500"], [1000, "1,000"], [2000, "2,000"]], Number),
      sel("Sources", "source", [["exponential", "exponential (s ≥ 0)"], ["laplace", "Laplace (signed)"]]),
      sld("Noise added", "noise", 0, 0.3, 0.01),
      sld("Seed", "seed", 0, 99, 1, (v) => String(v)));
    const modelBox = h("fieldset", {}, h("legend", { text: "Model and prior" }),
      sel("Learnt columns", "k", [3, 4, 5, 6, 7, 8].map((v) => [v, String(v)]), Number),
      sel("Prior", "prior", [["exponential", "exponential (ŝ ≥ 0)"], ["laplace", "Laplace"]]),
      sld("Prior scale λ", "priorScale", 0.1, 2, 0.05),
      sld("Noise σ", "sigma", 0.02, 0.5, 0.01),
      sel("Start", "init", [["spread", "spread"], ["random", "random"], ["perturbed", "perturbed truth"]]));
    const updateBox = h("fieldset", {}, h("legend", { text: "Update" }),
      sel("Learning rate", "lr", [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1].map((v) => [v, String(v)]), Number),
      sel("Steps", "steps", [50, 100, 200, 300, 400, 600, 1000, 1500, 2000, 3000].map((v) => [v, String(v)]), Number),
      sel("Schedule", "schedule", [["constant", "constant"], ["warmup_cosine", "warm-up + cosine"]]),
      check("(AAᵀ)⁻¹ normalisation", "normalise"),
      check("Equal column norms", "equalNorms"),
      sel("Report", "select", [["likelihood", "the criterion's step"], ["final", "the last step"]]));
    const speedSel = T.select({ label: "Speed", options: SPEEDS.map((v) => [v, `${v} step${v > 1 ? "s" : ""}/frame`]), onChange: (v) => { speed = +v; } });
    const toolbar = h("div", { class: "tv-ica-buttons" }, presetSel.row, ui.play,
      button("Step", () => { pause(); go(cur + 1); }, "One step forward"),
      button("Rewind", () => { pause(); go(0); }, "Back to step 0"),
      button("Go to selected", () => { pause(); if (res.done) go(res.selectedStep); }, "Show the selected step"),
      speedSel.row);
    inst.el.append(
      toolbar, h("div", { class: "tv-scrub tv-toolbar" }, scrub.row),
      h("div", { class: "tv-ica-live" }, plane.box, h("div", { class: "tv-ica-side" }, chart.box, readout, status)),
      h("p", { class: "tv-small", text: "Drag a black handle, or focus the picture and use ← → (Shift: finer) after 1–5 to pick a direction; Space plays." }),
      h("div", { class: "tv-ica-controls" }, dataBox, modelBox, updateBox));

    const ready = Promise.all([loadEngine(), loadData()]).then(([, data]) => {
      D = data; E = window.toyviz.playground.ica;
      for (const name of Object.keys(D.presets)) presetSel.input.append(h("option", { value: name, text: `${name} (the engine's data)` }));
      usePreset(s.preset);
    }).catch((e) => { inst.el.append(h("p", { class: "tv-error", text: `The playground could not start: ${e.message}` })); throw e; });

    inst.api = {
      ready,
      set(settings) { if (settings.preset) usePreset(settings.preset); else change(settings); },
      settings: () => JSON.parse(JSON.stringify(s)),
      run: () => finished,
      go,
      state: () => ({ step: cur, error: res.error[cur], selectedStep: res.selectedStep, done: res.done, k: res.k,
        A: Array.from(res.A[cur]), dead: deadAt(cur), playing, angles: s.angles.slice(), preset: s.preset }),
    };
  });
})();
