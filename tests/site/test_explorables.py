"""The explorable widgets (docs/explore/, docs/javascripts/explorables/) in a real browser: they render
without console errors; every input, driven by the keyboard, changes what they show; the numbers they
compute equal the toy engine's to 1e-6, the tilt's with vertices below zero and across the crossing of
its two sides; the run scrubber shows the engine's recorded specimen and its stages; their text stays
inside its boxes at desktop and phone widths, with enough contrast in light and dark; and all of it
holds after material's instant navigation, with no widget mounted twice."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from toyviz.toy import batch_loss, forces, geometry
from toyviz.toy.recovery import STAGES
from toyviz.toy.showcase import recovery

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGETS = ("zones", "tilt", "scrubber", "outcomes")
TOL = 1e-6
READY = "document.querySelectorAll('.tv-widget[data-ready]').length === 4"
# What a widget shows: its readout text and the pixels of its canvases.
SHOWN = """el => [...el.querySelectorAll('.tv-readout')].map(r => r.textContent).join('|') +
                 [...el.querySelectorAll('canvas')].map(c => c.toDataURL()).join('|')"""


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    page.wait_for_function(READY, timeout=15_000)
    return page, errors


@pytest.fixture(scope="module")
def explore(browser, site_url):
    page, errors = open_page(browser, site_url + "explore/")
    yield page, errors
    page.close()


def api_call(page, name, method, *args):
    return page.evaluate(f"([a]) => toyvizWidgets.find('{name}')[0].api.{method}(...a)", [list(args)])


def test_widgets_render_without_errors(explore):
    page, errors = explore
    counts = page.evaluate("Object.fromEntries(['zones','tilt','scrubber','outcomes']"
                           ".map(n => [n, toyvizWidgets.find(n).length]))")
    assert counts == {w: 1 for w in WIDGETS}
    for w in WIDGETS:
        el = page.locator(f'.tv-widget[data-widget="{w}"]')
        assert el.locator("canvas").count() >= 1
        assert el.locator(".tv-error").count() == 0, el.locator(".tv-error").first.text_content()
        # every slider is a real, labelled range input
        for i in range(el.locator("input").count()):
            inp = el.locator("input").nth(i)
            assert inp.get_attribute("type") == "range"
            assert el.locator(f'label[for="{inp.get_attribute("id")}"]').count() == 1
    assert not errors, errors


def test_every_input_changes_what_is_shown(explore):
    page, errors = explore
    for w in WIDGETS:
        el = page.locator(f'.tv-widget[data-widget="{w}"]')
        inputs = el.locator("input[type=range], select")
        assert inputs.count() >= 1, w
        i = -1
        while (i := i + 1) < inputs.count():   # counted again: choosing n rebuilds the bias sliders
            inp = inputs.nth(i)
            before = el.evaluate(SHOWN)
            label = page.evaluate("e => e.labels[0].textContent", inp.element_handle())
            if inp.evaluate("e => e.tagName") == "SELECT":
                values = inp.evaluate("e => [...e.options].map(o => o.value)")
                current = inp.input_value()
                inp.select_option(next(v for v in values if v != current))
            else:  # the keyboard, as a reader without a mouse would
                inp.focus()
                at_max = inp.evaluate("e => +e.value >= +e.max")
                inp.press("ArrowLeft" if at_max else "ArrowRight")
            page.wait_for_timeout(30)
            assert el.evaluate(SHOWN) != before, f"{w}: moving {label!r} changed nothing"
    # the play button moves the run
    step = api_call(page, "scrubber", "frame")["index"]
    page.locator('.tv-widget[data-widget="scrubber"] button.tv-play').click()
    page.wait_for_function(f"toyvizWidgets.find('scrubber')[0].api.frame().index > {step}", timeout=5000)
    api_call(page, "scrubber", "pause")
    assert not errors, errors


def test_dragging_moves_a_column_and_turns_the_view(explore):
    page, errors = explore
    api_call(page, "zones", "setPreset", "perfect_6")
    zones = page.locator('.tv-widget[data-widget="zones"]')
    zones.scroll_into_view_if_needed()
    canvas = zones.locator("canvas").first
    box = canvas.bounding_box()
    W = api_call(page, "zones", "readout")["W"]
    # the tip of W1, in page pixels: the view is centred and square (see latentView in common.js)
    R = page.evaluate("(() => { const r = toyvizWidgets.find('zones')[0].api.readout(); "
                      "return Math.max(1.6, 1.2 * Math.max(...r.lengths)); })()")
    s = (min(box["width"], box["height"]) / 2 - 14) / R
    x0, y0 = box["x"] + box["width"] / 2 + W[0][0] * s, box["y"] + box["height"] / 2 - W[1][0] * s
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 + 25, y0 + 15, steps=4)
    page.mouse.up()
    after = api_call(page, "zones", "readout")
    assert abs(after["W"][0][0] - (W[0][0] + 25 / s)) < 2 / s and abs(after["W"][1][0] - (W[1][0] - 15 / s)) < 2 / s
    assert after["W"][0][1:] == W[0][1:] and after["W"][1][1:] == W[1][1:]   # only W1 moved

    tilt = page.locator('.tv-widget[data-widget="tilt"]')
    tilt.scroll_into_view_if_needed()
    box = tilt.locator("canvas").bounding_box()
    before = tilt.evaluate(SHOWN)
    azimuth = tilt.locator("input[type=range]").nth(3).input_value()
    page.mouse.move(box["x"] + 100, box["y"] + 100)
    page.mouse.down()
    page.mouse.move(box["x"] + 160, box["y"] + 110, steps=4)
    page.mouse.up()
    assert tilt.locator("input[type=range]").nth(3).input_value() != azimuth
    assert tilt.evaluate(SHOWN) != before
    assert not errors, errors


def random_models(count=6, seed=0):
    rng = np.random.default_rng(seed)
    out = []
    for t in range(count):
        n = 3 + t % 6
        W = rng.normal(0, 1.2, size=(2, n))
        b = rng.normal(-0.3, 0.6, size=n)
        out.append((W, b))
    return out


def reconstruction(W, b):
    """ReLU(WᵀW + b), examples along rows (row j: ReLU(Wᵢᵀ Wⱼ + bᵢ) over outputs i)."""
    return np.maximum(geometry.gram(W) + b[None, :], 0.0)


def test_loss_reconstruction_and_zones_equal_the_engine(explore, built_site):
    page, errors = explore
    presets = json.loads((built_site / "figures/explore/presets.json").read_text())["presets"]
    models = random_models() + [(np.array(p["W"]), np.array(p["b"])) for p in presets.values()]
    for W, b in models:
        api_call(page, "zones", "setParams", W.tolist(), b.tolist())
        r = api_call(page, "zones", "readout")
        assert r["n"] == len(b)
        assert abs(r["loss"] - float(batch_loss(W, b))) <= TOL
        assert abs(r["loss"] - forces.loss(W, b)) <= TOL
        np.testing.assert_allclose(np.array(r["Y"]), reconstruction(W, b), atol=TOL, rtol=0)
        for z_js, z_py in zip(r["zones"], geometry.zones(W, b)):
            np.testing.assert_allclose(np.array(z_js).reshape(-1, 2), z_py, atol=TOL, rtol=0)
        # the readout on the page shows the same loss
        assert "loss" in r["text"]
    assert not errors, errors


def tilt_sides(W, b, k):
    """The tilt condition with the ReLU, from the engine's exact forces on W_k (forces.three_forces)
    projected on Ŵ_k in the post's units (n²/(2‖W_k‖)): (example k's pull, the other examples' push)."""
    f = forces.three_forces(W, b, k)
    length = np.linalg.norm(W[:, k])
    u, scale = W[:, k] / length, W.shape[1] ** 2 / (2 * length)
    return -(f["own"] @ u) * scale, (f["tilt"] @ u) * scale


