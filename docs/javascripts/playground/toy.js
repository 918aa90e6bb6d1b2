// toyviz playground — the toy model trained live in the page (docs/playground/toy.md), bit for bit
// the engine's run for the same settings (toy_engine.js says how).
//
// Tag: <div class="tv-widget" data-widget="../playground/toy"></div>. The explorables' loader
// (javascripts/widgets.js) loads widget scripts from javascripts/explorables/, so this name is the
// path from there; the registry (explorables/common.js) mounts it, also after instant navigation.
// This script loads the engine (rng_tables, rng, toy_engine, classifier) and the engine's data
// (figures/playground/toy_presets.json: labels, tolerances, checkpoint steps, specimens).
//
// The state (settings, seed, step) lives in the page's query string. Single runs step on the main
// thread a frame at a time; "run seeds" trains in Web Workers (toy_worker.js), one per core but one.
// A chaos map's pixel opens here with its hand-built start instead of a random one, trained in float64
// as the map was (`startOf` reads it from the URL; toyviz.toy.chaos.Plane.starts builds the same):
//   ?start=post&delta=δ&lr=…&steps=5000&rec=0,1,…     the post's Symmetric Failure, b₁ and b₆ raised by δ
//   ?start=plain&alpha=α&seeds=0,1&cos=…&sin=…&lr=…    cos α·W(seed 0) + sin α·W(seed 1), b = 0
// rec: the steps the map recorded for its label; cos, sin: numpy's bits (the browser's Math.cos can
// differ in the last one), computed here from α when absent.
// api (tests): ready (Promise), set(settings), go(step), state(), runSeeds(count) → Promise of
// {seed → {label, loss, W, b}} (W, b as float32 bits), command().
(function () {
  "use strict";
  const T = window.toyvizWidgets;
  const { h } = T;
  const HERE = new URL(document.currentScript.src);
  const ENGINE = ["rng_tables", "rng", "toy_engine", "classifier"];
  const PALETTE = { perfect: "#3a9d5d", slow_start: "#7fb3d5", asymmetric_recovery: "#e69f00",
    still_on_plateau: "#e8dcb0", symmetric_failure: "#c0392b", polygon_failure: "#8e5aa8",
    irregular_failure: "#6b2d1f", not_converged: "#c8c8c8", diverged: "#444444" };
  const SPEEDS = [1, 10, 100, 1000];              // steps per frame
  const LRS = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1];

  let engineReady = null;
  function loadEngine() {
    if (!engineReady) {
      engineReady = Promise.all(ENGINE.map((name) => new Promise((resolve, reject) => {
        const s = document.createElement("script");
        s.src = new URL(`${name}.js`, HERE);
        s.async = false;                            // run in the order added
        s.onload = resolve;
        s.onerror = () => reject(new Error(`could not load ${s.src}`));
        document.head.append(s);
      })));
    }
    return engineReady;
  }
  const loadData = () => T.loadData("playground/toy_presets");   // cached and retried by the registry

  /** toyviz.toy.specimen.order_features with its default reference: the learnt features
   * counter-clockwise from 12 o'clock, then the dead ones. W is (2, n) row-major. */
  function orderFeatures(W, n, dead) {
    const turn = (i) => { const a = Math.atan2(W[n + i], W[i]) - Math.PI / 2; return ((a % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI); };
    const idx = Array.from({ length: n }, (_, i) => i).sort((i, j) => turn(i) - turn(j) || i - j);
    return idx.filter((i) => !dead[i]).concat(idx.filter((i) => dead[i]).sort((i, j) => i - j));
  }

  // the playground's layout (the explorables' stylesheet styles the controls and canvases themselves)
  const STYLE = `
.tv-pg-controls { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0 .8rem; }
.tv-pg-group { border: 1px solid var(--md-default-fg-color--lightest); border-radius: 4px; margin: 0 0 .6rem; padding: .2rem .6rem .5rem; min-width: 0; }
.tv-pg-group legend { font-weight: 700; padding: 0 .3rem; }
.tv-pg-group input[type=number] { width: 7em; }
.tv-pg-group select { max-width: 100%; }
.tv-pg-buttons { display: flex; flex-wrap: wrap; gap: .3rem .4rem; align-items: center; margin: .3rem 0; }
.md-typeset .tv-pg-button { padding: .15em .9em; margin: 0; font-size: .75rem; color: var(--md-typeset-a-color); border-color: currentColor; }
.tv-pg-live { display: flex; flex-wrap: wrap; gap: .6rem; align-items: flex-start; }
.tv-pg-live > * { flex: 1 1 14rem; min-width: 0; }
.tv-pg-side { display: flex; flex-direction: column; gap: .6rem; }
.tv-pg-side > .tv-canvas-box { flex: none; }
.tv-pg-seeds progress { width: 100%; }
.tv-pg-label { border-bottom: 3px solid var(--tv-swatch); }`;
  if (!document.getElementById("tv-pg-style")) document.head.append(h("style", { id: "tv-pg-style", text: STYLE }));

  T.register("../playground/toy", function (inst) {
    let D = null, pg = null;
    const s = { n: 7, lr: 1e-3, optimizer: "adamw", wd: null, init: "xavier", seed: 0, steps: 25000, speed: 2,
      start: null, rec: null };     // start: a chaos map's hand-built start; rec: its recorded steps
    let tr = null, hist = null, curve = [], playing = false, frame = 0, label = "", deadNow = [];
    const readout = h("div", { class: "tv-readout", "aria-live": "polite" }, "Loading the playground…");
    inst.el.append(readout);
    inst.onDestroy(() => { playing = false; cancelAnimationFrame(frame); stopSeeds(); });

    // ---- settings and the URL ------------------------------------------------------------------
    const wdOf = () => (s.wd != null ? s.wd : pg.toy.weightDecayOf({ optimizer: s.optimizer }));
    const config = () => ({ n: s.n, m: 2, lr: s.lr, optimizer: s.optimizer, weightDecay: wdOf(), init: s.init, steps: s.steps });
    const checkpoints = () => s.rec || D.checkpoints[s.steps];
    function command() {
      if (s.start) {
        const [x, plane] = s.start.kind === "post" ? [s.start.delta, "constructed"] : [s.start.alpha, "plain"];
        return `python -c "import numpy as np; from toyviz.toy import train; from toyviz.toy.chaos import Plane; ` +
          `p = Plane('${plane}', n=${s.n}, steps=${s.steps}, optimizer='${s.optimizer}'${s.start.kind === "plain" ? `, seed=${s.start.seeds[0]}` : ""}); ` +
          `r = train(p.toy_config(1, 'float64'), init=p.starts(np.array([${x}])), lr=np.array([${s.lr}])); print(r.W[0], r.b[0])"`;
      }
      return `toyviz train toy --n ${s.n} --m 2 --seeds 1 --seed ${s.seed} --steps ${s.steps} --lr ${s.lr} ` +
        `--optimizer ${s.optimizer} --weight-decay ${wdOf()} --init ${s.init} --weights seed${s.seed}.npz`;
    }
    function writeUrl() {
      const q = new URLSearchParams({ n: s.n, lr: s.lr, opt: s.optimizer, wd: wdOf(), init: s.init, seed: s.seed, steps: s.steps, at: tr ? tr.step : 0 });
      if (s.start) Object.entries(s.start).forEach(([k, v]) => q.set(k === "kind" ? "start" : k, String(v)));
      if (s.rec) q.set("rec", s.rec.join(","));
      history.replaceState(history.state, "", `${location.pathname}?${q}${location.hash}`);
    }
    function readUrl() {
      const q = new URLSearchParams(location.search), num = (k) => (q.has(k) && isFinite(+q.get(k)) ? +q.get(k) : null);
      if (num("n") != null) s.n = Math.min(12, Math.max(3, Math.round(num("n"))));
      if (num("lr") > 0) s.lr = num("lr");
      if (pg.toy.OPTIMIZERS.includes(q.get("opt"))) s.optimizer = q.get("opt");
      if (num("wd") != null && num("wd") >= 0) s.wd = num("wd");
      if (["xavier", "torch"].includes(q.get("init"))) s.init = q.get("init");
      if (num("seed") != null && num("seed") >= 0) s.seed = Math.round(num("seed"));
      s.start = startOf(q);
      const rec = (q.get("rec") || "").split(",").filter(Boolean).map(Number);
      s.rec = s.start && rec.length > 1 && rec.every((t, k) => Number.isInteger(t) && t >= 0 && (k === 0 || t > rec[k - 1])) ? rec : null;
      if (D.checkpoints[q.get("steps")] || (s.rec && +q.get("steps") === s.rec[s.rec.length - 1])) s.steps = +q.get("steps");
      if (s.rec && s.rec[s.rec.length - 1] !== s.steps) s.rec = null;
      return Math.max(0, Math.min(s.steps, Math.round(num("at") || 0)));
    }
    /** The hand-built start named by the URL, or null (a random start from the seed). */
    function startOf(q) {
      const val = (k) => (q.get(k) != null && q.get(k) !== "" && isFinite(+q.get(k)) ? +q.get(k) : null);
      if (q.get("start") === "post" && val("delta") != null) return { kind: "post", delta: val("delta") };
      const seeds = (q.get("seeds") || "").split(",").map(Number);
      if (q.get("start") === "plain" && val("alpha") != null && seeds.length === 2 && seeds.every((x) => Number.isInteger(x) && x >= 0)) {
        const a = val("alpha"), exact = val("cos") != null && val("sin") != null;
        return { kind: "plain", alpha: a, seeds, cos: exact ? val("cos") : Math.cos(a), sin: exact ? val("sin") : Math.sin(a) };
      }
      return null;
    }
    /** W (2·n, row-major), b (n) in float64 of a start, as toyviz.toy.chaos.Plane.starts builds them. */
    function startWeights(st, n) {
      const W = new Float64Array(2 * n), b = new Float64Array(n);
      if (st.kind === "post") {
        // experiments.constructed_asymmetry: n − 1 features on a regular polygon, b = 1 − r², the
        // last dead (W = 0·(W₁ + W₆), b = 1/n); b₁ and b₆ raised by δ·((b + 1) − b), the plane's bump
        const L = n - 1, radius = Math.sqrt(2.04);
        for (let k = 0; k < L; k++) {
          const ang = 2 * Math.PI * (k + 0.5) / L;
          W[k] = radius * Math.cos(ang); W[n + k] = radius * Math.sin(ang); b[k] = 1 - radius * radius;
        }
        W[n - 1] = 0 * (W[0] + W[L - 1]); W[2 * n - 1] = 0 * (W[n] + W[n + L - 1]); b[n - 1] = 1 / n;
        for (const j of [0, L - 1]) b[j] = b[j] + st.delta * ((b[j] + 1) - b[j]);
      } else {
        const [A, B] = st.seeds.map((seed) => pg.toy.initWeights({ n, m: 2, init: "xavier", seed }).W);
        for (let k = 0; k < 2 * n; k++) W[k] = st.cos * A[k] + st.sin * B[k];
      }
      return { W, b };
    }
    function describeStart() {
      const st = s.start;
      return st.kind === "post"
        ? `the post's hand-built Symmetric Failure with b${T.sub(1)} and b${T.sub(6)} raised by δ = ${st.delta}`
        : `cos α·W(seed ${st.seeds[0]}) + sin α·W(seed ${st.seeds[1]}) with α = ${st.alpha}, b = 0`;
    }

    // ---- training: a trainer, its checkpoints and the label so far ------------------------------------
    function restart() {
      const c = config();
      const start = s.start ? startWeights(s.start, s.n) : null;     // trained in float64, as the map was
      tr = pg.toy.trainer(Object.assign({ seed: s.seed }, c, start ? { precision: "float64", W0: start.W, b0: start.b } : {}));
      hist = { steps: [], W: [], b: [], loss: [] };
      curve = [];
      record();
    }
    function record() {
      const st = tr.state();
      if (checkpoints().includes(st.step) && hist.steps[hist.steps.length - 1] !== st.step) {
        hist.steps.push(st.step); hist.W.push(st.W); hist.b.push(st.b); hist.loss.push(st.loss);
      }
      if (!curve.length || curve[curve.length - 1][0] !== st.step) curve.push([st.step, st.loss]);
      label = pg.classifier.outcome(hist, s.n, 2, D.tolerances);
      const r = pg.classifier.norms(st.W, s.n, 2);
      deadNow = r.map((x) => x < D.tolerances.dead);
    }
    /** Advance to step t1, stopping at every checkpoint on the way (the engine records those). */
    function go(t1) {
      t1 = Math.min(t1, s.steps);
      if (t1 < tr.step) restart();
      const cps = checkpoints();
      while (tr.step < t1) {
        const next = cps.find((c) => c > tr.step);
        tr.advance(Math.min(t1, next == null ? t1 : next));
        record();
      }
    }

    // ---- controls ----------------------------------------------------------------------------------
    const ctl = {};
    const num = (key, label, value, attrs, onChange) => {
      const id = `tv-pg-${key}`;
      const input = h("input", Object.assign({ id, type: "number", value }, attrs));
      input.addEventListener("change", () => onChange(input.value));
      return { row: h("div", { class: "tv-select" }, h("label", { for: id }, label), input), input };
    };
    const button = (text, onClick, attrs) => h("button", Object.assign({ type: "button", class: "md-button tv-pg-button", onclick: onClick }, attrs), text);
    function changed(fn) { return (v) => { fn(v); pause(); restart(); writeUrl(); draw(); }; }

    function buildControls() {
      ctl.n = T.select({ label: "n (features)", options: Array.from({ length: 10 }, (_, k) => [k + 3, String(k + 3)]), value: s.n, onChange: changed((v) => { s.n = +v; }) });
      ctl.lr = T.select({ label: "learning rate", options: LRS.concat(LRS.includes(s.lr) ? [] : [s.lr]).sort((a, b) => a - b).map((v) => [v, String(v)]), value: s.lr, onChange: changed((v) => { s.lr = +v; }) });
      ctl.opt = T.select({ label: "optimiser", options: [["adamw", "AdamW"], ["adam", "Adam"], ["sgd", "SGD"]], value: s.optimizer, onChange: changed((v) => { s.optimizer = v; s.wd = null; ctl.wd.input.value = wdOf(); }) });
      ctl.wd = num("wd", "weight decay", wdOf(), { min: 0, step: "any" }, changed((v) => { s.wd = Math.max(0, +v || 0); }));
      ctl.init = T.select({ label: "initialisation", options: [["xavier", "Glorot normal, b = 0"], ["torch", "nn.Linear's"]], value: s.init, onChange: changed((v) => { s.init = v; s.start = s.rec = null; }) });
      ctl.seed = num("seed", "seed", s.seed, { min: 0, step: 1 }, changed((v) => { s.seed = Math.max(0, Math.round(+v) || 0); s.start = s.rec = null; }));
      ctl.steps = T.select({ label: "steps", options: Object.keys(D.checkpoints).map((k) => [k, (+k).toLocaleString("en")]), value: s.steps, onChange: changed((v) => { s.steps = +v; s.rec = null; }) });
      ctl.speed = T.select({ label: "speed", options: SPEEDS.map((v, i) => [i, `${v} step${v > 1 ? "s" : ""} a frame`]), value: s.speed, onChange: (v) => { s.speed = +v; } });
      ctl.play = button("Play", () => (playing ? pause() : play()), { "aria-pressed": "false" });
      ctl.step = button("Step", () => { pause(); go(tr.step + 1); writeUrl(); draw(); });
      ctl.rewind = button("Rewind", () => { pause(); restart(); writeUrl(); draw(); });
      ctl.delta = num("delta", "δ", 0.01, { step: 0.005 }, () => {});
      ctl.perturb = button("Perturb b₆ and b₁", perturb);
      ctl.specimen = T.select({ label: "specimen", options: Object.entries(D.specimens).map(([k, v]) => [k, v.name]), value: Object.keys(D.specimens)[0] });
      ctl.reset = button("Reset to specimen", () => specimen(ctl.specimen.input.value));
      ctl.copy = button("Copy as command", () => { navigator.clipboard && navigator.clipboard.writeText(command()).catch(() => {}); note(`Copied: ${command()}`); });
      ctl.count = T.select({ label: "seeds", options: [[100, "100"], [1000, "1,000"]], value: 1000 });
      ctl.runSeeds = button("Run seeds", () => runSeeds(+ctl.count.input.value));
      ctl.stopSeeds = button("Stop", stopSeeds, { disabled: true });
      const group = (legend, ...rows) => h("fieldset", { class: "tv-pg-group" }, h("legend", { text: legend }), ...rows);
      return h("div", { class: "tv-pg-controls" },
        group("Model and training", ctl.n.row, ctl.lr.row, ctl.opt.row, ctl.wd.row, ctl.init.row, ctl.seed.row, ctl.steps.row),
        group("Playback", ctl.speed.row, h("div", { class: "tv-pg-buttons" }, ctl.play, ctl.step, ctl.rewind),
          h("div", { class: "tv-pg-buttons" }, ctl.delta.row, ctl.perturb),
          h("div", { class: "tv-pg-buttons" }, ctl.specimen.row, ctl.reset), h("div", { class: "tv-pg-buttons" }, ctl.copy)),
        group("Many seeds", h("div", { class: "tv-pg-buttons" }, ctl.count.row, ctl.runSeeds, ctl.stopSeeds)));
    }
    function syncControls() {
      ctl.n.input.value = s.n; ctl.opt.input.value = s.optimizer; ctl.wd.input.value = wdOf(); ctl.init.input.value = s.init;
      ctl.seed.input.value = s.seed; ctl.steps.input.value = s.steps;
      if (![...ctl.lr.input.options].some((o) => +o.value === s.lr)) ctl.lr.input.append(h("option", { value: s.lr, text: String(s.lr) }));
      ctl.lr.input.value = [...ctl.lr.input.options].find((o) => +o.value === s.lr).value;
    }
    let noteText = "";
    function note(text) { noteText = text; draw(); }

    // ---- playback ----------------------------------------------------------------------------------
    function play() {
      if (tr.step >= s.steps) restart();
      playing = true; ctl.play.textContent = "Pause"; ctl.play.setAttribute("aria-pressed", "true");
      const tick = () => {
        if (!playing) return;
        go(tr.step + SPEEDS[s.speed]);
        draw();
        if (tr.step >= s.steps) { pause(); writeUrl(); return; }
        frame = requestAnimationFrame(tick);
      };
      frame = requestAnimationFrame(tick);
    }
    function pause() {
      if (playing) writeUrl();
      playing = false; cancelAnimationFrame(frame);
      if (ctl.play) { ctl.play.textContent = "Play"; ctl.play.setAttribute("aria-pressed", "false"); }
    }
    function perturb() {
      const st = tr.state(), order = orderFeatures(st.W, s.n, deadNow), d = +ctl.delta.input.value || 0;
      const nLive = deadNow.filter((x) => !x).length;
      if (nLive < 2) { note("Perturbing needs two learnt features."); return; }
      const b = Array.from(st.b);
      const six = order[Math.min(5, nLive - 1)], one = order[0];
      b[six] += d; b[one] += d;
      const values = new Array(s.n).fill(null);
      values[six] = b[six]; values[one] = b[one];
      tr.setBias(values);
      record();
      note(`b${T.sub(6)} and b${T.sub(1)} (the site's numbering: learnt features counter-clockwise from the top) moved by ${d} at step ${tr.step.toLocaleString("en")}; the run is no longer the engine's plain seed ${s.seed}.`);
    }
    function specimen(key) {
      const sp = D.specimens[key];
      pause();
      Object.assign(s, { n: sp.n, lr: sp.lr, optimizer: sp.optimizer, wd: sp.weightDecay, init: sp.init, seed: sp.seed, steps: sp.steps, start: null, rec: null });
      syncControls(); restart(); go(sp.show_step); writeUrl();
      note(`${sp.name}: seed ${sp.seed}, shown at step ${sp.show_step.toLocaleString("en")} — ${sp.note}. Press Play to continue.`);
    }

    // ---- many seeds in workers -------------------------------------------------------------------------
    // One worker per core but one, kept between runs (started once: scripts loaded, code generated and
    // compiled); stopping a run terminates them, the next run starts new ones.
    let workers = [], seedRun = null, jobs = 0;
    function stopSeeds() {
      if (seedRun) { workers.forEach((w) => w.terminate()); workers = []; seedRun.reject(new Error("stopped")); seedRun = null; }
      if (ctl.stopSeeds) { ctl.stopSeeds.disabled = true; ctl.runSeeds.disabled = false; }
    }
    inst.onDestroy(() => workers.forEach((w) => w.terminate()));
    function runSeeds(count, chunk = 5) {
      stopSeeds();
      const cfg = config(), record = D.checkpoints[s.steps] || checkpoints();
      const run = { count, cfg: Object.assign({}, cfg), labels: new Map(), results: new Map(), next: 0, job: ++jobs };
      const done = new Promise((resolve, reject) => { run.resolve = resolve; run.reject = reject; });
      seedRun = run;
      ctl.stopSeeds.disabled = false; ctl.runSeeds.disabled = true;
      const give = (w) => {
        if (run.next >= count) return false;
        const seeds = [];
        for (let k = 0; k < chunk && run.next < count; k++) seeds.push(run.next++);
        w.postMessage({ job: run.job, config: cfg, seeds, record, tolerances: D.tolerances });
        return true;
      };
      let dirty = false;
      const threads = Math.max(1, Math.min(8, (navigator.hardwareConcurrency || 2) - 1));   // a core left for the page
      while (workers.length < threads) workers.push(new Worker(new URL("toy_worker.js", HERE)));
      for (const w of workers) {
        w.onmessage = (e) => {
          if (seedRun !== run || e.data.job !== run.job) return;
          for (const r of e.data.results) { run.labels.set(r.seed, r.label); run.results.set(r.seed, r); }
          if (!give(w) && run.labels.size === count) {
            seedRun = null; stopSeeds(); drawSeeds(); run.resolve(Object.fromEntries(run.results));
          } else if (!dirty) {          // redraw at most four times a second
            dirty = true;
            setTimeout(() => { dirty = false; drawSeeds(); }, 250);
          }
        };
        w.onerror = (e) => { note(`A worker failed: ${e.message}`); stopSeeds(); };
        give(w);
      }
      lastRun = run;
      drawSeeds();
      return done;
    }
    let lastRun = null;

    // ---- drawing -------------------------------------------------------------------------------------
    const colorsOf = () => T.featureColors(s.n);
    const plane = T.canvasBox(inst, { aspect: 1, maxWidth: 420, label: "The columns of W in the latent plane, with their zones", draw: drawPlane });
    const biases = T.canvasBox(inst, { aspect: 0.55, maxWidth: 420, label: "The biases b", draw: drawBiases });
    const lossBox = T.canvasBox(inst, { aspect: 0.55, maxWidth: 420, label: "The loss against the step, both on log scales", draw: drawLoss });
    const hist_ = T.canvasBox(inst, { aspect: 0.45, maxWidth: 620, label: "How many seeds end in each outcome", draw: drawHistogram });
    const strip = T.canvasBox(inst, { aspect: 0.16, maxWidth: 620, label: "One cell per seed, coloured by its outcome: click or use the arrow keys and Enter to replay a seed", draw: drawStrip });
    strip.canvas.tabIndex = 0;
    let cursor = 0;
    function stripCell(x, y) {
      const [w, hgt] = strip.size(), count = lastRun ? lastRun.count : 0, cols = Math.ceil(count / 4) || 1;
      const col = Math.floor((x / w) * cols), row = Math.floor((y / hgt) * 4);
      const k = row * cols + col;
      return k < count ? k : -1;
    }
    function replay(seed) { pause(); s.seed = seed; s.start = s.rec = null; syncControls(); restart(); writeUrl(); note(`Seed ${seed}: press Play to watch it train.`); }
    inst.listen(strip.canvas, "click", (e) => { const r = strip.canvas.getBoundingClientRect(), k = stripCell(e.clientX - r.left, e.clientY - r.top); if (k >= 0) replay(k); });
    inst.listen(strip.canvas, "keydown", (e) => {
      const count = lastRun ? lastRun.count : 0;
      if (!count) return;
      const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: Math.ceil(count / 4), ArrowUp: -Math.ceil(count / 4) }[e.key];
      if (step) { cursor = Math.max(0, Math.min(count - 1, cursor + step)); e.preventDefault(); drawSeeds(); }
      else if (e.key === "Enter" || e.key === " ") { replay(cursor); e.preventDefault(); }
    });

    function drawPlane(ctx, w, hgt) {
      if (!tr) return;
      const st = tr.state(), W = [Array.from(st.W.slice(0, s.n)), Array.from(st.W.slice(s.n))];
      let R = 0.3;
      for (let i = 0; i < s.n; i++) R = Math.max(R, Math.hypot(W[0][i], W[1][i]) * 1.15);
      T.drawLatent(ctx, T.latentView(w, hgt, R), W, Array.from(st.b), colorsOf(), { labels: true });
      ctx.fillStyle = "#222"; ctx.font = "12px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "top";
      ctx.fillText(`step ${st.step.toLocaleString("en")}`, 8, 8);
    }
    function drawBiases(ctx, w, hgt) {
      if (!tr) return;
      const b = tr.state().b, cols = colorsOf(), lo = Math.min(-1.2, ...b), hi = Math.max(0.3, ...b);
      const y = (v) => 12 + (hi - v) / (hi - lo) * (hgt - 36), bw = (w - 40) / s.n;
      ctx.strokeStyle = "#999"; ctx.beginPath(); ctx.moveTo(30, y(0)); ctx.lineTo(w - 6, y(0)); ctx.stroke();
      ctx.fillStyle = "#222"; ctx.font = "11px sans-serif"; ctx.textAlign = "right"; ctx.textBaseline = "middle";
      ctx.fillText("0", 26, y(0)); ctx.fillText(lo.toFixed(1), 26, y(lo)); ctx.fillText(hi.toFixed(1), 26, y(hi));
      for (let i = 0; i < s.n; i++) {
        const x = 34 + i * bw;
        ctx.fillStyle = cols[i]; ctx.fillRect(x + 2, Math.min(y(0), y(b[i])), bw - 4, Math.abs(y(b[i]) - y(0)));
        ctx.strokeStyle = "#222"; ctx.lineWidth = 0.6; ctx.strokeRect(x + 2, Math.min(y(0), y(b[i])), bw - 4, Math.abs(y(b[i]) - y(0)));
        ctx.fillStyle = "#222"; ctx.textAlign = "center"; ctx.textBaseline = "top";
        ctx.fillText(`b${T.sub(i + 1)}${deadNow[i] ? "†" : ""}`, x + bw / 2, hgt - 20);
      }
    }
    function drawLoss(ctx, w, hgt) {
      const pts = curve.filter(([t, l]) => t > 0 && l > 0 && isFinite(l));
      ctx.fillStyle = "#222"; ctx.font = "11px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "top";
      ctx.fillText("loss (log) against step (log)", 36, 4);
      if (pts.length < 2) return;
      const x0 = 0, x1 = Math.log10(s.steps), ls = pts.map((p) => Math.log10(p[1]));
      const y0 = Math.min(...ls, -6), y1 = Math.max(...ls, 0);
      const X = (t) => 36 + (Math.log10(t) - x0) / (x1 - x0) * (w - 44), Y = (l) => 20 + (y1 - Math.log10(l)) / (y1 - y0) * (hgt - 40);
      ctx.strokeStyle = "#ddd"; ctx.lineWidth = 1;
      for (let e = Math.ceil(y0); e <= Math.floor(y1); e += 2) { ctx.beginPath(); ctx.moveTo(36, Y(10 ** e)); ctx.lineTo(w - 8, Y(10 ** e)); ctx.stroke(); ctx.fillText(`1e${e}`, 2, Y(10 ** e) - 6); }
      ctx.strokeStyle = "#b22222"; ctx.lineWidth = 1.5; ctx.beginPath();
      pts.forEach(([t, l], k) => (k ? ctx.lineTo(X(t), Y(l)) : ctx.moveTo(X(t), Y(l))));
      ctx.stroke();
      ctx.fillStyle = "#222"; ctx.textAlign = "right"; ctx.fillText(`${s.steps.toLocaleString("en")}`, w - 8, hgt - 16);
      ctx.textAlign = "left"; ctx.fillText("1", 36, hgt - 16);
    }
    function counts() {
      const c = Object.fromEntries(D.labels.map((l) => [l, 0]));
      if (lastRun) lastRun.labels.forEach((l) => { c[l] += 1; });
      return c;
    }
    function drawHistogram(ctx, w, hgt) {
      if (!D) return;
      const c = counts(), max = Math.max(1, ...Object.values(c)), bh = (hgt - 8) / D.labels.length;
      ctx.font = "11px sans-serif"; ctx.textBaseline = "middle";
      D.labels.forEach((l, k) => {
        const y = 4 + k * bh, x = 150, len = (w - x - 50) * c[l] / max;
        ctx.fillStyle = "#222"; ctx.textAlign = "right"; ctx.fillText(D.label_names[l], x - 6, y + bh / 2);
        ctx.fillStyle = PALETTE[l]; ctx.fillRect(x, y + 2, len, bh - 4);
        ctx.fillStyle = "#222"; ctx.textAlign = "left"; ctx.fillText(String(c[l]), x + len + 4, y + bh / 2);
      });
    }
    function drawStrip(ctx, w, hgt) {
      if (!lastRun) { ctx.fillStyle = "#666"; ctx.font = "12px sans-serif"; ctx.fillText("Run seeds to fill this strip.", 8, hgt / 2); return; }
      const count = lastRun.count, cols = Math.ceil(count / 4), cw = w / cols, ch = hgt / 4;
      for (let k = 0; k < count; k++) {
        const l = lastRun.labels.get(k);
        ctx.fillStyle = l ? PALETTE[l] : "#eeeeee";
        ctx.fillRect((k % cols) * cw, Math.floor(k / cols) * ch, Math.max(1, cw - 0.5), ch - 1);
      }
      if (document.activeElement === strip.canvas) {
        ctx.strokeStyle = "#000"; ctx.lineWidth = 2;
        ctx.strokeRect((cursor % cols) * cw, Math.floor(cursor / cols) * ch, Math.max(2, cw), ch);
      }
    }
    inst.listen(strip.canvas, "focus", () => drawSeeds());
    inst.listen(strip.canvas, "blur", () => drawSeeds());
    const progress = h("progress", { max: 1000, value: 0, "aria-label": "Seeds trained" });
    const seedText = h("div", { class: "tv-small", "aria-live": "polite" });
    function drawSeeds() {
      hist_.redraw(); strip.redraw();
      const done = lastRun ? lastRun.labels.size : 0, count = lastRun ? lastRun.count : 0;
      progress.max = count || 1; progress.value = done;
      const c = counts();
      seedText.textContent = lastRun ? `${done.toLocaleString("en")} of ${count.toLocaleString("en")} seeds trained (n = ${lastRun.cfg.n}, ${lastRun.cfg.optimizer}, lr ${lastRun.cfg.lr}, ${lastRun.cfg.steps.toLocaleString("en")} steps): ` +
        D.labels.filter((l) => c[l]).map((l) => `${D.label_names[l]} ${c[l]}`).join(", ") +
        (lastRun.count && cursor < count ? `. Selected seed ${cursor}: ${D.label_names[lastRun.labels.get(cursor)] || "not yet trained"}.` : "") : "";
    }

    function draw() {
      if (!tr) return;
      plane.redraw(); biases.redraw(); lossBox.redraw();
      const st = tr.state(), dead = deadNow.map((d, i) => (d ? i + 1 : 0)).filter(Boolean);
      readout.replaceChildren(
        h("div", {}, h("b", { text: `Step ${st.step.toLocaleString("en")} of ${s.steps.toLocaleString("en")}` }),
          ` · loss ${st.loss.toExponential(3)} · dead: ${dead.length ? dead.map((i) => `W${T.sub(i)}`).join(", ") : "none"} · outcome so far: `,
          h("b", { class: "tv-pg-label", "data-label": label, style: `--tv-swatch:${PALETTE[label]}`, text: D.label_names[label] || label })),
        ...(noteText ? [h("div", { class: "tv-small tv-notice", text: noteText })] : []));
    }

    // ---- start -------------------------------------------------------------------------------------------
    const ready = Promise.all([loadEngine(), loadData()]).then(([, data]) => {
      if (!inst.el.isConnected) return;
      D = data; pg = window.toyviz.playground;
      const at = readUrl();
      inst.el.replaceChildren(buildControls(),
        h("div", { class: "tv-pg-live" }, plane.box, h("div", { class: "tv-pg-side" }, biases.box, lossBox.box)), readout,
        h("div", { class: "tv-pg-seeds" }, progress, seedText, hist_.box, strip.box));
      restart(); go(at);
      if (s.start) note(`Started from ${describeStart()}, in float64 as the chaos map trains it (outcome from the map's ${s.rec ? s.rec.length : checkpoints().length} recorded steps). Change the seed or the initialisation for a random start.`);
      draw(); drawSeeds();
      inst.el.dataset.ready = "";
    }).catch((e) => { readout.textContent = `The playground could not start: ${e.message}`; throw e; });

    inst.api = {
      ready,
      set(settings) { pause(); Object.assign(s, settings); syncControls(); restart(); writeUrl(); draw(); },
      go(step) { pause(); go(step); writeUrl(); draw(); },
      state: () => Object.assign({ label, settings: Object.assign({}, s, { wd: wdOf() }) }, tr.state()),
      runSeeds, stopSeeds, command, specimen, perturb,
    };
  });
})();
