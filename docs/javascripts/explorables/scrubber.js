// toyviz explorables — widget "scrubber": a recorded training run, from Symmetric Failure to
// Asymmetric Recovery, step by step. The run is the one the TrainingRun video shows
// (toyviz.toy.showcase.recovery, numbered by specimen.order_features), exported with its four stages
// (recovery_stages) by figures_src/explore/scrubber_run.py as figures/explore/scrubber_run.json.
//
// A slider (and a play button) picks a recorded step; the columns, zones and biases of that step and
// a marker on the loss curve follow. The stages are marked on the slider and the loss curve, and a
// button per stage jumps to it. It opens on the Symmetric Failure stage (the plateau reads at a
// glance; step 0 is a knot of short columns). Nothing is trained in the browser: every frame is the
// engine's.
//
// Tag: <div class="tv-widget" data-widget="scrubber"></div>   (optional data-step="1234": start there)
// api: setFrame(i), setStep(step), frame() → {index, step, W, b, loss, stage, text}, frames() → the
//      recorded steps, stages() → [{name, frame, step}], play(), pause()
(function () {
  "use strict";
  const T = window.toyvizWidgets, M = window.ToyMath;
  const { h } = T;

  T.register("scrubber", function (inst, opts) {
    const state = { run: null, i: 0, timer: null, R: 2 };
    const readout = h("div", { class: "tv-readout", "aria-live": "polite" }, "Loading the recorded run…");
    const scrub = T.slider({ label: "training step", min: 0, max: 1, step: 1, value: 0,
      fmt: (v) => (state.run ? state.run.steps[v].toLocaleString("en") : "–"), onInput: (v) => setFrame(v, false) });
    const playBtn = h("button", { type: "button", class: "md-button tv-play", text: "▶ Play", onclick: () => (state.timer ? pause() : play()) });
    const plane = T.canvasBox(inst, { aspect: 1, maxWidth: 400, label: "Latent plane at the chosen step", draw: drawPlane });
    const side = T.canvasBox(inst, { aspect: 1.05, maxWidth: 320, label: "Biases and loss curve at the chosen step", draw: drawSide });
    const stageRow = h("div", { class: "tv-stages", role: "group", "aria-label": "Stages of the run" });
    const ticks = h("div", { class: "tv-ticks", "aria-hidden": "true" });
    scrub.row.append(ticks);
    inst.el.append(
      h("div", { class: "tv-main" }, plane.box, side.box),
      h("div", { class: "tv-controls tv-scrub" }, playBtn, scrub.row),
      stageRow,
      readout,
    );

    // the stages of toyviz.toy.recovery.recovery_stages, as the widget names them (`c`: the thresholds
    // they were found with, exported with the run)
    const STAGE_TEXT = {
      symmetric_failure: (u, n) => ["Symmetric Failure", `Symmetric Failure: ${n - 1} features learnt, W${u} ≈ 0 and b${u} ≈ 1/${n}`],
      skew: (u, n, c) => ["skew", `the skew: the learnt columns' lengths spread apart (by more than ${Math.round(100 * c.skew)} %)`],
      w7_grows: (u, n, c) => [`W${u} grows`, `W${u} grows and b${u} falls (${c.b_drop} below its peak)`],
      recovered: (u, n, c) => ["recovered", `Asymmetric Recovery: every feature learnt, loss ≤ ${c.loss_tol}`],
    };
    const stageText = (name) => STAGE_TEXT[name](T.sub(state.run.unlearnt + 1), state.run.n, state.run.stage_criteria);

    /** The last stage reached at frame i (or null before the first). */
    function stageAt(i) {
      let cur = null;
      for (const st of state.run.stages) if (i >= st.frame) cur = st;
      return cur;
    }

    function buildStages() {
      const r = state.run, last = r.steps.length - 1;
      stageRow.replaceChildren(...r.stages.map((st, k) => h("button", {
        type: "button", class: "tv-stage", "data-stage": st.name, onclick: () => { pause(); setFrame(st.frame); },
      }, h("span", { class: "tv-stage-num", text: `${k + 1}` }), ` ${stageText(st.name)[0]} · step ${st.step.toLocaleString("en")}`)));
      let prev = -Infinity, row = 0;    // a tick closer than 6 % to the previous one drops a row
      ticks.replaceChildren(...r.stages.map((st, k) => {
        const at = (100 * st.frame) / last;
        row = at - prev < 6 ? row + 1 : 0; prev = at;
        return h("span", { class: "tv-tick", style: `left: ${at}%; top: ${row * 0.75}rem`, text: `${k + 1}` });
      }));
    }

    function frameAt(i) {
      const r = state.run;
      return { index: i, step: r.steps[i], W: r.W[i], b: r.b[i], loss: r.loss[i], stage: (stageAt(i) || {}).name || null };
    }

    function setFrame(i, moveSlider = true) {
      if (!state.run) return;
      state.i = Math.max(0, Math.min(state.run.steps.length - 1, Math.round(i)));
      if (moveSlider) scrub.set(state.i);
      plane.redraw(); side.redraw();
      const f = frameAt(state.i), r = state.run, u = T.sub(r.unlearnt + 1);
      const st = stageAt(state.i);
      const phase = st ? stageText(st.name)[1] : "learning the first features";
      stageRow.querySelectorAll(".tv-stage").forEach((b) => b.setAttribute("aria-pressed", String(st != null && b.dataset.stage === st.name)));
      const lens = M.norms(f.W);
      readout.replaceChildren(
        h("div", { class: "tv-big" }, `step ${f.step.toLocaleString("en")} · loss `, h("b", { class: "tv-loss", text: f.loss.toExponential(3) })),
        h("div", { class: "tv-phase", text: phase }),
        h("div", { class: "tv-small", text: `‖W${u}‖ = ${lens[r.unlearnt].toFixed(3)}, b${u} = ${f.b[r.unlearnt].toFixed(3)} (1/n = ${(1 / r.n).toFixed(3)})` }),
        h("div", { class: "tv-small tv-note", text: r.note }),
      );
    }

    function play() {
      if (!state.run || state.timer) return;
      if (state.i >= state.run.steps.length - 1) setFrame(0);
      playBtn.textContent = "❚❚ Pause";
      state.timer = setInterval(() => {
        if (state.i >= state.run.steps.length - 1) return pause();
        setFrame(state.i + 1);
      }, 60);
    }
    function pause() {
      if (state.timer) clearInterval(state.timer);
      state.timer = null; playBtn.textContent = "▶ Play";
    }
    inst.onDestroy(pause);

    function colors() { return T.featureColors(state.run.n, state.run.unlearnt); }

    function drawPlane(ctx, w, hh) {
      if (!state.run) return;
      const f = frameAt(state.i);
      T.drawLatent(ctx, T.latentView(w, hh, state.R), f.W, f.b, colors());
      ctx.fillStyle = "#666"; ctx.font = "11px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "top";
      ctx.fillText(`latent plane, step ${f.step.toLocaleString("en")}`, 8, 6);
    }

    function drawSide(ctx, w, hh) {
      if (!state.run) return;
      const r = state.run, f = frameAt(state.i), n = r.n, c = colors();
      // biases as bars around zero
      const top = 30, bh = hh * 0.33, left = 34, right = w - 10;
      const [bmin, bmax] = r.bias_range;
      const yOf = (v) => top + ((bmax - v) / (bmax - bmin)) * bh;
      ctx.fillStyle = "#444"; ctx.font = "11px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "alphabetic";
      ctx.fillText("biases", 4, 13);
      ctx.strokeStyle = "#bbb"; ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(left, yOf(0)); ctx.lineTo(right, yOf(0)); ctx.stroke();
      ctx.textAlign = "right"; ctx.textBaseline = "middle"; ctx.fillStyle = "#666";
      for (const v of [bmax, 0, bmin]) ctx.fillText(v.toFixed(1), left - 4, yOf(v));
      const bw = (right - left) / n;
      for (let i = 0; i < n; i++) {
        const y0 = yOf(0), y1 = yOf(f.b[i]);
        ctx.fillStyle = c[i];
        ctx.fillRect(left + i * bw + 3, Math.min(y0, y1), bw - 6, Math.max(1, Math.abs(y1 - y0)));
        ctx.strokeStyle = "#333"; ctx.lineWidth = 0.6;
        ctx.strokeRect(left + i * bw + 3, Math.min(y0, y1), bw - 6, Math.max(1, Math.abs(y1 - y0)));
      }
      // 1/n guide for the unlearnt bias
      ctx.setLineDash([3, 3]); ctx.strokeStyle = T.colors.UNLEARNT;
      ctx.beginPath(); ctx.moveTo(left, yOf(1 / n)); ctx.lineTo(right, yOf(1 / n)); ctx.stroke(); ctx.setLineDash([]);
      // loss curve, log scale in loss, linear in step
      const lt = top + bh + 50, lb = hh - 22, ll = left, lr = right;
      const logs = r.loss.map((v) => Math.log10(Math.max(v, r.loss_floor)));
      const lmin = Math.min(...logs), lmax = Math.max(...logs);
      const s0 = r.steps[0], s1 = r.steps[r.steps.length - 1];
      const X = (s) => ll + ((s - s0) / (s1 - s0)) * (lr - ll);
      const Y = (lv) => lt + ((lmax - lv) / (lmax - lmin || 1)) * (lb - lt);
      ctx.fillStyle = "#444"; ctx.textAlign = "left"; ctx.textBaseline = "alphabetic";
      ctx.fillText("loss (log scale)", 4, lt - 22);
      ctx.strokeStyle = "#ddd"; ctx.strokeRect(ll, lt, lr - ll, lb - lt);
      ctx.textAlign = "right"; ctx.textBaseline = "middle"; ctx.fillStyle = "#666";
      for (let e = Math.ceil(lmin); e <= Math.floor(lmax); e++) {
        if (e % (lmax - lmin > 6 ? 2 : 1)) continue;
        ctx.fillText(`1e${e}`, ll - 3, Y(e));
        ctx.strokeStyle = "#f0f0f0"; ctx.beginPath(); ctx.moveTo(ll, Y(e)); ctx.lineTo(lr, Y(e)); ctx.stroke();
      }
      // the stages: a dashed line each, numbered as the buttons under the slider (close ones staggered)
      let lastX = -Infinity, row = 0;
      r.stages.forEach((st, k) => {
        const x = X(st.step);
        row = x - lastX < 14 ? row + 1 : 0; lastX = x;
        ctx.strokeStyle = "#888"; ctx.lineWidth = 1; ctx.setLineDash([2, 3]);
        ctx.beginPath(); ctx.moveTo(x, lt); ctx.lineTo(x, lb); ctx.stroke(); ctx.setLineDash([]);
        ctx.fillStyle = "#444"; ctx.textAlign = "center"; ctx.textBaseline = "bottom"; ctx.font = "bold 11px sans-serif";
        ctx.fillText(`${k + 1}`, x + (row ? 9 : 0), lt - 2);
      });
      ctx.font = "11px sans-serif";
      ctx.strokeStyle = "#222"; ctx.lineWidth = 1.4; ctx.beginPath();
      r.steps.forEach((s, k) => { k ? ctx.lineTo(X(s), Y(logs[k])) : ctx.moveTo(X(s), Y(logs[k])); });
      ctx.stroke();
      ctx.fillStyle = "crimson"; ctx.beginPath(); ctx.arc(X(f.step), Y(logs[state.i]), 4.5, 0, 2 * Math.PI); ctx.fill();
      ctx.fillStyle = "#666"; ctx.textAlign = "left"; ctx.textBaseline = "top";
      ctx.fillText("0", ll, lb + 4); ctx.textAlign = "right"; ctx.fillText(`${s1.toLocaleString("en")} steps`, lr, lb + 4);
    }

    inst.listen(plane.canvas, "keydown", (ev) => {
      const d = { ArrowLeft: -1, ArrowRight: 1 }[ev.key];
      if (d) { setFrame(state.i + d); ev.preventDefault(); }
    });
    plane.canvas.tabIndex = 0;

    T.loadData("scrubber_run").then((run) => {
      if (!inst.el.isConnected) return;
      state.run = run;
      state.R = 1.12 * Math.max(...run.W.map((W) => Math.max(...M.norms(W))));
      scrub.input.max = run.steps.length - 1;
      buildStages();
      const start = opts.step != null ? run.steps.findIndex((s) => s >= +opts.step) : run.open;
      setFrame(Math.max(0, start));
      inst.el.dataset.ready = "";
    }).catch((e) => { readout.replaceChildren(h("p", { class: "tv-error", text: e.message })); console.error(e.message); inst.el.dataset.ready = ""; });

    inst.api = {
      setFrame: (i) => setFrame(i),
      setStep: (s) => setFrame(state.run.steps.findIndex((x) => x >= s)),
      frame: () => (state.run ? { ...frameAt(state.i), text: readout.textContent } : null),
      frames: () => (state.run ? state.run.steps.slice() : []),
      stages: () => (state.run ? state.run.stages.map((st) => ({ ...st })) : []),
      play, pause,
    };
  });
})();