def sf_preset(built_site):
    sf = json.loads((built_site / "figures/explore/presets.json").read_text())["presets"]["symmetric_failure"]
    return np.array(sf["W"]), np.array(sf["b"]), sf["unlearnt"]


def with_column(W, b, k, angle, length, bias):
    W, b = W.copy(), b.copy()
    W[:, k] = length * np.array([np.cos(angle), np.sin(angle)])
    b[k] = bias
    return W, b


def check_tilt(page, W, b, k):
    """The tilt widget at (W, b, k) shows the engine's numbers; returns its readout."""
    api_call(page, "tilt", "setParams", W.tolist(), b.tolist(), k)
    r = api_call(page, "tilt", "readout")
    pull, push = tilt_sides(W, b, k)
    assert abs(r["pull"] - pull) <= TOL and abs(r["push"] - push) <= TOL
    assert r["tiltGrows"] == (pull > push)
    lhs, rhs, _ = forces.tilt_condition(W, b, k)          # the post's sides, without the ReLU
    assert abs(r["post"]["lhs"] - lhs) <= TOL and abs(r["post"]["rhs"] - rhs) <= TOL
    heights = geometry.plane_points(W, b, W.T, [k])[:, 0]
    np.testing.assert_allclose(r["heights"], heights, atol=TOL, rtol=0)
    assert r["above"] == [j for j in range(len(b)) if j != k and heights[j] > 0]
    assert abs(r["loss"] - float(batch_loss(W, b))) <= TOL
    np.testing.assert_allclose(np.array(r["Y"]), reconstruction(W, b), atol=TOL, rtol=0)
    shown = page.locator('.tv-widget[data-widget="tilt"] .tv-readout')
    assert shown.locator(".tv-lhs").text_content() == f"{pull + 0.0:.4f}"    # + 0.0: −0 prints as 0
    assert shown.locator(".tv-rhs").text_content() == f"{push + 0.0:.4f}"
    verdict = shown.locator(".tv-verdict").text_content()
    expected = ("Neither side acts" if pull == push == 0 else "Left side wins" if pull > push else "Right side wins")
    assert verdict.startswith(expected), (verdict, pull, push)
    return r


