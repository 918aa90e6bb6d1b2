"""Tiles of the interactive chaos map: every zoom level of every centre, coloured by outcome

The data behind docs/javascripts/chaos_map.js on the "Is it chaotic?" page: for each boundary, one
PNG sprite holding the level images of `chaos_dimension`'s zoom series (row p = centre p, column L =
level L; level 0, shared by every centre, only in row 0), each pixel one float64 training run coloured
by the engine's outcome label, and a JSON index with every tile's window (x and log₁₀ lr ranges),
the palette and the labels, so that hovering a pixel can name its run's δ (or α), learning rate and
outcome. A click opens the pixel's run in the playground, handed the exact float64 inputs of that run:
the x of a column is plain arithmetic the page repeats bit for bit, but the learning rate of a row
(10^y) and, on the plain plane, cos α and sin α go through library functions whose last bit differs
between numpy and the browser in ~11% and ~3% of cases, so a per-boundary starts file carries those
values (base64 float64, little-endian; fetched only when a reader first points at or focuses a map).
"""
import base64
import json

import numpy as np

from toyviz.plot.phase import OUTCOME_COLORS, OUTCOME_NAMES
from toyviz.plot.style import rgb
from toyviz.toy import LABELS
from toyviz.toy import chaos

ID = "beyond/chaos_tiles"
KIND = "data"
REPRODUCES = None
FILES = ["chaos_tiles.json", "chaos_tiles_learnt.png", "chaos_tiles_perfect.png",
         "chaos_starts_learnt.json", "chaos_starts_perfect.json"]
START = {"constructed": "post", "plain": "plain"}      # the playground's name for each plane's start

PALETTE = (np.array([rgb(OUTCOME_COLORS[name]) for name in LABELS]) * 255).astype(np.uint8)


def build(out, quality):
    from PIL import Image
    index = {"labels": [OUTCOME_NAMES[name] for name in LABELS],
             "palette": ["#%02x%02x%02x" % tuple(int(v) for v in c) for c in PALETTE], "boundaries": []}
    for boundary in chaos.BOUNDARIES:
        zc = chaos.zoom_config(boundary, quality)
        level0 = chaos.outcome_map_cached(zc.level0())
        windows = chaos.zoom_windows(zc, level0)
        side = zc.side
        sprite = np.full((side * len(windows), side * zc.levels, 4), 0, np.uint8)   # transparent where unused
        tiles, starts = [], []
        for p, row in enumerate(windows):
            for L, win in enumerate(row):
                if L == 0 and p > 0:
                    continue
                code = (level0 if L == 0 else chaos.outcome_map_cached(win))["code"]
                sprite[p * side:(p + 1) * side, L * side:(L + 1) * side, :3] = PALETTE[code[::-1]]  # lr upwards
                sprite[p * side:(p + 1) * side, L * side:(L + 1) * side, 3] = 255
                tiles.append({"point": p, "level": L, "col": L, "row": p,
                              "x0": win.x0, "x1": win.x1, "y0": win.y0, "y1": win.y1})
                starts.append(pixel_inputs(win))
        name = f"chaos_tiles_{boundary}.png"
        Image.fromarray(sprite, "RGBA").save(out / name, optimize=True)
        plane = zc.plane
        config = plane.toy_config(1, zc.precision)
        index["boundaries"].append({
            "boundary": boundary, "plane": plane.kind, "x_name": plane.x_name, "sprite": name, "side": side,
            "levels": zc.levels, "factor": zc.factor, "points": len(windows), "tiles": tiles,
            "centres": [{"x": float(cx), "y": float(cy)} for cx, cy in chaos.zoom_centres(zc, level0)],
            "starts": f"chaos_starts_{boundary}.json",
            "run": {"start": START[plane.kind], "n": plane.n, "optimizer": plane.optimizer, "weight_decay": config.wd,
                    "steps": plane.steps, "record": plane.record.tolist(), "precision": zc.precision,
                    **({"seeds": [plane.seed, plane.seed + 1]} if plane.kind == "plain" else {})}})
        (out / f"chaos_starts_{boundary}.json").write_text(json.dumps({"tiles": starts}) + "\n")
    (out / FILES[0]).write_text(json.dumps(index, indent=1) + "\n")


def pixel_inputs(win) -> dict:
    """The float64 inputs of a tile's runs that the page cannot recompute bit for bit: the learning
    rate of each row (bottom to top) and, on the plain plane, cos α and sin α of each column, taken from
    the same arrays `outcome_map` and `Plane.starts` compute them from."""
    side = win.side
    x, lr = (v.reshape(side, side) for v in win.pixels())
    out = {"lr": b64(lr[:, 0])}
    if win.plane.kind == "plain":
        out |= {"cos": b64(np.cos(x)[0]), "sin": b64(np.sin(x)[0])}
    return out


def b64(values) -> str:
    return base64.b64encode(np.ascontiguousarray(values, "<f8").tobytes()).decode("ascii")
