"""Every figure script, built small (`smoke` quality) through the real build system, and one figure
built twice to the same bytes."""
from __future__ import annotations

import json

import pytest

from toyviz import quality
from toyviz.build import registry, runner

FIGURES = registry.discover()
SMOKE = quality.get("smoke")


@pytest.fixture(scope="module")
def smoke_build(tmp_path_factory):
    """Every figure built once at smoke quality, in parallel like the real build: id → Result."""
    out = tmp_path_factory.mktemp("smoke-figures")
    results = runner.build(FIGURES, SMOKE, out, force=True)
    return out, {r.figure.id: r for r in results}


@pytest.mark.slow
@pytest.mark.parametrize("fig", FIGURES, ids=[f.id for f in FIGURES])
def test_figure_builds_small(fig, smoke_build):
    smoke_dir, results = smoke_build
    result = results[fig.id]
    assert result.status == "built", result.error
    for path in fig.outputs(smoke_dir):
        assert path.stat().st_size > 0, path
        if path.suffix == ".json":
            json.loads(path.read_text())
        if path.suffix == ".png":
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_same_figure_twice_gives_identical_bytes(tmp_path):
    [fig] = registry.select(FIGURES, ["opt_failure/latent_zone_intro_1"])
    blobs = []
    for attempt in ("a", "b"):
        out = tmp_path / attempt
        [result] = runner.build([fig], SMOKE, out, jobs=1, force=True)
        assert result.status == "built", result.error
        blobs.append(fig.outputs(out)[0].read_bytes())
    assert blobs[0] == blobs[1]