def test_tilt_sides_equal_the_engine_with_vertices_below_zero(explore, built_site):
    page, errors = explore
    W0, b0, k = sf_preset(built_site)
    angle, length = 2.3, 0.5
    W, _ = with_column(W0, b0, k, angle, length, 0.0)
    h = np.sort(geometry.plane_points(W, np.zeros_like(b0), np.delete(W, k, axis=1).T, [k])[:, 0])  # W_kᵀWⱼ
    learnt = len(h)
    for below in (0, 2, 4, learnt):
        bias = (-h[0] + 0.05 if below == 0 else -h[-1] - 0.05 if below == learnt
                else -(h[below - 1] + h[below]) / 2)
        W, b = with_column(W0, b0, k, angle, length, bias)
        r = check_tilt(page, W, b, k)
        assert len(r["above"]) == learnt - below
        assert f"{learnt - below} of {learnt} vertices above 0" in r["text"]
        if below == learnt:
            assert r["push"] == 0, "no vertex above zero, yet something pushes back"
    # nothing above zero but example k's own output: the left side wins against no resistance
    L = 1.1 * np.linalg.norm(np.delete(W0, k, axis=1), axis=0).max()    # longer than every learnt column
    W, b = with_column(W0, b0, k, angle, L, 0.0)
    top = geometry.plane_points(W, b, np.delete(W, k, axis=1).T, [k])[:, 0].max()
    W, b = with_column(W0, b0, k, angle, L, -(top + L * L) / 2)
    r = check_tilt(page, W, b, k)
    assert r["above"] == [] and r["push"] == 0 and r["pull"] > 0 and r["tiltGrows"]
    assert not errors, errors


