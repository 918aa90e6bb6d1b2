// toyviz playground — the toy engine's outcome classifier (toyviz/toy/analysis.py: `symmetric_shape`,
// `outcomes_at`) for one seed's recorded history. The labels and tolerances are not written here: they
// come from the engine through the page's data figure (figures/playground/toy_presets.json:
// `labels`, `label_names`, `tolerances`), so the page and the engine cannot drift apart. Norms and
// angles are computed in float64 from the float32 weights, as the engine does.
(function (root) {
  "use strict";
  const pg = ((root.toyviz = root.toyviz || {}).playground = root.toyviz.playground || {});
  const TAU = 2 * Math.PI;

  /** ‖Wᵢ‖ of each column of W (m×n row-major). */
  function norms(W, n, m) {
    return Array.from({ length: n }, (_, i) => {
      let s = 0;
      for (let a = 0; a < m; a++) s += W[a * n + i] * W[a * n + i];
      return Math.sqrt(s);
    });
  }

  /** analysis.symmetric_shape for one (W, b): some dead and some live features, every dead bias
   * within tol.bias_rel/n of 1/n, live lengths within tol.length_rel of their mean and, for m = 2,
   * consecutive live angles within tol.angle of 2π/live. */
  function symmetricShape(W, b, n, m, tol, r = norms(W, n, m)) {
    const dead = r.map((x) => x < tol.dead);
    const live = [];
    dead.forEach((d, i) => { if (!d) live.push(i); });
    if (!live.length || live.length === n) return false;
    for (let k = 0; k < W.length; k++) if (!isFinite(W[k])) return false;
    for (let i = 0; i < n; i++) if (!isFinite(b[i]) || (dead[i] && Math.abs(b[i] - 1.0 / n) > tol.bias_rel / n)) return false;
    const lengths = live.map((i) => r[i]);
    const mean = lengths.reduce((x, y) => x + y, 0) / lengths.length;
    if (!(Math.max(...lengths) - Math.min(...lengths) <= tol.length_rel * mean)) return false;
    if (m !== 2 || live.length === 1) return true;
    const a = live.map((i) => Math.atan2(W[n + i], W[i])).sort((x, y) => x - y);
    const target = TAU / live.length;
    let dev = Math.abs(a[0] + TAU - a[a.length - 1] - target);
    for (let k = 1; k < a.length; k++) dev = Math.max(dev, Math.abs(a[k] - a[k - 1] - target));
    return dev <= tol.angle;
  }

  /** analysis.outcomes_at for one seed: its label at each checkpoint of `history` ({W, b, loss}, T
   * entries, the first the start). `tol`: the engine's Tolerances as a plain object. */
  function labelsAt(history, n, m, tol) {
    const T = history.W.length;
    let finite = true;
    const rows = history.W.map((W, t) => {
      const b = history.b[t];
      finite = finite && Array.prototype.every.call(W, isFinite) && Array.prototype.every.call(b, isFinite);
      const r = norms(W, n, m);
      const nDead = r.filter((x) => x < tol.dead).length;
      const shape = symmetricShape(W, b, n, m, tol, r);
      return { finite, nDead, shape, oneDeadShape: shape && nDead === 1, allLearnt: nDead === 0 && finite };
    });
    const first = Math.min(1, T - 1);                 // step 0 never counts
    const learntAfter = new Array(T).fill(false);
    for (let t = T - 2; t >= 0; t--) learntAfter[t] = learntAfter[t + 1] || rows[t + 1].allLearnt;
    let everDead = false, everSf = false;
    return rows.map((row, t) => {
      if (t >= first) { everDead = everDead || row.nDead > 0; everSf = everSf || row.oneDeadShape; }
      if (!row.finite) return "diverged";
      if (row.nDead > 0) {
        if (learntAfter[t]) return "still_on_plateau";
        return row.oneDeadShape ? "symmetric_failure" : row.shape ? "polygon_failure" : "irregular_failure";
      }
      if (!(history.loss[t] <= tol.loss)) return "not_converged";
      return everSf ? "asymmetric_recovery" : everDead ? "slow_start" : "perfect";
    });
  }

  /** The outcome: the label at the last checkpoint. */
  const outcome = (history, n, m, tol) => labelsAt(history, n, m, tol).pop();

  pg.classifier = { norms, symmetricShape, labelsAt, outcome };
  if (typeof module !== "undefined" && module.exports) module.exports = pg.classifier;
})(typeof self !== "undefined" ? self : globalThis);
