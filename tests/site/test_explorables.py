"""The explorable widgets (docs/explore/, docs/javascripts/explorables/) in a real browser: they render
without console errors; every input, driven by the keyboard, changes what they show; the numbers they
compute equal the toy engine's to 1e-6; the run scrubber shows the engine's recorded W and b; and all
of it holds after material's instant navigation, with no widget mounted twice."""
from __future__ import annotations

import json

import numpy as np
import pytest

from toyviz.toy import POST_N7, batch_loss, forces, geometry, train

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


def test_tilt_condition_equals_the_engine(explore, built_site):
    page, errors = explore
    sf = json.loads((built_site / "figures/explore/presets.json").read_text())["presets"]["symmetric_failure"]
    k = sf["unlearnt"]
    W0, b0 = np.array(sf["W"]), np.array(sf["b"])
    rng = np.random.default_rng(1)
    cases = []
    for length, bias in [(0.05, b0[k]), (0.3, 0.1), (0.8, -0.2), (1.4, -0.9), (0.2, 0.6)]:
        a = rng.uniform(-np.pi, np.pi)
        W, b = W0.copy(), b0.copy()
        W[:, k] = length * np.array([np.cos(a), np.sin(a)])
        b[k] = bias
        cases.append((W, b, k))
    cases.append((0.1 * W0, np.where(np.arange(len(b0)) == k, -0.5, b0), k))   # a short plane: tilt grows
    cases += [(W, b, int(len(b) - 1)) for W, b in random_models(4, seed=2)]
    wins = set()
    for W, b, kk in cases:
        api_call(page, "tilt", "setParams", W.tolist(), b.tolist(), kk)
        r = api_call(page, "tilt", "readout")
        lhs, rhs, grows = forces.tilt_condition(W, b, kk)
        assert abs(r["lhs"] - lhs) <= TOL and abs(r["rhs"] - rhs) <= TOL
        assert r["tiltGrows"] == grows
        wins.add(grows)
        assert abs(r["loss"] - float(batch_loss(W, b))) <= TOL
        np.testing.assert_allclose(np.array(r["Y"]), reconstruction(W, b), atol=TOL, rtol=0)
        heights = geometry.plane_points(W, b, W.T, [kk])[:, 0]
        np.testing.assert_allclose(r["heights"], heights, atol=TOL, rtol=0)
        shown = page.locator('.tv-widget[data-widget="tilt"] .tv-readout')
        assert shown.locator(".tv-lhs").text_content() == f"{lhs:.4f}"
        assert shown.locator(".tv-rhs").text_content() == f"{rhs:.4f}"
    assert wins == {True, False}, "the cases should include both verdicts"
    assert not errors, errors


def test_scrubber_shows_the_recorded_run(explore, built_site):
    page, errors = explore
    run = json.loads((built_site / "figures/explore/scrubber_run.json").read_text())
    steps = np.array(run["steps"])
    # the exported frames are the engine's: train the seed again and compare
    order = run["order"]
    solo = train(POST_N7.with_(seed=run["seed"], seeds=1, steps=int(steps[-1])), record=steps)
    np.testing.assert_allclose(np.array(run["W"]), solo.W_hist[0][:, :, order], atol=TOL, rtol=1e-6)
    np.testing.assert_allclose(np.array(run["b"]), solo.b_hist[0][:, order], atol=TOL, rtol=1e-6)
    assert api_call(page, "scrubber", "frames") == run["steps"]
    for k in [0, 1, len(steps) // 3, len(steps) // 2, len(steps) - 1]:
        api_call(page, "scrubber", "setFrame", k)
        f = api_call(page, "scrubber", "frame")
        assert f["index"] == k and f["step"] == run["steps"][k]
        assert f["W"] == run["W"][k] and f["b"] == run["b"][k]
        assert f"step {run['steps'][k]:,}" in f["text"]
        slider = page.locator('.tv-widget[data-widget="scrubber"] input[type=range]')
        assert int(slider.input_value()) == k
    # the slider, by keyboard, walks the recorded steps one by one
    slider = page.locator('.tv-widget[data-widget="scrubber"] input[type=range]')
    api_call(page, "scrubber", "setFrame", 10)
    slider.focus()
    slider.press("ArrowRight")
    f = api_call(page, "scrubber", "frame")
    assert f["index"] == 11 and f["W"] == run["W"][11] and f["b"] == run["b"][11]
    assert not errors, errors


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