def test_tilt_sides_cross_where_the_engine_says(explore, built_site):
    """Driven through its sliders' values: lowering b_k at a fixed W_k, the verdict flips exactly where
    the engine's pull overtakes its push."""
    page, errors = explore
    W0, b0, k = sf_preset(built_site)
    angle, length = 2.3, 0.5
    diff = lambda bias: np.subtract(*tilt_sides(*with_column(W0, b0, k, angle, length, bias), k))
    grid = np.linspace(-0.6, 0.2, 161)
    signs = np.sign([diff(x) for x in grid])
    flips = np.where(np.diff(signs) != 0)[0]
    assert flips.size, "the two sides never cross on this line: the widget could not show a crossing"
    lo, hi = grid[flips[-1]], grid[flips[-1] + 1]
    for _ in range(40):                                    # bisect the crossing
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if np.sign(diff(mid)) == signs[flips[-1]] else (lo, mid)
    verdicts = []
    api_call(page, "tilt", "setParams", W0.tolist(), b0.tolist(), k)
    for bias in (lo - 0.004, hi + 0.004):
        api_call(page, "tilt", "setTilt", {"angle": float(np.degrees(angle)), "length": length, "bias": bias})
        r = api_call(page, "tilt", "readout")
        W, b = np.array(r["W"]), np.array(r["b"])
        pull, push = tilt_sides(W, b, k)
        assert abs(r["pull"] - pull) <= TOL and abs(r["push"] - push) <= TOL
        verdicts.append(r["tiltGrows"])
        assert r["tiltGrows"] == (pull > push)
    assert verdicts[0] != verdicts[1]
    assert not errors, errors


def test_tilt_random_models_equal_the_engine(explore):
    page, errors = explore
    for W, b in random_models(4, seed=2):
        check_tilt(page, W, b, len(b) - 1)
    assert not errors, errors


def test_tilt_picture_labels_and_bias(explore, built_site):
    """The b_k slider and the picture print the same number; the picture's labels do not overlap and
    stay inside it."""
    page, errors = explore
    W0, b0, k = sf_preset(built_site)
    tilt = page.locator('.tv-widget[data-widget="tilt"]')
    for bias in (1 / 7, b0[k], -0.2345678):
        W, b = with_column(W0, b0, k, 2.3, 0.086, bias)
        api_call(page, "tilt", "setParams", W.tolist(), b.tolist(), k)
        bias_row = tilt.locator(".tv-slider").nth(2)
        assert bias_row.locator("output").text_content() == api_call(page, "tilt", "readout")["biasShown"]
        for az in (-35, 60, 150):
            api_call(page, "tilt", "setView", az, 28)
            box = tilt.locator("canvas").bounding_box()
            labels = api_call(page, "tilt", "labels")
            assert len(labels) == len(b)
            for i, a in enumerate(labels):
                assert 0 <= a["x"] and a["x"] + a["w"] <= box["width"] and 0 <= a["y"] and a["y"] + a["h"] <= box["height"], a
                for c in labels[i + 1:]:
                    overlap = (a["x"] < c["x"] + c["w"] and c["x"] < a["x"] + a["w"]
                               and a["y"] < c["y"] + c["h"] and c["y"] < a["y"] + a["h"])
                    assert not overlap, (a, c)
    assert not errors, errors


