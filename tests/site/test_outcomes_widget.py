"""The outcome widget (docs/javascripts/explorables/outcomes.js) in a real browser: the counts it shows
are the counts in its data, and those are the engine's classifier on the same run; runs that are
merely unfinished are never counted as failures; switching optimiser never changes the learning rate
without saying so; the footer gives the real training length."""
from __future__ import annotations

import json

import numpy as np
import pytest

from toyviz.toy import FAILURES, LABELS, outcomes_at
from toyviz.toy.experiments import phase_run

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READY = "document.querySelector('.tv-widget[data-widget=\"outcomes\"][data-ready]') !== null"


@pytest.fixture(scope="module")
def widget(browser, site_url, built_site):
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "explore/", wait_until="load")
    page.wait_for_function(READY, timeout=15_000)
    data = json.loads((built_site / "figures/explore/outcomes.json").read_text())
    yield page, errors, data
    page.close()


def call(page, method, *args):
    return page.evaluate(f"([a]) => toyvizWidgets.find('outcomes')[0].api.{method}(...a)", [list(args)])


def test_counts_shown_are_the_data_and_the_engines_labels(widget):
    """One cell retrained here: n = 5, AdamW with weight decay 1e-1, at the post's length."""
    page, errors, data = widget
    setting, ni, li = "adamw_wd1e-1", 0, 1
    ci = data["checkpoints"].index(data["post_steps"])
    call(page, "set", {"n": data["ns"][ni], "optimizer": setting, "lr": li, "length": ci})
    r = call(page, "readout")
    in_data = dict(zip(data["labels"], data["counts"][setting][ni][li][ci]))
    assert r["steps"] == data["post_steps"] and r["lr"] == data["lrs"][setting][li]
    assert r["shown"] == r["counts"] == in_data
    assert sum(in_data.values()) == data["n_seeds"]
    run = phase_run(data["ns"][ni], "adamw", 0.1, (3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1), data["n_seeds"], data["steps"])
    assert float(run.lr[li * data["n_seeds"]]) == pytest.approx(data["lrs"][setting][li], rel=1e-6)
    part = run.select(np.arange(li * data["n_seeds"], (li + 1) * data["n_seeds"]))
    labels = outcomes_at(part.W_hist, part.b_hist, part.loss_hist)[:, int(np.searchsorted(part.steps, data["post_steps"]))]
    assert in_data == {k: int((labels == k).sum()) for k in LABELS}
    assert not errors, errors


def test_unfinished_runs_are_never_failures(widget):
    """A failure at a checkpoint means dead to the end of the run, so no checkpoint can count more
    failures than the last one, and nothing is still on a plateau at the last."""
    _, _, data = widget
    fail = [data["labels"].index(k) for k in FAILURES]
    plateau = data["labels"].index("still_on_plateau")
    for setting in data["optimizers"]:
        c = np.array(data["counts"][setting])                 # (n, lr, checkpoint, label)
        failures = c[..., fail].sum(axis=-1)
        assert (failures <= failures[..., -1:]).all()
        assert (c[..., -1, plateau] == 0).all()


def test_switching_optimiser_says_when_the_learning_rate_moves(widget):
    page, errors, data = widget
    adam = data["lrs"]["adam"]
    call(page, "set", {"optimizer": "adam", "lr": adam.index(1e-3)})
    r = call(page, "set", {"optimizer": "sgd"}) or call(page, "readout")
    if 1e-3 not in data["lrs"]["sgd"]:
        assert r["lr"] != 1e-3 and r["notice"] and "1e-3" not in r["notice"] and "0.001" in r["notice"]
        assert page.locator('.tv-widget[data-widget="outcomes"] [role=status]').text_content() == r["notice"]
    r = call(page, "set", {"optimizer": "adamw"}) or call(page, "readout")   # back at a rate Adam(W) was run at
    assert r["lr"] in data["lrs"]["adamw"] and r["lr"] == call(page, "readout")["lr"]
    call(page, "set", {"optimizer": "adamw_wd1e-1"})
    r2 = call(page, "readout")
    assert r2["lr"] == r["lr"] and r2["notice"] == ""          # same rates: nothing moves, nothing said
    assert not errors, errors


def test_footer_gives_the_real_training_length(widget):
    page, _, data = widget
    for ci in (3, len(data["checkpoints"]) - 1):
        call(page, "set", {"length": ci})
        text = call(page, "readout")["text"]
        assert f"trained for {data['steps']:,} steps" in text
        assert f"at step {data['checkpoints'][ci]:,} of it" in text
