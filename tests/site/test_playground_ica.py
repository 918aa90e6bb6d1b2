"""The ICA playground (docs/playground/ica.md) in a real browser: the page's float64 engine equals
toyviz.ica's (presets E3 and E6.1, A after each of the first 20 steps and ŝ, to 1e-9; the exact MAP
solver on random problems); the shipped data are the engine's; controls and the keyboard change what
is drawn; the scripts load only on pages that place it, also after instant navigation; it fits a phone."""
from __future__ import annotations

import json

import numpy as np
import pytest

from toyviz.ica import experiment, make_data, map_exact, train

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOL = 1e-9
FIRST = 20
WIDGET = '.tv-widget[data-widget="../playground/ica"]'
API = "toyvizWidgets.find('../playground/ica')[0].api"
PICTURE = f"() => [...document.querySelectorAll('{WIDGET} canvas')].map(c => c.toDataURL()).join('|')"


def open_page(browser, url, width=1100):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    page.wait_for_function(f"window.toyvizWidgets && toyvizWidgets.find('../playground/ica').length === 1",
                           timeout=15_000)
    page.evaluate(f"{API}.ready")
    return page, errors


@pytest.fixture(scope="module")
def playground(browser, site_url):
    page, errors = open_page(browser, site_url + "playground/ica/")
    yield page, errors
    page.close()


def page_run(page, name: str) -> dict:
    """The page's engine on the shipped preset: A for the first steps, ŝ at the recorded ones among
    them, the selected and oracle steps."""
    return page.evaluate("""async ([name, first]) => {
        const D = await (await fetch('../../figures/playground/ica_presets.json')).json();
        const p = D.presets[name], d = D.datasets[p.data];
        const r = toyviz.playground.ica.train({...p, X: d.X, angles: d.angles});
        const rec = r.recordSteps.filter(t => t <= first);
        return {A: r.A.slice(0, first + 1).map(a => Array.from(a)), rec,
                sHat: rec.map((_, j) => Array.from(r.sHat[j])), selected: r.selectedStep, oracle: r.oracleStep,
                X: d.X, A0: p.A0, k: p.k};
    }""", [name, FIRST])


@pytest.mark.parametrize("name", ["E3", "E6.1"])
def test_presets_equal_the_engine(playground, name):
    page, errors = playground
    config = experiment(name)
    ref = train(config)
    js = page_run(page, name)
    k = config.k
    # the shipped data set is the engine's seed 0, bit for bit
    assert np.array_equal(np.reshape(js["X"], (-1, 2)), make_data(config.data, 0)["X"])
    assert np.array_equal(np.reshape(js["A0"], (2, k)), ref.A[0, 0])
    A_js = np.reshape(js["A"], (FIRST + 1, 2, k))
    diff_A = np.abs(A_js - ref.A[0, :FIRST + 1]).max()
    rec = np.asarray(js["rec"])
    assert np.array_equal(rec, ref.record_steps[:len(rec)])
    S_js = np.reshape(js["sHat"], (len(rec), -1, k))
    diff_S = np.abs(S_js - ref.s_hat[0, :len(rec)]).max()
    print(f"{name}: max |ΔA| over steps 0–{FIRST} = {diff_A:.2e}, max |Δŝ| over {len(rec)} records = {diff_S:.2e}; "
          f"selected step page {js['selected']} engine {int(ref.selected.step[0])}")
    assert diff_A <= TOL and diff_S <= TOL
    # the step each would keep: the post's oracle and the non-oracle selection
    assert js["oracle"] == int(ref.oracle.step[0])
    assert js["selected"] == int(ref.selected.step[0])
    assert not errors, errors


def test_widget_shows_the_engines_A(playground):
    """The page's own run (its controls, not the API) draws the engine's A."""
    page, _ = playground
    page.evaluate(f"{API}.set({{preset: 'E3'}})")
    page.evaluate(f"{API}.run()")
    page.evaluate(f"{API}.go({FIRST})")
    state = page.evaluate(f"{API}.state()")
    ref = train(experiment("E3")).A[0, FIRST]
    assert state["step"] == FIRST and state["preset"] == "E3"
    assert np.abs(np.reshape(state["A"], (2, -1)) - ref).max() <= TOL
    assert page.locator(f"{WIDGET} .tv-readout").text_content().startswith(f"Step {FIRST}: error")


def test_map_exact_equals_the_engine_on_random_problems(playground):
    page, _ = playground
    rng = np.random.default_rng(7)
    worst = 0.0
    for trial in range(24):
        k = int(rng.integers(1, 9))
        A = rng.normal(size=(2, k))
        if k >= 3 and trial % 4 == 0:
            A[:, 2] = -0.5 * A[:, 0]                     # parallel columns: singular pairs are skipped
        X = rng.normal(size=(300, 2)) * rng.uniform(0.1, 4)
        X[:5] = 0.0                                      # points the empty support represents
        sigma, lam, nonneg = float(rng.uniform(0.05, 1)), float(rng.uniform(0.1, 2)), bool(trial % 2)
        ref = map_exact(X, A, sigma, lam, nonneg).s
        js = page.evaluate("([X, A, k, s, l, nn]) => Array.from(toyviz.playground.ica.mapExact(X, A, k, s, l, nn))",
                           [X.ravel().tolist(), A.ravel().tolist(), k, sigma, lam, nonneg])
        worst = max(worst, float(np.abs(np.reshape(js, ref.shape) - ref).max()))
    print(f"mapExact vs map_exact, 24 random problems: max |Δŝ| = {worst:.2e}")
    assert worst <= TOL