def test_scrubber_shows_the_recorded_specimen(browser, site_url, built_site):
    """The scrubber is the TrainingRun video's run (showcase.recovery) at every recorded step, opens on
    its Symmetric Failure stage and marks the four stages recovery_stages finds."""
    page, errors = open_page(browser, site_url + "explore/")
    run = json.loads((built_site / "figures/explore/scrubber_run.json").read_text())
    sp = recovery()
    stage_steps = [int(sp.steps[sp.stages[name]]) for name in STAGES]
    assert [st["name"] for st in api_call(page, "scrubber", "stages")] == list(STAGES)
    assert [st["step"] for st in api_call(page, "scrubber", "stages")] == stage_steps
    opened = api_call(page, "scrubber", "frame")
    assert opened["step"] == stage_steps[0] and opened["stage"] == "symmetric_failure"
    frames = api_call(page, "scrubber", "frames")
    assert frames == run["steps"] and set(stage_steps) <= set(frames)
    for k in [0, 1, len(frames) // 3, len(frames) // 2, len(frames) - 1]:
        api_call(page, "scrubber", "setFrame", k)
        f = api_call(page, "scrubber", "frame")
        t = int(np.searchsorted(sp.steps, f["step"]))
        assert f["index"] == k and sp.steps[t] == f["step"]
        np.testing.assert_allclose(np.array(f["W"]), sp.W_hist[t], atol=TOL, rtol=0)
        np.testing.assert_allclose(np.array(f["b"]), sp.b_hist[t], atol=TOL, rtol=0)
        assert abs(f["loss"] - float(sp.loss_hist[t])) <= 1e-5 * float(sp.loss_hist[t])
        assert f"step {f['step']:,}" in f["text"]
        slider = page.locator('.tv-widget[data-widget="scrubber"] input[type=range]')
        assert int(slider.input_value()) == k
    # the slider, by keyboard, walks the recorded steps one by one
    slider = page.locator('.tv-widget[data-widget="scrubber"] input[type=range]')
    api_call(page, "scrubber", "setFrame", 10)
    slider.focus()
    slider.press("ArrowRight")
    f = api_call(page, "scrubber", "frame")
    assert f["index"] == 11 and f["W"] == run["W"][11] and f["b"] == run["b"][11]
    # a stage's button jumps to it, and the readout names it
    buttons = page.locator('.tv-widget[data-widget="scrubber"] button.tv-stage')
    assert buttons.count() == len(STAGES)
    for i, name in enumerate(STAGES):
        before = page.locator('.tv-widget[data-widget="scrubber"]').evaluate(SHOWN)
        buttons.nth(i).focus()
        page.keyboard.press("Enter")
        f = api_call(page, "scrubber", "frame")
        assert f["step"] == stage_steps[i] and f["stage"] == name
        assert buttons.nth(i).get_attribute("aria-pressed") == "true"
        assert page.locator('.tv-widget[data-widget="scrubber"]').evaluate(SHOWN) != before
    assert not errors, errors
    page.close()


AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_widget_text_stays_in_its_boxes_with_contrast(browser, site_url, width, scheme):
    """At desktop and phone width, light and dark: no band of empty space inside a widget, every
    slider's value inside its fieldset, no text wider than the widget, and axe-core finds no colour
    contrast violation inside the widgets."""
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto(site_url + "explore/", wait_until="load")
    page.wait_for_function(READY, timeout=15_000)
    faults = page.evaluate("""() => {
      const out = [], box = (e) => e.getBoundingClientRect();
      for (const w of document.querySelectorAll('.tv-widget')) {
        const W = box(w);
        for (const e of w.querySelectorAll('*')) {
          const r = box(e);
          if (r.width && (r.right > W.right + 0.5 || r.left < W.left - 0.5)) out.push(`${w.dataset.widget}: ${e.tagName}.${e.className} leaves the widget`);
        }
        for (const v of w.querySelectorAll('fieldset .tv-value')) {
          const f = box(v.closest('fieldset')), r = box(v);
          if (r.right > f.right + 0.5) out.push(`${w.dataset.widget}: ${v.textContent} spills ${Math.round(r.right - f.right)} px out of its fieldset`);
        }
        // an empty band: a gap of more than 40 px between one visible block and the next
        const blocks = [...w.querySelectorAll('canvas, .tv-readout > *, fieldset, .tv-toolbar, .tv-stages, .tv-scrub, .tv-legend, .tv-caption')]
          .map(box).filter((r) => r.height > 0).sort((a, b) => a.top - b.top);
        let reach = W.top;
        for (const r of blocks) {
          if (r.top - reach > 40) out.push(`${w.dataset.widget}: ${Math.round(r.top - reach)} px of empty band at y = ${Math.round(reach - W.top)}`);
          reach = Math.max(reach, r.bottom);
        }
      }
      return out;
    }""")
    assert not faults, faults
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
      const r = await axe.run({ include: [['.tv-widget']] }, { runOnly: ['color-contrast'] });
      return r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary));
    }""")
    assert not result, result
    page.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_widgets_hold_their_height_while_their_data_loads(browser, site_url, width):
    """No layout shift from a widget: with its data held back, each widget already has (within 16 px)
    the height it has once the data has arrived and it is filled in."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    held = []
    page.route("**/figures/explore/*.json", lambda route: held.append(route))
    page.goto(site_url + "explore/", wait_until="load")
    mine = ("zones", "tilt", "scrubber")
    heights = ("() => Object.fromEntries(['zones', 'tilt', 'scrubber'].map(n => [n, "
               "document.querySelector(`.tv-widget[data-widget=${n}]`).getBoundingClientRect().height]))")
    page.wait_for_function("document.querySelectorAll('.tv-widget[data-tv-mounted]').length === 4")
    page.wait_for_timeout(200)
    before = page.evaluate(heights)
    assert page.locator(".tv-widget[data-ready]").count() == 0, "the data was not held back"
    while held:
        held.pop().continue_()
    page.wait_for_function(READY, timeout=15_000)
    after = page.evaluate(heights)
    for w in mine:
        assert abs(after[w] - before[w]) <= 16, f"{w}: {before[w]:.0f} px before its data, {after[w]:.0f} px after"
    page.close()


