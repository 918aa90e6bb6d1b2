// toyviz playground — the toy model's training in the browser, bit for bit the engine's numba kernel
// (toyviz/toy/kernel.py `_source`): y = ReLU(WᵀW x + b) on the identity data set, mean squared error
// over the n·n outputs, Adam, AdamW or SGD, float32 throughout, or float64 throughout on request
// (`precision: "float64"`, the kernel's float64 path: the chaos maps train in it).
//
// Exactness: every +, −, ×, ÷ and √ is wrapped in Math.fround. A float64 operation on two float32
// values, rounded once to float32, gives the IEEE float32 result (float64 carries more than twice
// float32's 24 bits, so the double rounding never changes the answer). The step is generated as
// straight-line code per (n, m, optimiser, frozen?) in the kernel's order: pairs (i ≤ j) in increasing
// j, each sum accumulated left to right, then every parameter's update, then every FLUSH_EVERY steps
// (on the global step) moments below the smallest normal float32 set to 0. What the engine computes
// outside float32 is either repeated exactly (the bias corrections: β^t as a running float64 product,
// as `schedule_arrays` does) or passed in as data (the checkpoint steps, from the page's data figure).
// float64: the same generated code with f the identity, since JS arithmetic is IEEE float64 and,
// like the kernel (no fastmath), never contracts a·b + c into one fused operation.
//
// API: toyviz.playground.toy.train({n, m, lr, optimizer, weightDecay, init, seed, steps, W0, b0,
// frozen, record, precision}) → {W, b, loss, history}; see docs/playground/toy.md, "How it works".
(function (root) {
  "use strict";
  const pg = ((root.toyviz = root.toyviz || {}).playground = root.toyviz.playground || {});
  const f = Math.fround;

  const FLUSH_EVERY = 16;                 // kernel.FLUSH_EVERY
  // per precision: the rounding of every operation, the smallest normal number, the state's array
  const PRECISIONS = {
    float32: { round: f, tiny: 1.1754943508222875e-38, Array: Float32Array },     // 2^-126
    float64: { round: (x) => x, tiny: 2.2250738585072014e-308, Array: Float64Array },  // 2^-1022
  };
  const DEFAULTS = { m: 2, lr: 1e-3, optimizer: "adamw", init: "xavier", seed: 0, steps: 25000,
    beta1: 0.9, beta2: 0.999, eps: 1e-8, precision: "float32" };   // ToyConfig's defaults
  const OPTIMIZERS = ["adamw", "adam", "sgd"];

  /** ToyConfig.wd: the weight decay applied (1e-2 for AdamW unless given, else 0). */
  const weightDecayOf = (c) => (c.weightDecay != null ? c.weightDecay : c.optimizer === "adamw" ? 1e-2 : 0);

  // ---- initial weights (toyviz.toy.data.init_weights) --------------------------------------------
  /** W (m·n, row-major) and b (n) as Float32Arrays, from numpy.random.default_rng(seed). */
  function initWeights({ n, m = 2, init = "xavier", seed = 0 }) {
    const rng = pg.rng.defaultRng(seed);
    const W = new Float32Array(m * n), b = new Float32Array(n);
    if (init === "xavier") {
      W.set(rng.normal(0.0, Math.sqrt(2.0 / (m + n)), m * n));
    } else if (init === "torch") {
      W.set(rng.uniform(-1 / Math.sqrt(n), 1 / Math.sqrt(n), m * n));
      b.set(rng.uniform(-1 / Math.sqrt(m), 1 / Math.sqrt(m), n));
    } else {
      throw new Error(`unknown init ${init}; choose xavier or torch`);
    }
    return { W, b };
  }

  // ---- bias corrections (kernel.schedule_arrays) -------------------------------------------------
  /** bc1[t] = 1 − β1^(t+1), bc2s[t] = √(1 − β2^(t+1)) rounded to the precision, β^t a running
   * float64 product. */
  const schedules = new Map();
  function schedule(beta1, beta2, steps, precision = "float32") {
    const key = `${beta1},${beta2},${precision}`;
    let s = schedules.get(key);
    if (!s || s.bc1.length < steps) {
      const bc1 = new PRECISIONS[precision].Array(steps), bc2s = new PRECISIONS[precision].Array(steps);
      let p1 = 1.0, p2 = 1.0;
      for (let t = 0; t < steps; t++) {
        p1 *= beta1; p2 *= beta2;
        bc1[t] = 1.0 - p1;
        bc2s[t] = Math.sqrt(1.0 - p2);
      }
      s = { bc1, bc2s };
      schedules.set(key, s);
    }
    return s;
  }

  // ---- the step, generated (kernel._source) -------------------------------------------------------
  /** Source of `run(S, F, t0, t1, lr, bc1, bc2s, b1, b2, eps, wd)`: advances the state S (Float32Array
   * or Float64Array, 3P: W row-major then b, first moments, second moments; P = m·n + n) from step t0
   * to t1. F: frozen mask (Uint8Array, P) or null. Scalars are values of the precision; `f` rounds to
   * it. */
  function source(n, m, optimizer, masked) {
    const P = m * n + n, L = [];
    const emit = (s) => L.push(s);
    const w = (a, i) => `w${a}_${i}`;
    const params = [];
    for (let a = 0; a < m; a++) for (let i = 0; i < n; i++) params.push([w(a, i), `gw${a}_${i}`, a * n + i]);
    for (let i = 0; i < n; i++) params.push([`b_${i}`, `gb_${i}`, m * n + i]);
    emit(`const C = f(${2.0 / (n * n)});  // d(mean over n*n outputs)/d(residual) = 2/n^2`);
    emit("const omb1 = f(1 - b1), omb2 = f(1 - b2);");
    // the state lives in locals for the whole segment (loads and stores of float32 are exact)
    emit(`let ${params.map(([p, , r]) => `${p} = S[${r}]`).join(", ")};`);
    if (optimizer !== "sgd")
      emit(`let ${params.map(([p, , r]) => `mo_${p} = S[${P + r}], vo_${p} = S[${2 * P + r}]`).join(", ")};`);
    if (masked) emit(`const ${params.map(([p, , r]) => `fz_${p} = F[${r}] !== 0`).join(", ")};`);
    emit(`let ${params.map(([, g]) => g).join(", ")}, g, p, e, e1, e2, s, gg, mm, vv;`);
    emit("for (let t = t0; t < t1; t++) {");
    emit("  const lr_t = lr;  // the schedule's factor is 1: constant learning rate, no warm-up");
    if (optimizer !== "sgd") emit("  const a1 = bc1[t], ia2 = f(1 / bc2s[t]);");
    const started = new Set();
    const acc = (name, term) => { emit(`  ${name} = ${started.has(name) ? `f(${name} + ${term})` : term};`); started.add(name); };
    const sum = (terms) => terms.reduce((x, y) => `f(${x} + ${y})`);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        emit(`  g = ${sum(Array.from({ length: m }, (_, a) => `f(${w(a, i)} * ${w(a, j)})`))};`);
        emit(`  p = f(g + b_${i});`);
        if (i === j) {
          emit("  e = p > 0 ? f(C * f(p - 1)) : 0;");
          acc(`gb_${i}`, "e");
          emit("  s = f(e + e);");
        } else {
          emit("  e1 = p > 0 ? f(C * p) : 0;");
          emit(`  p = f(g + b_${j});`);
          emit("  e2 = p > 0 ? f(C * p) : 0;");
          acc(`gb_${i}`, "e1");
          acc(`gb_${j}`, "e2");
          emit("  s = f(e1 + e2);");
        }
        for (let a = 0; a < m; a++) {
          acc(`gw${a}_${i}`, `f(s * ${w(a, j)})`);
          if (i !== j) acc(`gw${a}_${j}`, `f(s * ${w(a, i)})`);
        }
      }
    }
    if (optimizer !== "sgd") emit("  const st = f(lr_t / a1);");
    if (optimizer === "adamw") emit("  const dec = f(1 - f(lr_t * wd));");
    for (const [p, g] of params) {
      if (optimizer === "sgd") {
        emit(`  const n_${p} = f(${p} - f(lr_t * f(${g} + f(wd * ${p}))));`);
        continue;
      }
      emit(`  gg = ${optimizer === "adam" ? `f(${g} + f(wd * ${p}))` : g};`);
      emit(`  mm = f(f(b1 * mo_${p}) + f(omb1 * gg));`);
      emit(`  vv = f(f(b2 * vo_${p}) + f(omb2 * f(gg * gg)));`);
      const q0 = optimizer === "adamw" ? `f(${p} * dec)` : p;
      emit(`  const n_${p} = f(${q0} - f(f(st * mm) / f(f(f(Math.sqrt(vv)) * ia2) + eps)));`);
      emit(masked ? `  if (!fz_${p}) { mo_${p} = mm; vo_${p} = vv; }` : `  mo_${p} = mm; vo_${p} = vv;`);
    }
    // every parameter's new value is stored after all of them are computed from the old ones
    for (const [p] of params) emit(`  ${p} = ${masked ? `fz_${p} ? ${p} : ` : ""}n_${p};`);
    if (optimizer !== "sgd") {
      emit(`  if (t % ${FLUSH_EVERY} === ${FLUSH_EVERY - 1}) {  // subnormal moments become +0`);
      for (const [p] of params)
        emit(`    if (Math.abs(mo_${p}) < TINY) mo_${p} = 0; if (Math.abs(vo_${p}) < TINY) vo_${p} = 0;`);
      emit("  }");
    }
    emit("}");
    emit(params.map(([p, , r]) => `S[${r}] = ${p};`).join(" "));
    if (optimizer !== "sgd") emit(params.map(([p, , r]) => `S[${P + r}] = mo_${p}; S[${2 * P + r}] = vo_${p};`).join(" "));
    return L.join("\n");
  }

  const kernels = new Map();
  function kernel(n, m, optimizer, masked, precision) {
    const key = `${n},${m},${optimizer},${masked},${precision}`;
    if (!kernels.has(key)) {
      const body = source(n, m, optimizer, masked), p = PRECISIONS[precision];
      kernels.set(key, new Function("f", "TINY", `return function run(S, F, t0, t1, lr, bc1, bc2s, b1, b2, eps, wd) {\n${body}\n};`)(p.round, p.tiny));
    }
    return kernels.get(key);
  }

  // ---- loss (history.batch_loss: float64 from the float32 weights) ---------------------------------
  function loss(W, b, n, m) {
    let total = 0;
    for (let j = 0; j < n; j++) {            // example j = e_j
      for (let i = 0; i < n; i++) {
        let g = 0;
        for (let a = 0; a < m; a++) g += W[a * n + i] * W[a * n + j];
        const y = Math.max(g + b[i], 0) - (i === j ? 1 : 0);
        total += y * y;
      }
    }
    return total / (n * n);
  }

  // ---- a trainer that can be stepped (the page) and `train` (the API) ----------------------------
  /** A model being trained: `advance(t1)` runs steps up to t1 (global step), `state()` copies W, b. */
  function trainer(config) {
    const c = Object.assign({}, DEFAULTS, config);
    const { n, m, optimizer } = c;
    if (!(Number.isInteger(n) && n >= 2)) throw new Error(`n must be an integer ≥ 2 (got ${n})`);
    if (!OPTIMIZERS.includes(optimizer)) throw new Error(`unknown optimizer ${optimizer}; choose ${OPTIMIZERS.join(", ")}`);
    if (!(c.lr > 0 && isFinite(c.lr))) throw new Error("learning rate must be a positive finite number");
    const prec = PRECISIONS[c.precision];
    if (!prec) throw new Error(`unknown precision ${c.precision}; choose ${Object.keys(PRECISIONS).join(" or ")}`);
    const P = m * n + n, S = new prec.Array(3 * P), r = prec.round;
    const init = c.W0 && c.b0 ? { W: c.W0, b: c.b0 } : initWeights(c);
    S.set(prec.Array.from(init.W), 0);
    S.set(prec.Array.from(init.b), m * n);
    let F = null;
    if (c.frozen) {
      F = new Uint8Array(P);
      F.set(Array.from(c.frozen.W || [], Number), 0);
      F.set(Array.from(c.frozen.b || [], Number), m * n);
    }
    const run = kernel(n, m, optimizer, F !== null, c.precision);
    const args = [r(c.lr), r(c.beta1), r(c.beta2), r(c.eps), r(weightDecayOf(c))];
    let step = 0;
    return {
      config: c,
      get step() { return step; },
      advance(t1) {
        if (t1 <= step) return;
        const sch = schedule(c.beta1, c.beta2, t1, c.precision);
        run(S, F, step, t1, args[0], sch.bc1, sch.bc2s, args[1], args[2], args[3], args[4]);
        step = t1;
      },
      state() {
        const W = S.slice(0, m * n), b = S.slice(m * n, P);
        return { W, b, loss: loss(W, b, n, m), step };
      },
      /** Replace b entries (the chaos experiment's perturbation), keeping the moments. */
      setBias(values) { values.forEach((v, i) => { if (v != null) S[m * n + i] = r(v); }); },
    };
  }

  /** Train one seed. `record`: an array of steps to record (the engine's checkpoint_steps), or
   * omitted. Returns {W, b, loss, history: {steps, W, b, loss} | null}, W m×n row-major in the
   * run's precision. */
  function train(config) {
    const tr = trainer(config);
    const steps = tr.config.steps;
    const rec = config.record ? Array.from(config.record).filter((s) => s >= 0 && s <= steps).sort((a, b) => a - b) : [];
    const history = rec.length ? { steps: [], W: [], b: [], loss: [] } : null;
    for (const s of rec) {
      tr.advance(s);
      const st = tr.state();
      history.steps.push(s); history.W.push(st.W); history.b.push(st.b); history.loss.push(st.loss);
    }
    tr.advance(steps);
    const end = tr.state();
    return { W: end.W, b: end.b, loss: end.loss, history };
  }

  pg.toy = Object.assign(pg.toy || {}, { train, trainer, initWeights, schedule, source, loss, weightDecayOf,
    DEFAULTS, OPTIMIZERS, PRECISIONS, FLUSH_EVERY });
  if (typeof module !== "undefined" && module.exports) module.exports = pg.toy;
})(typeof self !== "undefined" ? self : globalThis);