def test_controls_change_what_is_drawn(playground):
    page, errors = playground
    page.evaluate(f"{API}.set({{preset: 'E6.1'}})")
    page.evaluate(f"{API}.run()")
    page.evaluate(f"{API}.go(300)")
    before = page.evaluate(PICTURE)
    page.locator(f'{WIDGET} label:has-text("(AAᵀ)⁻¹ normalisation")').click()
    page.evaluate(f"{API}.run()")
    page.evaluate(f"{API}.go(300)")
    s = page.evaluate(f"{API}.settings()")
    assert s["normalise"] is False and s["preset"] == "E6.1"     # a training knob keeps the engine's data
    assert page.evaluate(PICTURE) != before
    # dragging a true direction's handle turns it and leaves the engine's data for the page's generator
    page.locator(f"{WIDGET} canvas").first.scroll_into_view_if_needed()
    box = page.locator(f"{WIDGET} canvas").first.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    scale = (min(box["width"], box["height"]) / 2 - 14) / 6
    hx, hy = cx + 4.5 * scale * np.cos(np.radians(90)), cy - 4.5 * scale * np.sin(np.radians(90))
    page.mouse.move(hx, hy)
    page.mouse.down()
    page.mouse.move(cx + 4.5 * scale, cy, steps=5)                # to 0°
    page.mouse.up()
    s = page.evaluate(f"{API}.settings()")
    assert s["angles"][0] == 0 and s["preset"] is None
    assert "page's own generator" in page.locator(f"{WIDGET} .tv-ica-source").text_content()
    page.evaluate(f"{API}.run()")
    assert page.evaluate(f"{API}.state()")["done"]
    assert not errors, errors


def test_keyboard_only(playground):
    page, errors = playground
    page.evaluate(f"{API}.set({{preset: 'E3'}})")
    canvas = page.locator(f"{WIDGET} canvas").first
    canvas.focus()
    before = page.evaluate(f"{API}.settings()")["angles"]
    page.keyboard.press("2")
    page.keyboard.press("ArrowLeft")
    after = page.evaluate(f"{API}.settings()")["angles"]
    assert after[1] == (before[1] + 5) % 360 and after[0] == before[0]
    # a checkbox reached by Tab and toggled with Space
    box = page.locator(f"{WIDGET} #tv-ica-equalNorms")
    box.focus()
    was = page.evaluate(f"{API}.settings()")["equalNorms"]
    page.keyboard.press("Space")
    assert page.evaluate(f"{API}.settings()")["equalNorms"] is (not was)
    # Space on the picture plays; the step moves
    page.evaluate(f"{API}.run()")
    canvas.focus()
    page.keyboard.press("Space")
    page.wait_for_function(f"{API}.state().step > 0", timeout=10_000)
    assert not errors, errors


def test_loaded_only_where_placed_and_after_instant_navigation(browser, site_url):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "part2/derivation/", wait_until="load")   # a page without the playground
    page.wait_for_timeout(500)
    assert not [u for u in requested if "playground/ica" in u]
    assert page.evaluate("!(window.toyviz && toyviz.playground && toyviz.playground.ica)")
    page.evaluate("window.__same_document = true")   # gone if the click made a full reload
    # instant navigation: material intercepts a click on a same-site link (as test_site.py does)
    page.evaluate("""href => { const a = document.createElement('a'); a.href = href;
                               document.body.appendChild(a); a.click(); }""", "../../playground/ica/")
    page.wait_for_function(f"window.toyvizWidgets && toyvizWidgets.find('../playground/ica').length === 1",
                           timeout=15_000)
    assert page.evaluate("window.__same_document === true"), "the click reloaded the page"
    page.evaluate(f"{API}.ready")
    assert page.evaluate(f"{API}.state()")["k"] == 3
    page.close()


def test_fits_a_phone(browser, site_url):
    page, errors = open_page(browser, site_url + "playground/ica/", width=375)
    over = page.evaluate(f"(() => {{ const e = document.querySelector('{WIDGET}'); return e.scrollWidth - e.clientWidth; }})()")
    assert over <= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert not errors, errors
    page.close()


def test_script_sizes(built_site):
    """The playground's code and data, gzip-compressed, within the 60 KB share of the 150 KB budget."""
    import gzip
    files = [built_site / "javascripts/playground/ica.js", built_site / "javascripts/playground/ica_engine.js",
             built_site / "figures/playground/ica_presets.json"]
    sizes = {f.name: len(gzip.compress(f.read_bytes(), 9)) for f in files}
    print("gzip sizes:", json.dumps(sizes), "total", sum(sizes.values()))
    assert sum(sizes.values()) <= 60_000


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(browser, site_url, scheme):
    """axe-core (node_modules, as tests/site/test_reader.py uses it) finds nothing in the widget, in the
    light and the dark scheme (material follows the browser's preference), with the engine's data and
    with the page's generator (the status line changes colour)."""
    from pathlib import Path
    page = browser.new_page(viewport={"width": 1100, "height": 900}, color_scheme=scheme)
    page.goto(site_url + "playground/ica/", wait_until="load")
    page.wait_for_function("window.toyvizWidgets && toyvizWidgets.find('../playground/ica').length === 1")
    page.evaluate(f"{API}.ready")
    assert page.evaluate("document.body.dataset.mdColorScheme") == {"light": "default", "dark": "slate"}[scheme]
    page.add_script_tag(path=str(Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"))
    run = (f"async () => (await axe.run(document.querySelector('{WIDGET}'))).violations"
           ".map(v => `${v.id}: ${v.nodes.map(n => n.target).join(', ')}`)")
    for change in ("{preset: 'E6.1'}", "{seed: 3}"):
        page.evaluate(f"{API}.set({change})")
        violations = page.evaluate(run)
        assert not violations, (change, violations)
    page.close()
