// toyviz ICA playground engine: Lewicki & Sejnowski's overcomplete ICA on 2-D data, in float64, the
// same computation as toyviz.ica (Python) step for step. Each function names its Python twin.
//
//   window.toyviz.playground.ica.train(opts) → {A, recordSteps, sHat, error, errorMax, dead, criterion,
//       selectedStep, oracleStep, divergedStep, lr, X, Atrue}   (trainer(opts).advance(ms): in slices)
//
// opts: X (flat [x0, y0, x1, y1, …], the data set; or `data` {angles, source, rate, nPoints, noise,
// seed} for the page's own generator, which is NOT torch's: only shipped data sets equal the engine's),
// angles (true directions, degrees), A0 (2×k row-major: first row then second; or `init` + `seed`
// for the page's generator), k, prior, priorScale, sigma, lr, steps, schedule, normalise, equalNorms,
// select ("likelihood" computes the criterion), every (record step; default as ICAConfig.every).
// A matrix A is a Float64Array of 2k numbers, a[i] = A[0][i], a[k + i] = A[1][i].
(function () {
  "use strict";
  const BLOW_UP = 1e6;                            // learning.BLOW_UP
  const BRACKET = 1.0, GOLDEN_STEPS = 8;          // selection.BRACKET, selection.GOLDEN_STEPS

  /** map_solvers.map_exact (its compiled 2-D kernel, enumerate_kernel._kernel): every support of size
   *  ≤ 2 and its signs, in the kernel's order, so ties break the same way. X flat (N×2) → ŝ (N×k). */
  function mapExact(X, A, k, sigma, lam, nonneg) {
    const c = sigma * sigma / lam, N = X.length / 2, nsg = nonneg ? 1 : 2;
    const G = new Float64Array(k * k), y = new Float64Array(k), S = new Float64Array(N * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) G[i * k + j] = A[i] * A[j] + A[k + i] * A[k + j];
    for (let n = 0; n < N; n++) {
      const x0 = X[2 * n], x1 = X[2 * n + 1];
      let best = 0.5 * (x0 * x0 + x1 * x1), bi = -1, bj = -1, siBest = 0, sjBest = 0;
      for (let i = 0; i < k; i++) y[i] = x0 * A[i] + x1 * A[k + i];
      for (let t = 0; t < nsg; t++) {
        const sg = t === 0 ? 1 : -1;
        for (let i = 0; i < k; i++) {
          const d = G[i * k + i];
          if (d <= 0) continue;
          const s = (y[i] - c * sg) / d;
          if (s * sg > 0) {
            const r0 = x0 - A[i] * s, r1 = x1 - A[k + i] * s;
            const obj = 0.5 * (r0 * r0 + r1 * r1) + c * Math.abs(s);
            if (obj < best) { best = obj; bi = i; bj = -1; siBest = s; sjBest = 0; }
          }
        }
      }
      for (let t = 0; t < nsg * nsg; t++) {
        const sgi = Math.floor(t / nsg) === 0 ? 1 : -1, sgj = t % nsg === 0 ? 1 : -1;
        for (let i = 0; i < k; i++) {
          for (let j = i + 1; j < k; j++) {
            const gii = G[i * k + i], gjj = G[j * k + j], gij = G[i * k + j], had = gii * gjj;
            if (!(had > 0 && gii * gjj - gij * gij > 1e-12 * had)) continue;
            const det = gii * gjj - gij * gij, ci = y[i] - c * sgi, cj = y[j] - c * sgj;
            const si = (gjj * ci - gij * cj) / det, sj = (gii * cj - gij * ci) / det;
            if (si * sgi > 0 && sj * sgj > 0) {
              const r0 = x0 - A[i] * si - A[j] * sj, r1 = x1 - A[k + i] * si - A[k + j] * sj;
              const obj = 0.5 * (r0 * r0 + r1 * r1) + c * (Math.abs(si) + Math.abs(sj));
              if (obj < best) { best = obj; bi = i; bj = j; siBest = si; sjBest = sj; }
            }
          }
        }
      }
      if (bi >= 0) S[n * k + bi] = siBest;
      if (bj >= 0) S[n * k + bj] = sjBest;
    }
    return S;
  }

  /** learning.delta_A: ΔA = −A(mean z ŝᵀ + I), z = −sign(ŝ)/λ; left-multiplied by (AAᵀ)⁻¹ if asked. */
  function deltaA(A, S, k, lam, normalise) {
    const N = S.length / k, M = new Float64Array(k * k);
    for (let n = 0; n < N; n++) {
      for (let i = 0; i < k; i++) {
        const z = -Math.sign(S[n * k + i]) / lam;
        if (z === 0) continue;
        for (let j = 0; j < k; j++) M[i * k + j] += z * S[n * k + j];
      }
    }
    for (let i = 0; i < k * k; i++) M[i] /= N;
    for (let i = 0; i < k; i++) M[i * k + i] += 1;
    const d = new Float64Array(2 * k);
    for (let r = 0; r < 2; r++) {
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let i = 0; i < k; i++) s += A[r * k + i] * M[i * k + j];
        d[r * k + j] = -s;
      }
    }
    if (!normalise) return d;
    let p = 0, q = 0, w = 0;                       // AAᵀ = [[p, q], [q, w]]
    for (let i = 0; i < k; i++) { p += A[i] * A[i]; q += A[i] * A[k + i]; w += A[k + i] * A[k + i]; }
    const det = p * w - q * q, out = new Float64Array(2 * k);
    for (let j = 0; j < k; j++) {
      out[j] = (w * d[j] - q * d[k + j]) / det;
      out[k + j] = (p * d[k + j] - q * d[j]) / det;
    }
    return out;
  }

  /** Python's round(): halves to even (int(round(0.1 T)) in learning_rates). */
  function roundHalfEven(v) {
    const f = Math.floor(v), diff = v - f;
    if (diff > 0.5) return f + 1;
    if (diff < 0.5) return f;
    return f % 2 === 0 ? f : f + 1;
  }

  /** learning.learning_rates: constant, or 10 % linear warm-up then cosine to 0. */
  function learningRates(steps, lr, schedule) {
    const out = new Float64Array(steps);
    const warm = Math.max(1, roundHalfEven(0.1 * steps));
    for (let t = 0; t < steps; t++) {
      out[t] = schedule === "constant" ? lr
        : t < warm ? lr * (t + 1) / warm
          : lr * 0.5 * (1 + Math.cos(Math.PI * (t - warm + 1) / Math.max(1, steps - warm)));
    }
    return out;
  }

  function norms(A, k) {
    return Array.from({ length: k }, (_, i) => Math.sqrt(A[i] * A[i] + A[k + i] * A[k + i]));
  }

  /** learning.equalise_norms: every column rescaled to the mean column norm. */
  function equaliseNorms(A, k) {
    const n = norms(A, k), mean = n.reduce((a, b) => a + b, 0) / k;
    const out = new Float64Array(2 * k);
    for (let i = 0; i < k; i++) {
      const f = mean / (n[i] > 0 ? n[i] : 1);
      out[i] = A[i] * f; out[k + i] = A[k + i] * f;
    }
    return out;
  }

  /** learning._healthy: finite, bounded columns and an invertible AAᵀ. */
  function healthy(A, k) {
    if (!A.every(Number.isFinite)) return false;
    if (Math.max(...norms(A, k)) >= BLOW_UP) return false;
    let p = 0, q = 0, w = 0;
    for (let i = 0; i < k; i++) { p += A[i] * A[i]; q += A[i] * A[k + i]; w += A[k + i] * A[k + i]; }
    const tr = Math.max(p + w, 1e-300);
    return p * w - q * q > 1e-12 * tr * tr;
  }

  /** data.unit_columns: unit columns at `angles` degrees, 2×k row-major. */
  function unitColumns(angles) {
    const k = angles.length, A = new Float64Array(2 * k);
    angles.forEach((a, i) => { const t = a * Math.PI / 180; A[i] = Math.cos(t); A[k + i] = Math.sin(t); });
    return A;
  }

  /** metrics.angle_errors with sign_matters (ŝ ≥ 0) or not: the best assignment of learnt columns to
   *  true ones over every ordered choice (itertools.permutations order, first best kept), the angle of
   *  each match in degrees. Needs k ≥ n. */
  function angleErrors(A, k, Atrue, n, signMatters) {
    const C = [], an = norms(A, k), tn = norms(Atrue, n);
    for (let i = 0; i < k; i++) {
      C.push([]);
      for (let j = 0; j < n; j++) {
        const u0 = A[i] / (an[i] > 0 ? an[i] : 1), u1 = A[k + i] / (an[i] > 0 ? an[i] : 1);
        const v0 = Atrue[j] / (tn[j] > 0 ? tn[j] : 1), v1 = Atrue[n + j] / (tn[j] > 0 ? tn[j] : 1);
        const c = Math.min(1, Math.max(-1, u0 * v0 + u1 * v1));
        C[i].push(signMatters ? c : Math.abs(c));
      }
    }
    let best = -Infinity, bestCos = null;
    const used = new Array(k).fill(false), pick = [];
    (function rec(j) {
      if (j === n) {
        let s = 0;
        for (let t = 0; t < n; t++) s += C[pick[t]][t];
        if (s > best) { best = s; bestCos = pick.map((i, t) => C[i][t]); }
        return;
      }
      for (let i = 0; i < k; i++) {
        if (used[i]) continue;
        used[i] = true; pick.push(i); rec(j + 1); pick.pop(); used[i] = false;
      }
    })(0);
    return bestCos.map((c) => Math.acos(c) * (180 / Math.PI));
  }

  /** metrics.dead_columns: columns with ŝ_i = 0 for every point. */
  function deadColumns(S, k) {
    const alive = new Array(k).fill(false);
    for (let p = 0; p < S.length; p++) if (S[p] !== 0) alive[p % k] = true;
    return alive.map((a) => !a);
  }

  /** erfcx(x) = exp(x²) erfc(x): erf's Taylor series below 2, Laplace's continued fraction above. */
  function erfcx(x) {
    if (x < 0) return 2 * Math.exp(x * x) - erfcx(-x);
    if (x < 2) {
      let term = x, sum = x;
      for (let n = 1; n < 80; n++) {
        term *= -x * x / n;
        const add = term / (2 * n + 1);
        sum += add;
        if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
      }
      return Math.exp(x * x) * (1 - 2 / Math.sqrt(Math.PI) * sum);
    }
    let f = x;                                     // x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …)))
    for (let n = 300; n >= 1; n--) f = x + (n / 2) / f;
    return 1 / (Math.sqrt(Math.PI) * f);
  }

  function logaddexp(a, b) {
    const m = Math.max(a, b);
    return m === -Infinity ? m : m + Math.log1p(Math.exp(-Math.abs(a - b)));
  }

  /** selection._evidence: the Laplace-approximated log P(x | A) per point, averaged, and the moment
   *  estimate of the scale that fits the prior. */
  function evidence(X, A, k, sigma, lam, nonneg) {
    const S = mapExact(X, A, k, sigma, lam, nonneg), N = X.length / 2, s2 = sigma * sigma;
    const d = norms(A, k).map((v) => v * v);
    const G = (i, j) => A[i] * A[j] + A[k + i] * A[k + j];
    let total = 0, absSum = 0, activeSum = 0;
    for (let n = 0; n < N; n++) {
      const x0 = X[2 * n], x1 = X[2 * n + 1];
      let r0 = x0, r1 = x1, l1 = 0;
      const act = [];
      for (let i = 0; i < k; i++) {
        const s = S[n * k + i];
        if (s !== 0) { act.push(i); r0 -= A[i] * s; r1 -= A[k + i] * s; l1 += Math.abs(s); }
      }
      let det = 1;
      if (act.length === 1) det = d[act[0]];
      else if (act.length === 2) { const [i, j] = act; det = d[i] * d[j] - G(i, j) * G(i, j); }
      let inactive = 0;
      for (let i = 0; i < k; i++) {
        if (S[n * k + i] !== 0) continue;
        const corr = (r0 * A[i] + r1 * A[k + i]) / s2, h = Math.max(d[i] / s2, 1e-300), q = Math.sqrt(2 * h);
        const oneSided = (g) => 0.5 * Math.log(Math.PI / (2 * h)) + Math.log(erfcx(-g / q));
        const up = oneSided(-1 / lam + corr);
        inactive += nonneg ? up : logaddexp(up, oneSided(-1 / lam - corr));
      }
      const prior = -k * Math.log(nonneg ? lam : 2 * lam) - l1 / lam;
      total += prior - 0.5 * (r0 * r0 + r1 * r1) / s2 - Math.log(2 * Math.PI * s2)
        + act.length * (0.5 * Math.log(2 * Math.PI) + Math.log(sigma)) - 0.5 * Math.log(Math.max(det, 1e-300))
        + inactive;
      absSum += l1; activeSum += act.length;
    }
    const moment = (absSum / N) / (lam * Math.max(activeSum / N, 1e-12));
    return [total / N, Math.max(moment, 1e-12)];
  }

  /** selection.fitted_evidence: the evidence maximised over a common scale of A's columns (golden
   *  section in log scale, ±BRACKET around the moment estimate). */
  function fittedEvidence(X, A, k, sigma, lam, nonneg) {
    const ratio = (Math.sqrt(5) - 1) / 2, centre = Math.log(evidence(X, A, k, sigma, lam, nonneg)[1]);
    const f = (t) => { const e = Math.exp(t); return evidence(X, A.map((v) => v * e), k, sigma, lam, nonneg)[0]; };
    let a = centre - BRACKET, b = centre + BRACKET;
    let c = b - ratio * (b - a), d = a + ratio * (b - a), fc = f(c), fd = f(d);
    for (let it = 0; it < GOLDEN_STEPS; it++) {
      if (fc > fd) {                               // the maximum lies in [a, d]
        b = d; d = c; c = b - ratio * (b - a); fd = fc; fc = f(c);
      } else {
        a = c; c = d; d = a + ratio * (b - a); fc = fd; fd = f(d);
      }
    }
    return fc > fd ? fc : fd;
  }

  // ---- the page's own generator (NOT the engine's torch stream): for custom settings only ----------
  function rng(seed) {                             // mulberry32 → uniform in [0, 1)
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6D2B79F5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function gaussian(u) { return () => Math.sqrt(-2 * Math.log1p(-u())) * Math.cos(2 * Math.PI * u()); }

  /** data.make_data's recipe with the page's generator: x = A_true s + ε, s exponential (or Laplace). */
  function generateData({ angles, source = "exponential", rate = 0.5, nPoints = 1000, noise = 0, seed = 0 }) {
    const u = rng(seed * 2 + 1), g = gaussian(u), n = angles.length, At = unitColumns(angles);
    const X = new Float64Array(2 * nPoints);
    for (let p = 0; p < nPoints; p++) {
      for (let i = 0; i < n; i++) {
        let s = -Math.log1p(-u()) / rate;
        if (source === "laplace" && u() < 0.5) s = -s;
        X[2 * p] += At[i] * s; X[2 * p + 1] += At[n + i] * s;
      }
      if (noise > 0) { X[2 * p] += noise * g(); X[2 * p + 1] += noise * g(); }
    }
    return X;
  }

  /** data.init_columns's recipe with the page's generator. */
  function initColumns(kind, angles, k, seed, noise = 0.3, signed = false) {
    const u = rng(seed * 2 + 2), g = gaussian(u), n = angles.length, At = unitColumns(angles);
    const A = new Float64Array(2 * k);
    if (kind === "spread") {
      const span = signed ? 180 : 360, offset = u() * span / k;
      return unitColumns(Array.from({ length: k }, (_, i) => offset + span * i / k));
    }
    for (let r = 0; r < 2; r++) {
      for (let i = 0; i < k; i++) {
        const e = g();
        A[r * k + i] = kind === "perturbed" && i < n ? At[r * n + i] + noise * e : e;
      }
    }
    return A;
  }

  /** learning.train for one seed and one restart, a few steps at a time (`advance`), so the page can
   *  train between frames: A at every step, ŝ and the criterion at the recorded steps, the sign-aware
   *  error, dead columns; `finish` adds the selected and oracle steps. */
  function trainer(o) {
    const k = o.k, nonneg = o.prior === "exponential", lam = o.priorScale, sigma = o.sigma;
    const angles = o.angles ?? o.data.angles, n = angles.length, At = unitColumns(angles);
    if (k < n) throw new Error(`need at least as many columns (${k}) as true directions (${n})`);
    const X = o.X ? Float64Array.from(o.X) : generateData(o.data);
    let A = o.A0 ? Float64Array.from(o.A0) : initColumns(o.init, angles, k, o.seed ?? 0, o.initNoise ?? 0.3, !nonneg);
    const T = o.steps, every = o.every || Math.max(1, Math.floor(T / 100));
    const lrs = learningRates(T, o.lr, o.schedule);
    const out = { X, Atrue: At, k, n, A: [], recordSteps: [], sHat: [], error: [], errorMax: [], dead: [],
      criterion: [], divergedStep: healthy(A, k) ? -1 : 0, lr: Array.from(lrs), done: false };
    let alive = out.divergedStep < 0, t = 0;
    function step() {
      out.A.push(A);
      const err = angleErrors(A, k, At, n, nonneg);
      out.error.push(err.reduce((a, b) => a + b, 0) / n);
      out.errorMax.push(Math.max(...err));
      const S = alive ? mapExact(X, A, k, sigma, lam, nonneg) : null;
      if (t % every === 0) {
        out.recordSteps.push(t);
        out.sHat.push(S);
        out.dead.push(S ? deadColumns(S, k) : new Array(k).fill(false));
        out.criterion.push(o.select === "likelihood" ? fittedEvidence(X, A, k, sigma, lam, nonneg) : NaN);
      }
      if (t === T) { finish(); return; }
      if (alive) {
        const d = deltaA(A, S, k, lam, o.normalise);
        let next = A.map((v, i) => v + lrs[t] * d[i]);
        if (o.equalNorms) next = equaliseNorms(next, k);
        if (healthy(next, k)) A = next;
        else { alive = false; out.divergedStep = t + 1; }   // frozen at its last A, as the engine does
      }
      t += 1;
    }
    function finish() {
      // selection.pick: the first best finite score
      const first = (xs, better) => xs.reduce((b, v, i) => (Number.isFinite(v) && (b < 0 || better(v, xs[b])) ? i : b), -1);
      out.oracleStep = first(out.error, (v, b) => v < b);
      out.selectedStep = o.select === "likelihood" ? out.recordSteps[first(out.criterion, (v, b) => v > b)]
        : o.select === "oracle" ? out.oracleStep : T;
      out.done = true;
    }
    /** Run until `budgetMs` has passed (or the end); returns the result so far. */
    function advance(budgetMs = Infinity) {
      const t0 = performance.now();
      while (!out.done && performance.now() - t0 < budgetMs) step();
      return out;
    }
    return { advance, result: out };
  }

  function train(o) { return trainer(o).advance(); }

  const api = { train, trainer, mapExact, deltaA, learningRates, equaliseNorms, unitColumns, angleErrors, deadColumns,
    erfcx, evidence, fittedEvidence, generateData, initColumns };
  window.toyviz = window.toyviz || {};
  window.toyviz.playground = window.toyviz.playground || {};
  window.toyviz.playground.ica = api;
})();