def test_outcomes_are_the_exported_counts(explore, built_site):
    page, errors = explore
    data = json.loads((built_site / "figures/explore/outcomes.json").read_text())
    for opt in data["optimizers"]:
        api_call(page, "outcomes", "set", {"n": data["ns"][0], "optimizer": opt, "lr": 1, "length": 3})
        r = api_call(page, "outcomes", "readout")
        c = np.array(data["counts"][opt][0][1][3])
        assert r["optimizer"] == opt and r["lr"] == data["lrs"][opt][1] and r["steps"] == data["checkpoints"][3]
        assert [r["rates"][l] for l in data["labels"]] == pytest.approx(list(c / c.sum()))
    assert not errors, errors


def test_instant_navigation_mounts_each_widget_once(browser, site_url):
    page, errors = open_page(browser, site_url + "explore/")
    page.set_viewport_size({"width": 1300, "height": 900})   # wide enough for the navigation sidebar
    page.evaluate("window.__sameDocument = true")             # gone if the browser reloads the page
    nav = page.locator("nav.md-nav--primary")
    for _ in range(2):
        nav.locator("a", has_text="Home").first.click()
        page.wait_for_function("!document.querySelector('.tv-widget') && toyvizWidgets.find().length === 0",
                               timeout=10_000)   # the old page's widgets were destroyed
        nav.locator("a", has_text="Explorables").first.click()
        page.wait_for_function(READY, timeout=15_000)
        assert page.evaluate("window.__sameDocument === true"), "instant navigation fell back to a reload"
        counts = page.evaluate("toyvizWidgets.find().map(i => i.name).sort()")
        assert counts == sorted(WIDGETS)
        assert page.locator(".tv-widget canvas").count() == 2 + 1 + 2 + 1
    # still computing the engine's numbers
    W, b = random_models(1, seed=5)[0]
    api_call(page, "zones", "setParams", W.tolist(), b.tolist())
    assert abs(api_call(page, "zones", "readout")["loss"] - float(batch_loss(W, b))) <= TOL
    el = page.locator('.tv-widget[data-widget="zones"]')
    before = el.evaluate(SHOWN)
    el.locator("input[type=range]").last.focus()
    page.keyboard.press("ArrowRight")
    assert el.evaluate(SHOWN) != before
    assert not errors, errors
    page.close()


def test_each_widget_with_its_data_stays_under_300_kb(built_site):
    js = built_site / "javascripts/explorables"
    shared = (js / "common.js").stat().st_size + (js / "toymath.js").stat().st_size
    data = {"zones": ["presets"], "tilt": ["presets"], "scrubber": ["scrubber_run"], "outcomes": ["outcomes"]}
    for widget, files in data.items():
        size = shared + (js / f"{widget}.js").stat().st_size
        size += sum((built_site / f"figures/explore/{f}.json").stat().st_size for f in files)
        assert size < 300_000, f"{widget}: {size:,} bytes"
