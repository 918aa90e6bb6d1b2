// toyviz explorables — widget "tilt": the latent polygon of a Symmetric Failure seen in 3-D, with the
// two latent axes on the floor and the unlearnt feature k's output (before the ReLU) as height.
//
// W_k is set by a direction and a length, b_k by a slider. The plane sits at height b_k and tilts
// along W_k; each vertex Wⱼ is at height W_kᵀWⱼ + b_k, output k's pre-activation on example j; the part
// below zero is zeroed by the ReLU. The post's tilt condition (optimization-failure.md, "When can the
// gradient favor more tilt"), 2[1 − (‖W_k‖² + b_k)] > Σ_{j≠k} (Ŵ_kᵀWⱼ)², is evaluated with the ReLU:
// both sides are the exact forces on W_k (ToyMath.tiltForces, mirroring toyviz.toy.forces.three_forces),
// so a vertex below zero pushes nothing and the verdict is what gradient descent does to ‖W_k‖.
// Drag the picture (or focus it and use the arrow keys) to turn it.
//
// Tag: <div class="tv-widget" data-widget="tilt" data-preset="symmetric_failure"></div>
// api: setParams(W, b, k), setTilt({angle, length, bias}), setView(azimuthDeg, elevationDeg),
//      readout() → {W, b, k, pull, push, tiltGrows, above, post: {lhs, rhs}, loss, Y, heights, text,
//      biasShown: the b_k printed in the picture}
(function () {
  "use strict";
  const T = window.toyvizWidgets, M = window.ToyMath;
  const { h } = T;
  const DEG = Math.PI / 180;
  const LENGTH_MAX = 1.6, BIAS_MIN = -1.5, BIAS_MAX = 1;   // room for the two sides to cross

  /** A Symmetric Failure built by hand (used until presets.json arrives): six columns on a regular
   *  hexagon reconstructing their features perfectly, W₇ = 0 and b₇ at its optimum 1/7. */
  function handMadeFailure() {
    const s = M.regularSolution(6);
    return { W: [s.W[0].concat([0]), s.W[1].concat([0])], b: s.b.concat([1 / 7]), k: 6 };
  }

  T.register("tilt", function (inst, opts) {
    const state = { W: null, b: null, k: 6, az: -35, el: 28, E: 2.5, R: 1.6, fit: null };

    const readout = h("div", { class: "tv-readout", "aria-live": "polite" });
    const caption = h("p", { class: "tv-caption" });
    const dir = T.slider({ label: "direction of W₇", min: -180, max: 180, step: 0.5, value: 0, fmt: (v) => v.toFixed(1) + "°",
      onInput: (v) => setColumn(v, null) });
    const len = T.slider({ label: "length ‖W₇‖", min: 0, max: LENGTH_MAX, step: 0.002, value: 0.08, fmt: (v) => v.toFixed(3),
      onInput: (v) => setColumn(null, v) });
    const bias = T.slider({ label: "bias b₇", min: BIAS_MIN, max: BIAS_MAX, step: 0.002, value: 1 / 7, fmt: (v) => v.toFixed(3),
      onInput: (v) => { state.b[state.k] = v; update(); } });
    const az = T.slider({ label: "azimuth", min: -180, max: 180, step: 1, value: state.az, fmt: (v) => v.toFixed(0) + "°",
      onInput: (v) => setView(v, state.el) });
    const elv = T.slider({ label: "elevation", min: 0, max: 90, step: 1, value: state.el, fmt: (v) => v.toFixed(0) + "°",
      onInput: (v) => setView(state.az, v) });
    const view = T.canvasBox(inst, { aspect: 0.72, maxWidth: 560, label: "3-D view of the tilted latent polygon", draw: drawScene });
    view.canvas.tabIndex = 0;
    view.canvas.setAttribute("aria-label", "3-D view of the latent polygon; drag or use the arrow keys to turn it");
    const legend = h("div", { class: "tv-legend" },
      h("span", { class: "tv-key", style: "--tv-swatch: royalblue" }, "output 7 > 0 (feature 7 switched on)"),
      h("span", { class: "tv-key tv-key-hatch" }, "below 0: zeroed by the ReLU"));
    inst.el.append(
      h("div", { class: "tv-main" }, h("div", { class: "tv-stack" }, caption, view.box, legend), readout),
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

    /** W_k from its direction (degrees) and length; null keeps the current one. */
    function setColumn(deg, r) {
      const a = (deg == null ? dir.value : deg) * DEG, rr = r == null ? len.value : r;
      state.W[0][state.k] = rr * Math.cos(a); state.W[1][state.k] = rr * Math.sin(a);
      update();
    }

    function setParams(W, b, k) {
      state.W = [W[0].slice(), W[1].slice()]; state.b = b.slice(); state.k = k; state.fit = null;
      const others = M.norms(state.W).filter((_, j) => j !== k);
      state.R = 1.15 * Math.max(...others);
      const [x, y] = M.column(state.W, k), r = Math.hypot(x, y);
      if (r > 0) dir.set(Math.atan2(y, x) / DEG);
      len.input.max = Math.max(LENGTH_MAX, Math.ceil(r * 10) / 10);
      bias.input.min = Math.min(BIAS_MIN, Math.floor(state.b[k]));
      bias.input.max = Math.max(BIAS_MAX, Math.ceil(state.b[k]));
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

    function ownOutput() {
      const [x, y] = M.column(state.W, state.k);
      return x * x + y * y + state.b[state.k];
    }

    function heights() {
      return state.W[0].map((_, j) => M.planeHeight(state.W, state.b, state.k, M.column(state.W, j)));
    }

    function update() {
      view.redraw();
      const k = state.k, n = state.b.length, s = T.sub(k + 1);
      const f = M.tiltForces(state.W, state.b, k), post = M.tiltCondition(state.W, state.b, k);
      const undefinedDir = isNaN(f.pull), still = !undefinedDir && f.pull === 0 && f.push === 0;
      const wins = f.tiltGrows;
      const names = (js) => js.map((j) => `W${T.sub(j + 1)}`).join(", ");
      const below = heights().map((z, j) => j).filter((j) => j !== k && !f.above.includes(j));
      readout.replaceChildren(...[
        h("div", { class: "tv-cond" },
          h("div", { class: "tv-side-l" + (wins ? " tv-win" : "") },
            h("div", { class: "tv-small", text: `example ${k + 1}'s pull` }),
            h("div", { class: "tv-small tv-formula", text: `2[1 − (‖W${s}‖² + b${s})]` }),
            h("b", { class: "tv-lhs", text: undefinedDir ? "–" : f.pull.toFixed(4) })),
          h("div", { class: "tv-vs", text: undefinedDir || still ? "?" : wins ? ">" : "≤" }),
          h("div", { class: "tv-side-r" + (!wins && !undefinedDir && !still ? " tv-win" : "") },
            h("div", { class: "tv-small", text: "the other examples' push" }),
            h("div", { class: "tv-small tv-formula", text: `Σ over vertices above 0 of y${s}(eⱼ)·Ŵ${s}ᵀWⱼ/‖W${s}‖` }),
            h("b", { class: "tv-rhs", text: undefinedDir ? "–" : f.push.toFixed(4) }))),
        h("p", { class: "tv-verdict", text: undefinedDir ? `W${s} = 0: no direction, no tilt.`
          : still ? `Neither side acts: output ${k + 1} is below 0 on every example, so the ReLU passes no gradient and W${s} stays where it is.`
            : wins ? `Left side wins: gradient descent lengthens W${s}, and the tilt grows.`
              : `Right side wins: gradient descent shortens W${s}, and the tilt is undone.` }),
        h("div", { class: "tv-small tv-above", text: `${f.above.length} of ${n - 1} vertices above 0 in output ${k + 1}`
          + (below.length ? `; ${names(below)} below 0 push nothing.` : ".") }),
        h("div", { class: "tv-small", text: `The post's sum over all ${n - 1}, Σⱼ (Ŵ${s}ᵀWⱼ)², without the ReLU: ${undefinedDir ? "–" : post.rhs.toFixed(4)}.` }),
        h("div", { class: "tv-small tv-own", text: `Example ${k + 1}'s own output y${s}(e${s}) = ‖W${s}‖² + b${s} = ${ownOutput().toFixed(3)}`
          + (f.ownOn ? "." : `: at or below 0, the ReLU silences its pull.`) }),
        f.othersOn ? h("div", { class: "tv-small", text: `W${s} is long enough to switch on other outputs on example ${k + 1}; their error counts in the pull.` }) : null,
        h("div", { class: "tv-small" }, "loss ", h("b", { class: "tv-loss", text: M.loss(state.W, state.b).toFixed(6) })),
      ].filter((e) => e));
      caption.textContent = `Height: output ${k + 1} before the ReLU, W${s}ᵀh + b${s} (drawn ×${state.E.toFixed(1)}). Drag the picture or use the arrow keys to turn it.`;
    }

    // ---- 3-D drawing ----
    /** Rotation and height exaggeration only (unit scale, origin at 0): [x, y, z] → [sx, sy]. */
    function rotate([x, y, z]) {
      const ca = Math.cos(state.az * DEG), sa = Math.sin(state.az * DEG);
      const ce = Math.cos(state.el * DEG), se = Math.sin(state.el * DEG);
      const xr = ca * x - sa * y, yr = sa * x + ca * y;
      return [xr, -(z * state.E * ce + yr * se)];
    }

    /** Fit the drawing's bounding box into the canvas; refitted only when the picture would leave
     *  the frame or fill less than 70 % of it, so small moves of a slider do not rescale it. */
    function fitTo(points, w, hh) {
      const P = points.map(rotate);
      const x0 = Math.min(...P.map((p) => p[0])), x1 = Math.max(...P.map((p) => p[0]));
      const y0 = Math.min(...P.map((p) => p[1])), y1 = Math.max(...P.map((p) => p[1]));
      const mx = 34, my = 14;     // room for the vertex labels at the sides (they are also kept inside the canvas)
      const s = Math.min((w - 2 * mx) / (x1 - x0 || 1), (hh - 2 * my) / (y1 - y0 || 1));
      const f = state.fit;
      const inside = f && f.w === w && f.hh === hh && f.s <= s * 1.0001 &&
        [[x0, y0], [x1, y1]].every(([x, y]) => { const q = [f.cx + f.s * x, f.cy + f.s * y]; return q[0] >= mx - 1 && q[0] <= w - mx + 1 && q[1] >= my - 1 && q[1] <= hh - my + 1; });
      if (!inside || f.s < 0.7 * s) state.fit = { w, hh, s, cx: w / 2 - s * (x0 + x1) / 2, cy: hh / 2 - s * (y0 + y1) / 2 };
      const g = state.fit;
      return (p) => { const [x, y] = rotate(p); return [g.cx + g.s * x, g.cy + g.s * y]; };
    }

    function poly3(ctx, P, pts) {
      ctx.beginPath();
      pts.forEach((p, i) => { const [x, y] = P(p); i ? ctx.lineTo(x, y) : ctx.moveTo(x, y); });
      ctx.closePath();
    }

    /** Label boxes {x, y, w, h, text, color}, moved apart vertically until none overlaps another. */
    function separate(labels) {
      for (let pass = 0; pass < 20; pass++) {
        let moved = false;
        labels.sort((a, b) => a.y - b.y);
        for (let i = 0; i < labels.length; i++)
          for (let j = i + 1; j < labels.length; j++) {
            const a = labels[i], b = labels[j];
            if (a.x < b.x + b.w + 2 && b.x < a.x + a.w + 2 && b.y - a.y < a.h + 1) {
              const d = (a.h + 1 - (b.y - a.y)) / 2;
              a.y -= d; b.y += d; moved = true;
            }
          }
        if (!moved) break;
      }
      return labels;
    }

    function drawScene(ctx, w, hh) {
      if (!state.W) return;
      const k = state.k, n = state.b.length, colors = T.featureColors(n, k);
      const learnt = state.W[0].map((_, j) => j).filter((j) => j !== k);
      const poly = M.latentPolygon(state.W, learnt);
      const z = (p) => M.planeHeight(state.W, state.b, k, p);
      // height exaggeration, refitted only when the picture would leave the frame or shrink to a sliver
      const zmax = Math.max(1e-6, ...poly.map((p) => Math.abs(z(p))), Math.abs(state.b[k]));
      if (zmax * state.E > 0.95 * state.R || (zmax * state.E < 0.25 * state.R && state.E < 6)) {
        state.E = Math.min(6, (0.6 * state.R) / zmax); state.fit = null;
      }
      const R = state.R;
      const up = (p) => [p[0], p[1], z(p)];
      // the floor: output k = 0, the ReLU's threshold (a disc, so turning the view never rescales it)
      const floor = Array.from({ length: 64 }, (_, t) => [R * Math.cos(t * Math.PI / 32), R * Math.sin(t * Math.PI / 32), 0]);
      const axisLo = [0, 0, Math.min(0, ...poly.map(z)) - 0.15 * R / state.E], axisHi = [0, 0, Math.max(0, ...poly.map(z)) + 0.35 * R / state.E];
      const P = fitTo(floor.concat(poly.map(up), [axisLo, axisHi, [0, 0, state.b[k]]]), w, hh);
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
        ctx.fillStyle = "#555"; ctx.font = "11px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
        ctx.fillText(name, B[0] + (B[0] - A[0]) * 0.04, B[1] + (B[1] - A[1]) * 0.04);
      }
      // vertical axis: output k before the ReLU
      const a0 = P(axisLo), a1 = P(axisHi);
      ctx.strokeStyle = "#555"; ctx.beginPath(); ctx.moveTo(...a0); ctx.lineTo(...a1); ctx.stroke();
      ctx.fillStyle = "#444"; ctx.textAlign = "left"; ctx.textBaseline = "middle";
      ctx.fillText(`y${T.sub(k + 1)}`, a1[0] + 4, a1[1] + 2);
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
      // vertices: a stem down to the floor, a dot in the feature's colour; then the labels, kept apart
      ctx.font = "bold 11px sans-serif";
      const labels = [{ text: `b${T.sub(k + 1)} = ${bias.fmt(state.b[k])}`, color: "#222", anchor: c0, side: -1 }];
      for (const j of learnt) {
        const p = M.column(state.W, j), zz = z(p);
        const top = P([p[0], p[1], zz]), foot = P([p[0], p[1], 0]);
        ctx.strokeStyle = zz > 0 ? "rgba(65,105,225,0.7)" : "#999"; ctx.lineWidth = 1; ctx.setLineDash([2, 2]);
        ctx.beginPath(); ctx.moveTo(...foot); ctx.lineTo(...top); ctx.stroke(); ctx.setLineDash([]);
        ctx.beginPath(); ctx.arc(top[0], top[1], 5, 0, 2 * Math.PI);
        ctx.fillStyle = colors[j]; ctx.fill(); ctx.strokeStyle = "#222"; ctx.lineWidth = 0.8; ctx.stroke();
        labels.push({ text: `W${T.sub(j + 1)}: ${zz.toFixed(3)}${zz > 0 ? "" : " → 0"}`, color: zz > 0 ? "#1a3a9a" : "#555",
          anchor: top, side: top[0] >= c0[0] ? 1 : -1 });
      }
      for (const L of labels) {
        L.w = ctx.measureText(L.text).width; L.h = 13;
        L.x = L.side > 0 ? L.anchor[0] + 8 : L.anchor[0] - 8 - L.w;
        L.x = Math.max(2, Math.min(w - L.w - 2, L.x));
        L.y = L.anchor[1] - L.h / 2 - (L === labels[0] ? 9 : 0);
      }
      ctx.textAlign = "left"; ctx.textBaseline = "top";
      state.labels = separate(labels).map((L) => ({ ...L, y: Math.max(1, Math.min(hh - L.h - 1, L.y)) }));
      for (const L of state.labels) {
        ctx.fillStyle = "rgba(255,255,255,0.8)"; ctx.fillRect(L.x - 1, L.y, L.w + 2, L.h);
        ctx.fillStyle = L.color; ctx.fillText(L.text, L.x, L.y + 1);
      }
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
      if (p && p.unlearnt != null) startFrom(p.W, p.b, p.unlearnt);
      inst.el.dataset.ready = "";
    }).catch((e) => { readout.append(h("p", { class: "tv-error", text: e.message })); console.error(e.message); inst.el.dataset.ready = ""; });

    inst.api = {
      setParams: (W, b, k) => setParams(W, b, k),
      setTilt: ({ angle, length, bias: bb }) => {
        if (angle != null) dir.set(angle);
        if (length != null) { if (length > +len.input.max) len.input.max = length; len.set(length); }
        if (bb != null) { bias.set(bb); state.b[state.k] = bb; }
        setColumn(null, null);
      },
      setView,
      /** The text drawn in the picture: [{text, x, y, w, h}] in CSS pixels of the canvas. */
      labels: () => (state.labels || []).map(({ text, x, y, w, h: hh }) => ({ text, x, y, w, h: hh })),
      readout: () => {
        const f = M.tiltForces(state.W, state.b, state.k), post = M.tiltCondition(state.W, state.b, state.k);
        return { W: state.W.map((r) => r.slice()), b: state.b.slice(), k: state.k, pull: f.pull, push: f.push,
          tiltGrows: f.tiltGrows, above: f.above, post: { lhs: post.lhs, rhs: post.rhs },
          loss: M.loss(state.W, state.b), Y: M.reconstruct(state.W, state.b), heights: heights(),
          text: readout.textContent, biasShown: bias.fmt(state.b[state.k]) };
      },
    };
  });
})();
