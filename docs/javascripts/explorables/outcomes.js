// toyviz explorables — widget "outcomes": how often a run ends perfect, in Symmetric Failure or in
// Asymmetric Recovery, by n, learning rate, optimiser setting and training step. The counts are the
// toy engine's labels (toyviz.toy.outcomes_at) of batched runs trained for data.steps steps, at each
// recorded checkpoint (figures_src/explore/outcomes.py → figures/explore/outcomes.json): a seed with a
// dead feature that learns it later in the run is "still on a plateau" there, not a failure.
// Switching optimiser keeps the learning rate when the new setting was run at it; otherwise it moves
// to the nearest rate that was run and says so in the readout.
//
// Tag: <div class="tv-widget" data-widget="outcomes"></div>  (optional data-n, data-optimizer)
// api: set({n, optimizer, lr, length}) (lr and length as indices), readout() → {n, optimizer, lr,
//      steps, run_steps, n_seeds, counts: {label: count}, rates: {label: fraction}, notice, text}
(function () {
  "use strict";
  const T = window.toyvizWidgets;
  const { h } = T;
  const PALETTE = { perfect: "#3a9d5d", slow_start: "#7fb3d5", asymmetric_recovery: "#e69f00",
    still_on_plateau: "#e8dcb0", symmetric_failure: "#c0392b", polygon_failure: "#8e5aa8",
    irregular_failure: "#6b2d1f", not_converged: "#c8c8c8", diverged: "#444444" };
  const FALLBACK = ["#999", "#bbb", "#777"];
  const pct = (v) => (100 * v).toFixed(v > 0 && v < 0.01 ? 2 : 1) + "%";

  T.register("outcomes", function (inst, opts) {
    const state = { d: null, ni: 0, oi: 0, li: 0, ci: 0, notice: "" };
    const readout = h("div", { class: "tv-readout", "aria-live": "polite" }, "Loading the outcome counts…");
    const toolbar = h("div", { class: "tv-toolbar" });
    const sliders = h("div", { class: "tv-controls" });
    const chart = T.canvasBox(inst, { aspect: (w) => (w < 460 ? 1.2 : 0.62), maxWidth: 620, label: "Outcome rates", draw: drawChart });
    inst.el.append(toolbar, sliders, chart.box, readout);
    let lrS, lenS, nSel, oSel;

    function lrs() { return state.d.lrs[state.d.optimizers[state.oi]]; }
    function color(label, k) { return PALETTE[label] || FALLBACK[k % FALLBACK.length]; }
    function counts(ni, oi, li, ci) { const d = state.d; return d.counts[d.optimizers[oi]][ni][li][ci]; }
    function rates(ni, oi, li, ci) {
      const c = counts(ni, oi, li, ci), tot = c.reduce((a, b) => a + b, 0) || 1;
      return c.map((v) => v / tot);
    }

    // the learning rate of the new setting nearest (on a log scale) to `lr`
    function nearest(list, lr) {
      let best = 0;
      list.forEach((v, i) => { if (Math.abs(Math.log(v / lr)) < Math.abs(Math.log(list[best] / lr))) best = i; });
      return best;
    }
    function switchOptimizer(oi) {
      const d = state.d, lr = lrs()[state.li];
      state.oi = oi;
      state.li = nearest(lrs(), lr);
      const now = lrs()[state.li], name = d.optimizer_names[d.optimizers[oi]] || d.optimizers[oi];
      state.notice = now === lr ? "" : `${name} was not run at learning rate ${lr}: showing ${now}, the nearest rate it was run at` +
        (d.optimizers[oi] === "sgd" ? ` (plain SGD runs at ${d.sgd_lr_scale}× the Adam rates).` : ".");
    }

    function build(d) {
      state.d = d;
      state.ni = Math.max(0, d.ns.indexOf(+(opts.n || 7)));
      state.oi = Math.max(0, d.optimizers.indexOf(opts.optimizer || d.default.optimizer));
      state.li = nearest(lrs(), d.default.lr); state.ci = d.checkpoints.length - 1;
      nSel = T.select({ label: "n", options: d.ns.map((n, i) => [i, `${n} features`]), value: state.ni, onChange: (v) => { state.ni = +v; update(); } });
      oSel = T.select({ label: "optimiser", options: d.optimizers.map((o, i) => [i, d.optimizer_names[o] || o]), value: state.oi,
        onChange: (v) => { switchOptimizer(+v); update(); } });
      toolbar.replaceChildren(nSel.row, oSel.row);
      lrS = T.slider({ label: "learning rate", min: 0, max: lrs().length - 1, step: 1, value: state.li, fmt: (v) => String(lrs()[v]), onInput: (v) => { state.li = v; state.notice = ""; update(); } });
      lenS = T.slider({ label: "labels at step", min: 0, max: d.checkpoints.length - 1, step: 1, value: state.ci, fmt: (v) => `${d.checkpoints[v].toLocaleString("en")} steps`, onInput: (v) => { state.ci = v; update(); } });
      sliders.replaceChildren(h("fieldset", {}, h("legend", { text: "Training" }), lrS.row, lenS.row));
      update();
    }

    function update() {
      const d = state.d;
      nSel.input.value = state.ni; oSel.input.value = state.oi; lrS.input.max = lrs().length - 1; lrS.set(state.li); lenS.set(state.ci);
      chart.redraw();
      const r = rates(state.ni, state.oi, state.li, state.ci), c = counts(state.ni, state.oi, state.li, state.ci);
      const list = h("ul", { class: "tv-rates" }, d.labels.map((l, k) =>
        h("li", { style: `--tv-swatch:${color(l, k)}` }, h("span", { class: "tv-rate-name", text: d.label_names[l] || l }),
          h("b", { text: pct(r[k]) }), h("span", { class: "tv-count", text: ` (${c[k]})` }))));
      const step = d.checkpoints[state.ci];
      readout.replaceChildren(
        h("div", { class: "tv-small", text: `n = ${d.ns[state.ni]}, ${d.optimizer_names[d.optimizers[state.oi]] || d.optimizers[state.oi]}, learning rate ${lrs()[state.li]}, labels at step ${step.toLocaleString("en")} — ${d.n_seeds.toLocaleString("en")} seeds` }),
        ...(state.notice ? [h("div", { class: "tv-small tv-notice", role: "status", text: state.notice })] : []),
        list,
        h("div", { class: "tv-small tv-note", text: `Every run was trained for ${d.steps.toLocaleString("en")} steps (the post trained for ${d.post_steps.toLocaleString("en")}); ` +
          `the slider shows each seed's label at step ${step.toLocaleString("en")} of it. ${d.note}` }));
    }

    function drawChart(ctx, w, hh) {
      const d = state.d;
      if (!d) return;
      const L = d.labels.length;
      ctx.font = "11px sans-serif";
      // left: rates against training length (stacked areas, log-spaced checkpoints)
      const split = w < 460 ? w : w * 0.58;
      const stacked = w < 460;
      const A = { x0: 34, x1: split - 10, y0: 22, y1: (stacked ? hh * 0.5 : hh) - 26 };
      const C = d.checkpoints, xs = C.map((_, k) => A.x0 + (k / (C.length - 1)) * (A.x1 - A.x0));
      const Y = (v) => A.y1 - v * (A.y1 - A.y0);
      let below = C.map(() => 0);
      for (let k = 0; k < L; k++) {
        const rs = C.map((_, ci) => rates(state.ni, state.oi, state.li, ci)[k]);
        const above = below.map((b, ci) => b + rs[ci]);
        ctx.beginPath();
        xs.forEach((x, ci) => (ci ? ctx.lineTo(x, Y(above[ci])) : ctx.moveTo(x, Y(above[ci]))));
        for (let ci = C.length - 1; ci >= 0; ci--) ctx.lineTo(xs[ci], Y(below[ci]));
        ctx.closePath(); ctx.fillStyle = color(d.labels[k], k); ctx.fill();
        below = above;
      }
      ctx.strokeStyle = "#999"; ctx.strokeRect(A.x0, A.y0, A.x1 - A.x0, A.y1 - A.y0);
      const post = C.indexOf(d.post_steps);          // the post's training length, marked
      if (post >= 0) {
        ctx.setLineDash([3, 3]); ctx.beginPath(); ctx.moveTo(xs[post], A.y0); ctx.lineTo(xs[post], A.y1); ctx.stroke(); ctx.setLineDash([]);
        ctx.fillStyle = "#444"; ctx.textAlign = "center"; ctx.textBaseline = "bottom"; ctx.fillText("post", xs[post], A.y0 - 1);
      }
      ctx.strokeStyle = "#111"; ctx.lineWidth = 2;
      ctx.beginPath(); ctx.moveTo(xs[state.ci], A.y0 - 4); ctx.lineTo(xs[state.ci], A.y1 + 4); ctx.stroke(); ctx.lineWidth = 1;
      ctx.fillStyle = "#444"; ctx.textAlign = "left"; ctx.textBaseline = "alphabetic";
      ctx.fillText("share of seeds vs training length", A.x0, 14);
      ctx.textAlign = "right"; ctx.textBaseline = "middle";
      for (const v of [0, 0.5, 1]) ctx.fillText(`${v * 100}%`, A.x0 - 3, Y(v));
      ctx.textAlign = "center"; ctx.textBaseline = "top";
      const ticks = [0, Math.floor((C.length - 1) / 2), C.length - 1];
      const kfmt = (s) => (s >= 1000 ? `${+(s / 1000).toPrecision(2)}k` : String(s));
      for (const ci of ticks) ctx.fillText(kfmt(C[ci]), xs[ci], A.y1 + 4);
      ctx.fillText("steps (log-spaced checkpoints)", (A.x0 + A.x1) / 2, A.y1 + 14);
      // right (or below): the same length, every learning rate — a slice of the phase diagram
      const B = stacked ? { x0: 34, x1: w - 10, y0: hh * 0.5 + 22, y1: hh - 26 } : { x0: split + 26, x1: w - 8, y0: 22, y1: hh - 26 };
      const LR = lrs(), nl = LR.length, bw = (B.x1 - B.x0) / nl;
      const YB = (v) => B.y1 - v * (B.y1 - B.y0);
      for (let li = 0; li < nl; li++) {
        const rs = rates(state.ni, state.oi, li, state.ci);
        let acc = 0;
        rs.forEach((v, k) => {
          ctx.fillStyle = color(d.labels[k], k);
          ctx.fillRect(B.x0 + li * bw + 2, YB(acc + v), bw - 4, YB(acc) - YB(acc + v));
          acc += v;
        });
        if (li === state.li) { ctx.strokeStyle = "#111"; ctx.lineWidth = 2; ctx.strokeRect(B.x0 + li * bw + 1, B.y0 - 1, bw - 2, B.y1 - B.y0 + 2); ctx.lineWidth = 1; }
        ctx.fillStyle = "#444"; ctx.textAlign = "center"; ctx.textBaseline = "top";
        if (nl <= 8 || li % 2 === 0) ctx.fillText(String(LR[li]).replace(/^0\./, "."), B.x0 + (li + 0.5) * bw, B.y1 + 4);
      }
      ctx.fillStyle = "#444"; ctx.textAlign = "left"; ctx.textBaseline = "alphabetic";
      ctx.fillText("every learning rate, same length", B.x0, B.y0 - 8);
      ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.fillText("learning rate", (B.x0 + B.x1) / 2, B.y1 + 14);
    }

    T.loadData("outcomes").then((d) => { if (inst.el.isConnected) { build(d); inst.el.dataset.ready = ""; } })
      .catch((e) => { readout.replaceChildren(h("p", { class: "tv-error", text: e.message })); console.error(e.message); inst.el.dataset.ready = ""; });

    inst.api = {
      set: ({ n, optimizer, lr, length } = {}) => {
        const d = state.d;
        if (n != null) state.ni = d.ns.indexOf(n);
        if (optimizer != null) switchOptimizer(d.optimizers.indexOf(optimizer));
        if (lr != null) { state.li = lr; state.notice = ""; }
        if (length != null) state.ci = length;
        update();
      },
      readout: () => {
        const d = state.d;
        if (!d) return null;
        const r = rates(state.ni, state.oi, state.li, state.ci), c = counts(state.ni, state.oi, state.li, state.ci);
        const shown = Object.fromEntries([...readout.querySelectorAll(".tv-rates li")].map((li, k) =>
          [d.labels[k], +li.querySelector(".tv-count").textContent.replace(/[^0-9]/g, "")]));
        return { n: d.ns[state.ni], optimizer: d.optimizers[state.oi], lr: lrs()[state.li], steps: d.checkpoints[state.ci],
          run_steps: d.steps, n_seeds: d.n_seeds, counts: Object.fromEntries(d.labels.map((l, k) => [l, c[k]])),
          rates: Object.fromEntries(d.labels.map((l, k) => [l, r[k]])), shown, notice: state.notice, text: readout.textContent };
      },
    };
  });
})();
