// toyviz explorables — the maths of the toy ReLU autoencoder y = ReLU(WᵀW x + b), in the browser.
//
// One source of truth for the formulas: every function here mirrors a function of the Python engine
// `toyviz.toy` (named in its comment) and tests/site/test_explorables.py checks them against it to
// 1e-6. Shapes follow the engine: W is m×n (an array of m rows of n numbers; column i is feature i's
// direction Wᵢ in the latent plane), b has n entries, the data set is the identity (example j = eⱼ).
// Arithmetic is float64 throughout.
(function () {
  "use strict";

  const relu = (v) => (v > 0 ? v : 0);

  /** Column i of W as [x, y] (m = 2). */
  function column(W, i) {
    return [W[0][i], W[1][i]];
  }

  /** WᵀW, n×n. Mirrors `toyviz.toy.geometry.gram`. */
  function gram(W) {
    const m = W.length, n = W[0].length;
    const G = [];
    for (let i = 0; i < n; i++) {
      G.push(new Array(n).fill(0));
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let a = 0; a < m; a++) s += W[a][i] * W[a][j];
        G[i][j] = s;
      }
    }
    return G;
  }

  /** Reconstruction of the identity data set: Y[j][i] = ReLU(WᵢᵀWⱼ + bᵢ), output i of example j
   *  (examples along rows, as the engine's data). Mirrors the forward pass inside
   *  `toyviz.toy.history.batch_loss` / `toyviz.toy.forces.loss` (np.maximum(WᵀW + b, 0)). */
  function reconstruct(W, b) {
    const G = gram(W), n = b.length;
    return G.map((row, j) => row.map((_, i) => relu(G[i][j] + b[i])));
  }

  /** The training loss: mean squared error over all n·n outputs of the identity data set.
   *  Mirrors `toyviz.toy.history.batch_loss` (and `toyviz.toy.forces.loss`): float64, 1/n² Σ. */
  function loss(W, b) {
    const Y = reconstruct(W, b), n = b.length;
    let s = 0;
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const r = Y[j][i] - (i === j ? 1 : 0);
        s += r * r;
      }
    return s / (n * n);
  }

  /** ‖Wᵢ‖ for each feature. Mirrors `toyviz.toy.analysis.feature_norms`. */
  function norms(W) {
    return W[0].map((_, i) => Math.hypot(...W.map((row) => row[i])));
  }

  /** The latent polygon: the columns of W joined counter-clockwise in order of their angle
   *  atan2(y, x), ties kept in feature order (a column near the origin gives the post's pac-man
   *  mouth). Returns [[x, y], ...]. `features` (optional) keeps only those columns.
   *  Mirrors `toyviz.toy.geometry.latent_polygon` (a stable argsort of the angles). */
  function latentPolygon(W, features) {
    const idx = features || W[0].map((_, i) => i);
    return idx
      .map((i) => ({ i, a: Math.atan2(W[1][i], W[0][i]) }))
      .sort((p, q) => p.a - q.a || p.i - q.i)
      .map(({ i }) => column(W, i));
  }

  /** The part of polygon `poly` where w·h + c ≥ 0 (Sutherland–Hodgman against one half-plane; the
   *  new vertices lie exactly where the line crosses an edge). May return fewer than 3 vertices.
   *  Mirrors `toyviz.toy.geometry.clip_halfplane`, operation for operation. */
  function clipHalfPlane(poly, w, c) {
    const out = [], N = poly.length;
    const val = (p) => p[0] * w[0] + p[1] * w[1] + c;
    const s = poly.map(val);
    for (let k = 0; k < N; k++) {
      const p = poly[k], q = poly[(k + 1) % N], sa = s[k], sb = s[(k + 1) % N];
      if (sa >= 0) out.push(p);
      if ((sa >= 0) !== (sb >= 0)) {
        const t = sa / (sa - sb);
        out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
      }
    }
    return out;
  }

  /** Each feature's zone {h : Wᵢᵀh + bᵢ > 0} clipped to the latent polygon (a list of vertex lists,
   *  empty where the zone misses the polygon). Mirrors `toyviz.toy.geometry.zones`. */
  function zones(W, b, poly) {
    const P = poly || latentPolygon(W);
    return b.map((bi, i) => clipHalfPlane(P, column(W, i), bi));
  }

  /** Output k's pre-activation over the latent point h: Wₖᵀh + bₖ, the height of the latent plane
   *  along output dimension k (its offset bₖ plus its tilt Wₖ). Mirrors
   *  `toyviz.toy.geometry.plane_points(W, b, [h], [k])` (see also `plane_offset_tilt`). */
  function planeHeight(W, b, k, h) {
    return W[0][k] * h[0] + W[1][k] * h[1] + b[k];
  }

  /** The post's tilt condition for feature k as the post writes it, without the ReLU:
   *  2[1 − (‖Wₖ‖² + bₖ)] > Σ_{j≠k} (Ŵₖᵀ Wⱼ)².  Returns {lhs, rhs, tiltGrows}; Ŵₖ = Wₖ/‖Wₖ‖, or the
   *  unit `direction` when Wₖ = 0 (without one, rhs is NaN there).
   *  Mirrors `toyviz.toy.forces.tilt_condition`, which returns (lhs, rhs, lhs > rhs). */
  function tiltCondition(W, b, k, direction) {
    const wk = column(W, k), len = Math.hypot(wk[0], wk[1]);
    const lhs = 2 * (1 - (len * len + b[k]));
    let rhs = NaN;
    const d = len > 0 ? wk : direction;
    if (d) {
      const dl = Math.hypot(d[0], d[1]);
      const u = [d[0] / dl, d[1] / dl];
      rhs = 0;
      for (let j = 0; j < b.length; j++) {
        if (j === k) continue;
        const d = u[0] * W[0][j] + u[1] * W[1][j];
        rhs += d * d;
      }
    }
    return { lhs, rhs, tiltGrows: lhs > rhs };
  }

  /** E (n×n): dL/d(pre-activation of output i on example j) = (2/n²)(ReLU(p) − δᵢⱼ)·1[p > 0], E[i][j].
   *  Mirrors `toyviz.toy.forces.residuals`: an output at or below zero passes no gradient. */
  function residuals(W, b) {
    const G = gram(W), n = b.length;
    return G.map((row, i) => row.map((g, j) => {
      const p = g + b[i];
      return p > 0 ? (2 / (n * n)) * (p - (i === j ? 1 : 0)) : 0;
    }));
  }

  /** The tilt condition with the ReLU, from the exact gradient on Wₖ: the two forces of
   *  `toyviz.toy.forces.three_forces` (its "own" and "tilt"), projected on Ŵₖ and scaled by
   *  n²/(2‖Wₖ‖) to the post's units, so that
   *    pull = −own·Ŵₖ (example k raising its output; 2[1 − (‖Wₖ‖² + bₖ)] while that output is on),
   *    push = tilt·Ŵₖ = Σ over the vertices j ≠ k with output k above 0 of (Wₖᵀ Wⱼ + bₖ)(Ŵₖᵀ Wⱼ)/‖Wₖ‖
   *           (the post's Σ (Ŵₖᵀ Wⱼ)² when every vertex is above 0 and the Wⱼ sum to zero).
   *  Gradient descent lengthens Wₖ (the tilt grows) exactly when pull > push. Returns {pull, push,
   *  tiltGrows, above: [j ≠ k with output k > 0 on example j], ownOn: output k > 0 on example k,
   *  othersOn: some output i ≠ k > 0 on example k}; pull and push are NaN when Wₖ = 0 (no direction). */
  function tiltForces(W, b, k) {
    const n = b.length, E = residuals(W, b), wk = column(W, k), len = Math.hypot(wk[0], wk[1]);
    const own = [0, 0], tilt = [0, 0];
    for (let i = 0; i < n; i++) {            // own: Σᵢ E_ik Wᵢ + E_kk Wₖ
      own[0] += E[i][k] * W[0][i]; own[1] += E[i][k] * W[1][i];
    }
    own[0] += E[k][k] * wk[0]; own[1] += E[k][k] * wk[1];
    for (let j = 0; j < n; j++) {            // tilt: Σ_{j≠k} E_kj Wⱼ
      if (j === k) continue;
      tilt[0] += E[k][j] * W[0][j]; tilt[1] += E[k][j] * W[1][j];
    }
    const G = gram(W);
    const above = [];
    for (let j = 0; j < n; j++) if (j !== k && G[k][j] + b[k] > 0) above.push(j);
    const ownOn = G[k][k] + b[k] > 0;
    let othersOn = false;
    for (let i = 0; i < n; i++) if (i !== k && G[i][k] + b[i] > 0) othersOn = true;
    if (!(len > 0)) return { pull: NaN, push: NaN, tiltGrows: false, above, ownOn, othersOn };
    const s = (n * n) / (2 * len);
    const u = [wk[0] / len, wk[1] / len];
    const pull = -s * (own[0] * u[0] + own[1] * u[1]), push = s * (tilt[0] * u[0] + tilt[1] * u[1]);
    return { pull, push, tiltGrows: pull > push, above, ownOn, othersOn };
  }

  /** A perfect solution built by hand: n columns on a regular polygon of radius r with equal biases
   *  β, where r² + β = 1 (each feature reconstructed as 1) and r² cos(2π/n) + β = 0 (its neighbours
   *  exactly at the edge of its zone). Not from a run: the widgets' starting point for any n. */
  function regularSolution(n) {
    const c = Math.cos((2 * Math.PI) / n);
    const r2 = 1 / (1 - c), r = Math.sqrt(r2), beta = -c * r2;
    const W = [[], []];
    for (let i = 0; i < n; i++) {
      const a = Math.PI / 2 - (2 * Math.PI * i) / n;
      W[0].push(r * Math.cos(a));
      W[1].push(r * Math.sin(a));
    }
    return { W, b: new Array(n).fill(beta) };
  }

  window.ToyMath = {
    relu, column, gram, reconstruct, loss, norms, latentPolygon, clipHalfPlane, zones,
    planeHeight, tiltCondition, residuals, tiltForces, regularSolution,
  };
})();
