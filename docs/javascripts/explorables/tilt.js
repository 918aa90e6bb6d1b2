// toyviz explorables — widget "tilt": the latent polygon of a Symmetric Failure seen in 3-D, with the
// two latent axes on the floor and the unlearnt feature k's output (before the ReLU) as height.
//
// W_k is set by a direction and a length, b_k by a slider. The plane sits at height b_k and tilts
// along W_k; each vertex Wⱼ is at height W_kᵀWⱼ + b_k, output k's pre-activation on example j; the part
// below zero is zeroed by the ReLU. The post's tilt condition (optimization-failure.md, "When can the
// gradient favor more tilt"), 2[1 − (‖W_k‖² + b_k)] > Σ_{j≠k} (Ŵ_kᵀWⱼ)², is evaluated live.
// Drag the picture (or focus it and use the arrow keys) to turn it.
//
// Tag: <div class="tv-widget" data-widget="tilt" data-preset="symmetric_failure"></div>
// api: setParams(W, b, k), setTilt({angle, length, bias}), setView(azimuthDeg, elevationDeg),
//      readout() → {W, b, k, lhs, rhs, tiltGrows, loss, Y, heights}
(function () {
  "use strict";
  const T = window.toyvizWidgets, M = window.ToyMath;
  const { h } = T;
  const DEG = Math.PI / 180;

  /** A Symmetric Failure built by hand (used until presets.json arrives): six columns on a regular
   *  hexagon reconstructing their features perfectly, W₇ = 0 and b₇ at its optimum 1/7. */
  function handMadeFailure() {
    const s = M.regularSolution(6);
    return { W: [s.W[0].concat([0]), s.W[1].concat([0])], b: s.b.concat([1 / 7]), k: 6 };
  }

  T.register("tilt", function (inst, opts) {
    const state = { W: null, b: null, k: 6, az: -35, el: 28, E: 2.5, R: 1.6, presetName: "" };

    const readout = h("div", { class: "tv-readout", "aria-live": "polite" });
    const dir = T.slider({ label: "direction of W₇", min: -180, max: 180, step: 0.5, value: 0, fmt: (v) => v.toFixed(1) + "°",
      onInput: () => fromSliders() });
    const len = T.slider({ label: "length ‖W₇‖", min: 0, max: 0.8, step: 0.002, value: 0.08, fmt: (v) => v.toFixed(3),
      onInput: () => fromSliders() });
    const bias = T.slider({ label: "bias b₇", min: -1, max: 1, step: 0.002, value: 1 / 7, fmt: (v) => v.toFixed(3),
      onInput: () => fromSliders() });
    const az = T.slider({ label: "azimuth", min: -180, max: 180, step: 1, value: state.az, fmt: (v) => v.toFixed(0) + "°",
      onInput: (v) => { state.az = v; view.redraw(); } });
    const elv = T.slider({ label: "elevation", min: 0, max: 90, step: 1, value: state.el, fmt: (v) => v.toFixed(0) + "°",
      onInput: (v) => { state.el = v; view.redraw(); } });
    const view = T.canvasBox(inst, { aspect: 0.78, maxWidth: 560, label: "3-D view of the tilted latent polygon", draw: drawScene });
    view.canvas.tabIndex = 0;
    view.canvas.setAttribute("aria-label", "3-D view of the latent polygon; drag or use the arrow keys to turn it");
    const legend = h("div", { class: "tv-legend" },
      h("span", { class: "tv-key", style: "--tv-swatch: royalblue" }, "output 7 > 0 (feature 7 switched on)"),
      h("span", { class: "tv-key tv-key-hatch" }, "below 0: zeroed by the ReLU"));
    inst.el.append(
      h("div", { class: "tv-main" }, h("div", { class: "tv-stack" }, view.box, legend), readout),
      h("div", { class: "tv-controls" },
        h("fieldset", {}, h("legend", { text: "The unlearnt feature" }), dir.row, len.row, bias.row),
        h("fieldset", {}, h("legend", { text: "View" }), az.row, elv.row)),
    );

    function labelSliders() {
      const s = T.sub(state.k + 1);
      dir.row.querySelector("label").textContent = `direction of W${s}`;
      len.row.querySelector("label").textContent = `length ‖W${s}‖`;
      bias.row.querySelector("label").textContent = `bias b${s}`;
      legend.firstChild.textContent = `output ${state.k + 1} > 0 (feature ${state.k + 1} switched on)`;
    }

    function fromSliders() {
      const a = dir.value * DEG, r = len.value;
      state.W[0][state.k] = r * Math.cos(a); state.W[1][state.k] = r * Math.sin(a);
      state.b[state.k] = bias.value;
      update();
    }

    function setParams(W, b, k) {
      state.W = [W[0].slice(), W[1].slice()]; state.b = b.slice(); state.k = k;
      const others = M.norms(state.W).filter((_, j) => j !== k);
      state.R = 1.15 * Math.max(...others);
      const [x, y] = M.column(state.W, k), r = Math.hypot(x, y);
      if (r > 0) dir.set(Math.atan2(y, x) / DEG);
      len.input.max = Math.max(0.8, Math.ceil(r * 10) / 10);
      len.set(r); bias.set(state.b[k]);
      labelSliders();
      update();
    }

    /** A run's Symmetric Failure has W_k ≈ 0: start with the post's small tilt, W_k = 0.06 · (the
     *  learnt column before k in angular order), so the plane visibly tilts. */
    function startFrom(W, b, k) {
      const poly = M.latentPolygon(W, W[0].map((_, j) => j).filter((j) => j !== k));
      const v = poly[poly.length - 1];
      const W2 = [W[0].slice(), W[1].slice()];
      W2[0][k] = 0.06 * v[0]; W2[1][k] = 0.06 * v[1];
      setParams(W2, b, k);
    }

    function dirVec() { return [Math.cos(dir.value * DEG), Math.sin(dir.value * DEG)]; }

    function heights() {
      return state.W[0].map((_, j) => M.planeHeight(state.W, state.b, state.k, M.column(state.W, j)));
    }

    function update() {
      view.redraw();
      const c = M.tiltCondition(state.W, state.b, state.k, dirVec()), L = M.loss(state.W, state.b);
      const z = heights().filter((_, j) => j !== state.k);
      const below = z.filter((v) => v <= 0).length;
      const s = T.sub(state.k + 1);
      const wins = c.tiltGrows;
      readout.replaceChildren(
        h("div", { class: "tv-cond" },
          h("div", { class: "tv-side-l" + (wins ? " tv-win" : "") }, h("div", { class: "tv-small", text: `2[1 − (‖W${s}‖² + b${s})]` }), h("b", { class: "tv-lhs", text: c.lhs.toFixed(4) })),
          h("div", { class: "tv-vs", text: wins ? ">" : isNaN(c.rhs) ? "?" : "≤" }),
          h("div", { class: "tv-side-r" + (!wins && !isNaN(c.rhs) ? " tv-win" : "") }, h("div", { class: "tv-small", text: `Σⱼ (Ŵ${s}ᵀWⱼ)²` }), h("b", { class: "tv-rhs", text: isNaN(c.rhs) ? "undefined (W = 0)" : c.rhs.toFixed(4) }))),
        h("p", { class: "tv-verdict", text: isNaN(c.rhs) ? `W${s} = 0: no direction, no tilt.`
          : wins ? `Left side wins: the gradient pushes W${s} further along its direction — the tilt grows.`
            : `Right side wins: the gradient pulls W${s} back towards 0 — the tilt is undone.` }),
        h("div", { class: "tv-small", text: below ? `${below} of ${z.length} vertices are below 0 in dim ${state.k + 1}; the condition assumes none is (it drops the ReLU).`
          : `Every vertex is above 0 in dim ${state.k + 1}: the regime the condition describes.` }),
        h("div", { class: "tv-small" }, "loss ", h("b", { class: "tv-loss", text: L.toFixed(6) })),
      );
    }

    // ---- 3-D drawing ----
    function projector(w, hh) {
      const ca = Math.cos(state.az * DEG), sa = Math.sin(state.az * DEG);
      const ce = Math.cos(state.el * DEG), se = Math.sin(state.el * DEG);
      // fit a floor disc of radius R and heights within ±R (display units; E keeps |z|·E ≤ 0.95R),
      // whatever the azimuth
      const R = state.R, up = R * se + R * ce, down = -up;
      const s = Math.min((w - 24) / (2 * R), (hh - 34) / (up - down));
      const cx = w / 2, cy = 24 + s * up;
      return ([x, y, z]) => {
        const xr = ca * x - sa * y, yr = sa * x + ca * y;
        return [cx + s * xr, cy - s * (z * state.E * ce + yr * se)];
      };
    }

    function poly3(ctx, P, pts) {
      ctx.beginPath();
      pts.forEach((p, i) => { const [x, y] = P(p); i ? ctx.lineTo(x, y) : ctx.moveTo(x, y); });
      ctx.closePath();
    }

    function drawScene(ctx, w, hh) {
      if (!state.W) return;
      const k = state.k, n = state.b.length, colors = T.featureColors(n, k);
      const learnt = state.W[0].map((_, j) => j).filter((j) => j !== k);
      const poly = M.latentPolygon(state.W, learnt);
      const z = (p) => M.planeHeight(state.W, state.b, k, p);
      // height exaggeration, refitted only when the picture would leave the frame or shrink to a sliver
      const zmax = Math.max(1e-6, ...poly.map((p) => Math.abs(z(p))), Math.abs(state.b[k]));
      if (zmax * state.E > 0.95 * state.R || (zmax * state.E < 0.25 * state.R && state.E < 6)) state.E = Math.min(6, (0.6 * state.R) / zmax);
      const P = projector(w, hh);
      const up = (p) => [p[0], p[1], z(p)];
      const R = state.R;
      // the floor: output k = 0, the ReLU's threshold (a disc, so turning the view never rescales it)
      const floor = Array.from({ length: 64 }, (_, t) => [R * Math.cos(t * Math.PI / 32), R * Math.sin(t * Math.PI / 32), 0]);
      // the part below 0 first (it is under the translucent floor)
      const neg = M.clipHalfPlane(poly, [-state.W[0][k], -state.W[1][k]], -state.b[k]);
      const pos = M.clipHalfPlane(poly, M.column(state.W, k), state.b[k]);
      if (neg.length) {
        poly3(ctx, P, neg.map(up));
        ctx.fillStyle = hatch(ctx); ctx.fill();
        ctx.strokeStyle = "#888"; ctx.lineWidth = 1; ctx.stroke();
      }
      poly3(ctx, P, floor);
      ctx.fillStyle = "rgba(200,200,200,0.35)"; ctx.fill();
      ctx.strokeStyle = "#bbb"; ctx.lineWidth = 1; ctx.stroke();
      // floor axes h₁, h₂
      ctx.strokeStyle = "#999"; ctx.lineWidth = 1;
      for (const [a, b, name] of [[[-R, 0, 0], [R, 0, 0], "h₁"], [[0, -R, 0], [0, R, 0], "h₂"]]) {
        const A = P(a), B = P(b);
        ctx.beginPath(); ctx.moveTo(...A); ctx.lineTo(...B); ctx.stroke();
        ctx.fillStyle = "#666"; ctx.font = "11px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
        ctx.fillText(name, B[0] + (B[0] - A[0]) * 0.04, B[1] + (B[1] - A[1]) * 0.04);
      }
      // vertical axis: output k before the ReLU
      const a0 = P([0, 0, -0.5 * R / state.E]), a1 = P([0, 0, R / state.E]);
      ctx.strokeStyle = "#555"; ctx.beginPath(); ctx.moveTo(...a0); ctx.lineTo(...a1); ctx.stroke();
      ctx.fillStyle = "#444"; ctx.textAlign = "center"; ctx.textBaseline = "bottom";
      ctx.fillText(`y${T.sub(k + 1)}`, a1[0], a1[1] - 2);
      // the positive part: feature k switched on
      if (pos.length) {
        poly3(ctx, P, pos.map(up));
        ctx.fillStyle = "rgba(65,105,225,0.55)"; ctx.fill();
      }
      poly3(ctx, P, poly.map(up));
      ctx.strokeStyle = "#333"; ctx.lineWidth = 1.2; ctx.stroke();
      // the untilted plane's centre at height b_k, and W_k drawn in the plane
      const c0 = P([0, 0, state.b[k]]);
      const wk = M.column(state.W, k);
      T.arrow(ctx, c0, P(up(wk)), T.colors.UNLEARNT, 2.5);
      ctx.fillStyle = "#222"; ctx.beginPath(); ctx.arc(c0[0], c0[1], 2.5, 0, 2 * Math.PI); ctx.fill();
      ctx.font = "11px sans-serif"; ctx.textAlign = "right"; ctx.fillText(`b${T.sub(k + 1)} = ${state.b[k].toFixed(3)}`, c0[0] - 6, c0[1] - 8);
      // vertices: a stem down to the floor, a dot in the feature's colour, the height
      for (const j of learnt) {
        const p = M.column(state.W, j), zz = z(p);
        const top = P([p[0], p[1], zz]), foot = P([p[0], p[1], 0]);
        ctx.strokeStyle = zz > 0 ? "rgba(65,105,225,0.7)" : "#999"; ctx.lineWidth = 1; ctx.setLineDash([2, 2]);
        ctx.beginPath(); ctx.moveTo(...foot); ctx.lineTo(...top); ctx.stroke(); ctx.setLineDash([]);
        ctx.beginPath(); ctx.arc(top[0], top[1], 5, 0, 2 * Math.PI);
        ctx.fillStyle = colors[j]; ctx.fill(); ctx.strokeStyle = "#222"; ctx.lineWidth = 0.8; ctx.stroke();
        const dx = top[0] - c0[0], dy = top[1] - c0[1], r = Math.hypot(dx, dy) || 1;
        ctx.fillStyle = zz > 0 ? "#1a3a9a" : "#666"; ctx.textBaseline = "middle";
        ctx.textAlign = dx >= 0 ? "left" : "right"; ctx.font = "bold 11px sans-serif";
        const text = `W${T.sub(j + 1)}: ${zz.toFixed(3)}${zz > 0 ? "" : " → 0"}`, tw = ctx.measureText(text).width;
        const lx = dx >= 0 ? Math.min(top[0] + 9, w - tw - 3) : Math.max(top[0] - 9, tw + 3);
        ctx.fillText(text, lx, top[1] + (dy / r) * 9);
      }
      ctx.fillStyle = "#666"; ctx.font = "11px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "top";
      ctx.fillText(`height: output ${k + 1} before the ReLU, W₇ᵀh + b₇ (drawn ×${state.E.toFixed(1)})`.replace(/₇/g, T.sub(k + 1)), 8, 6);
    }

    let hatchPattern = null;
    function hatch(ctx) {
      if (hatchPattern) return hatchPattern;
      const c = document.createElement("canvas"); c.width = c.height = 8;
      const g = c.getContext("2d");
      g.fillStyle = "rgba(150,150,150,0.25)"; g.fillRect(0, 0, 8, 8);
      g.strokeStyle = "rgba(90,90,90,0.7)"; g.lineWidth = 1;
      g.beginPath(); g.moveTo(0, 8); g.lineTo(8, 0); g.stroke();
      hatchPattern = ctx.createPattern(c, "repeat");
      return hatchPattern;
    }

    // ---- turning the view ----
    let dragFrom = null;
    inst.listen(view.canvas, "pointerdown", (ev) => { dragFrom = [ev.clientX, ev.clientY, state.az, state.el]; view.canvas.setPointerCapture(ev.pointerId); ev.preventDefault(); });
    inst.listen(view.canvas, "pointermove", (ev) => {
      if (!dragFrom) return;
      setView(dragFrom[2] - (ev.clientX - dragFrom[0]) * 0.5, dragFrom[3] + (ev.clientY - dragFrom[1]) * 0.4);
    });
    inst.listen(view.canvas, "pointerup", () => { dragFrom = null; });
    inst.listen(view.canvas, "pointercancel", () => { dragFrom = null; });
    inst.listen(view.canvas, "keydown", (ev) => {
      const d = { ArrowLeft: [5, 0], ArrowRight: [-5, 0], ArrowUp: [0, 5], ArrowDown: [0, -5] }[ev.key];
      if (!d) return;
      setView(state.az + d[0], state.el + d[1]); ev.preventDefault();
    });
    function setView(a, e) {
      state.az = ((a + 540) % 360) - 180; state.el = Math.max(0, Math.min(90, e));
      az.set(state.az); elv.set(state.el); view.redraw();
    }

    const hm = handMadeFailure();
    startFrom(hm.W, hm.b, hm.k);
    T.loadData("presets").then((data) => {
      if (!inst.el.isConnected) return;
      const p = data.presets[opts.preset || "symmetric_failure"];
      if (p && p.unlearnt != null) { state.presetName = p.label; startFrom(p.W, p.b, p.unlearnt); }
      inst.el.dataset.ready = "";
    }).catch((e) => { readout.append(h("p", { class: "tv-error", text: e.message })); console.error(e.message); inst.el.dataset.ready = ""; });

    inst.api = {
      setParams: (W, b, k) => setParams(W, b, k),
      setTilt: ({ angle, length, bias: bb }) => {
        if (angle != null) dir.set(angle);
        if (length != null) { if (length > +len.input.max) len.input.max = length; len.set(length); }
        if (bb != null) bias.set(bb);
        fromSliders();
      },
      setView,
      readout: () => {
        const c = M.tiltCondition(state.W, state.b, state.k, dirVec());
        return { W: state.W.map((r) => r.slice()), b: state.b.slice(), k: state.k, lhs: c.lhs, rhs: c.rhs,
          tiltGrows: c.tiltGrows, loss: M.loss(state.W, state.b), Y: M.reconstruct(state.W, state.b),
          heights: heights(), text: readout.textContent };
      },
    };
  });
})();
