// toyviz explorables — widget "zones": the latent plane of y = ReLU(WᵀW x + b) with m = 2.
//
// Drag the columns Wᵢ (or pick one and use its length/angle sliders), set each bias bᵢ with a
// slider; the latent polygon, each feature's zone {h : Wᵢᵀh + bᵢ > 0} clipped to it, the
// reconstruction of every example (heatmap) and the loss follow. Presets come from toyviz runs
// (figures/explore/presets.json, built by figures_src/explore/presets.py).
//
// Tag: <div class="tv-widget" data-widget="zones" data-preset="symmetric_failure"></div>
//      data-preset: regular (default; built by hand, any data-n from 3 to 8) or a preset of presets.json
//      data-n:      n for the regular preset
// api: setParams(W, b), setPreset(name), readout() → {n, W, b, loss, Y, zones, lengths}
(function () {
  "use strict";
  const T = window.toyvizWidgets, M = window.ToyMath;
  const { h } = T;
  const fmtLoss = (v) => (v < 1e-4 && v > 0 ? v.toExponential(2) : v.toFixed(5));

  T.register("zones", function (inst, opts) {
    const state = { n: 6, W: null, b: null, unlearnt: null, sel: 0, R: 2, preset: "regular", presets: {} };
    let drag = -1;

    // ---- layout ----
    const readout = h("div", { class: "tv-readout", "aria-live": "polite" });
    const presetSel = T.select({ label: "Preset", options: [["regular", "Regular polygon (by hand)"]], value: "regular",
      onChange: (v) => setPreset(v) });
    const nSel = T.select({ label: "n", options: [3, 4, 5, 6, 7, 8].map((k) => [k, `${k} features`]), value: 6,
      onChange: (v) => { const s = M.regularSolution(+v); setParams(s.W, s.b, { preset: "regular" }); } });
    const colSel = T.select({ label: "Column", options: [], onChange: (v) => { state.sel = +v; syncColumn(); draw(); } });
    const len = T.slider({ label: "length ‖Wᵢ‖", min: 0, max: 3, step: 0.005, value: 1, fmt: (v) => v.toFixed(3),
      onInput: (v) => setColumnPolar(v, null) });
    const ang = T.slider({ label: "angle of Wᵢ", min: -180, max: 180, step: 0.5, value: 0, fmt: (v) => v.toFixed(1) + "°",
      onInput: (v) => setColumnPolar(null, v) });
    const biasBox = h("div", { class: "tv-biases" });
    let biasSliders = [];

    const plane = T.canvasBox(inst, { aspect: 1, maxWidth: 440, label: "Latent plane: columns of W, latent polygon and zones", draw: drawPlane });
    const heat = T.canvasBox(inst, { aspect: 0.95, maxWidth: 250, label: "Reconstruction heatmap", draw: drawHeat });
    plane.canvas.tabIndex = 0;
    plane.canvas.setAttribute("aria-label", "Latent plane. Drag a column tip; keyboard: 1–8 pick a column, arrow keys move it.");

    inst.el.append(
      h("div", { class: "tv-toolbar" }, presetSel.row, nSel.row),
      h("div", { class: "tv-main" }, plane.box, h("div", { class: "tv-side" }, heat.box, readout)),
      h("div", { class: "tv-controls" },
        h("fieldset", {}, h("legend", { text: "Selected column" }), colSel.row, len.row, ang.row),
        h("fieldset", {}, h("legend", { text: "Biases" }), biasBox)),
    );

    // ---- state changes ----
    function setParams(W, b, { preset = "custom", unlearnt = null, keepScale = false } = {}) {
      const n = b.length;
      const rebuild = n !== state.n || !biasSliders.length || unlearnt !== state.unlearnt;
      state.W = [W[0].slice(), W[1].slice()];
      state.b = b.slice();
      state.n = n; state.unlearnt = unlearnt; state.preset = preset;
      if (state.sel >= n) state.sel = 0;
      if (!keepScale) state.R = Math.max(1.6, 1.2 * Math.max(...M.norms(state.W)));
      if ([...presetSel.input.options].some((o) => o.value === preset)) presetSel.input.value = preset;
      nSel.input.value = n;
      if (rebuild) buildBiasSliders();
      // slider ranges wide enough for every value (a recovered run's biases reach −6)
      const lo = Math.min(-3, Math.floor(Math.min(...state.b)) - 1), hi = Math.max(1.5, Math.ceil(Math.max(...state.b)) + 0.5);
      biasSliders.forEach((s, i) => { s.input.min = lo; s.input.max = hi; s.set(state.b[i]); });
      len.input.max = Math.max(3, Math.ceil(1.3 * Math.max(...M.norms(state.W))));
      syncColumn();
      draw();
    }

    function colors() { return T.featureColors(state.n, state.unlearnt); }

    function buildBiasSliders() {
      const c = colors();
      colSel.input.replaceChildren(...c.map((_, i) => h("option", { value: i, text: `W${T.sub(i + 1)}` })));
      biasSliders = state.b.map((bi, i) => {
        const s = T.slider({ label: `b${T.sub(i + 1)}`, min: -3, max: 1.5, step: 0.001, value: bi, fmt: (v) => v.toFixed(3),
          onInput: (v) => { state.b[i] = v; state.preset = "custom"; draw(); } });
        s.row.style.setProperty("--tv-swatch", c[i]);
        s.row.classList.add("tv-swatched");
        return s;
      });
      biasBox.replaceChildren(...biasSliders.map((s) => s.row));
    }

    function syncColumn() {
      const [x, y] = M.column(state.W, state.sel);
      colSel.input.value = state.sel;
      len.set(Math.hypot(x, y));
      ang.set((Math.atan2(y, x) * 180) / Math.PI);
    }

    function setColumnPolar(r, deg) {
      const i = state.sel, [x, y] = M.column(state.W, i);
      const rr = r == null ? Math.hypot(x, y) : r;
      const a = deg == null ? Math.atan2(y, x) : (deg * Math.PI) / 180;
      state.W[0][i] = rr * Math.cos(a); state.W[1][i] = rr * Math.sin(a);
      state.preset = "custom";
      if (rr > 0.95 * state.R) state.R = rr * 1.25;
      draw();
    }

    function setColumnXY(i, x, y) {
      state.W[0][i] = x; state.W[1][i] = y; state.sel = i; state.preset = "custom";
      syncColumn(); draw();
    }

    function setPreset(name) {
      if (name === "regular" || !state.presets[name]) {
        const n = +(opts.n || state.n || 6), s = M.regularSolution(Math.min(8, Math.max(3, n)));
        setParams(s.W, s.b, { preset: "regular" });
        return;
      }
      const p = state.presets[name];
      setParams(p.W, p.b, { preset: name, unlearnt: p.unlearnt });
    }

    // ---- drawing ----
    function draw() {
      plane.redraw(); heat.redraw();
      const L = M.loss(state.W, state.b), Y = M.reconstruct(state.W, state.b);
      const diag = Y.map((row, i) => row[i]);
      const [x, y] = M.column(state.W, state.sel);
      readout.replaceChildren(
        h("div", { class: "tv-big" }, "loss ", h("b", { class: "tv-loss", text: fmtLoss(L) })),
        h("div", { class: "tv-small", text: "mean squared error over all n² outputs" }),
        h("div", { class: "tv-small" }, `reconstruction of each feature yᵢ(eᵢ): `,
          h("span", { class: "tv-diag", text: diag.map((v) => v.toFixed(2)).join("  ") })),
        h("div", { class: "tv-small", text: `W${T.sub(state.sel + 1)} = (${x.toFixed(3)}, ${y.toFixed(3)}), b${T.sub(state.sel + 1)} = ${state.b[state.sel].toFixed(3)}` }),
      );
      const p = state.presets[state.preset];
      if (p && p.note) readout.append(h("div", { class: "tv-small tv-note", text: p.note }));
    }

    function drawPlane(ctx, w, hh) {
      if (!state.W) return;
      const view = T.latentView(w, hh, state.R);
      T.drawLatent(ctx, view, state.W, state.b, colors(), { highlight: state.sel });
      ctx.fillStyle = "#666"; ctx.font = "11px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "top";
      ctx.fillText("latent plane h ∈ ℝ² — drag the arrow tips", 8, 6);
    }

    function drawHeat(ctx, w, hh) {
      if (!state.W) return;
      const Y = M.reconstruct(state.W, state.b);
      const pad = 30, size = Math.min(w - pad - T.HEAT_SCALE_W - 4, hh - pad - 30);
      T.drawHeatmap(ctx, pad, pad, size, Y, colors());
      ctx.fillStyle = "#444"; ctx.font = "11px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "alphabetic";
      ctx.fillText("outputs i →", pad, 14);
      ctx.save(); ctx.translate(12, pad + size); ctx.rotate(-Math.PI / 2); ctx.fillText("examples eⱼ →", 0, 0); ctx.restore();
      ctx.fillText("ReLU(WᵀW + b); target: diagonal", 4, pad + size + 18);
    }

    // ---- pointer and keyboard ----
    function tipAt(ev) {
      const r = plane.canvas.getBoundingClientRect(), [w, hh] = plane.size();
      const view = T.latentView(w, hh, state.R);
      const mx = ev.clientX - r.left, my = ev.clientY - r.top;
      let best = -1, bd = 20;
      for (let i = 0; i < state.n; i++) {
        const [px, py] = view.px(M.column(state.W, i));
        const d = Math.hypot(px - mx, py - my);
        if (d < bd) { bd = d; best = i; }
      }
      return { best, p: view.inv(mx, my) };
    }
    inst.listen(plane.canvas, "pointerdown", (ev) => {
      const { best } = tipAt(ev);
      if (best < 0) return;
      drag = best; state.sel = best;
      plane.canvas.setPointerCapture(ev.pointerId);
      ev.preventDefault(); syncColumn(); draw();
    });
    inst.listen(plane.canvas, "pointermove", (ev) => {
      if (drag < 0) { plane.canvas.style.cursor = tipAt(ev).best >= 0 ? "grab" : "default"; return; }
      const { p } = tipAt(ev);
      setColumnXY(drag, p[0], p[1]);
    });
    const end = () => {
      if (drag < 0) return;
      drag = -1;
      const R = Math.max(1.6, 1.2 * Math.max(...M.norms(state.W)));
      if (R > state.R || R < 0.6 * state.R) { state.R = R; draw(); }
    };
    inst.listen(plane.canvas, "pointerup", end);
    inst.listen(plane.canvas, "pointercancel", end);
    inst.listen(plane.canvas, "keydown", (ev) => {
      const k = ev.key;
      if (/^[1-8]$/.test(k) && +k <= state.n) { state.sel = +k - 1; syncColumn(); draw(); ev.preventDefault(); return; }
      const d = ev.shiftKey ? 0.1 : 0.02;
      const mv = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d] }[k];
      if (!mv) return;
      const [x, y] = M.column(state.W, state.sel);
      setColumnXY(state.sel, x + mv[0], y + mv[1]);
      ev.preventDefault();
    });

    // ---- start ----
    state.n = Math.min(8, Math.max(3, +(opts.n || 6)));
    setPreset("regular");
    T.loadData("presets").then((data) => {
      if (!inst.el.isConnected) return;
      state.presets = data.presets;
      presetSel.input.replaceChildren(h("option", { value: "regular", text: "Regular polygon (by hand)" }),
        ...Object.entries(data.presets).map(([k, p]) => h("option", { value: k, text: p.label })));
      if (opts.preset && opts.preset !== "regular") setPreset(opts.preset);
      else presetSel.input.value = state.preset;
      inst.el.dataset.ready = "";
    }).catch((e) => {
      readout.append(h("p", { class: "tv-error", text: e.message }));
      console.error(e.message);
      inst.el.dataset.ready = "";
    });

    inst.api = {
      setParams: (W, b, unlearnt = null) => setParams(W, b, { unlearnt }),
      setPreset,
      readout: () => ({
        n: state.n, W: state.W.map((r) => r.slice()), b: state.b.slice(), preset: state.preset,
        loss: M.loss(state.W, state.b), Y: M.reconstruct(state.W, state.b), zones: M.zones(state.W, state.b),
        lengths: M.norms(state.W), text: readout.textContent,
      }),
    };
  });
})();
