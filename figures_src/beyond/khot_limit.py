"""The k-hot limit: reconstruction through a 2-D bottleneck as 1, 2, 3 features are active at once

Six features squeezed into two dimensions and read back out, for three readers (`toyviz.ica.khot`):
the toy ReLU autoencoder (the perfectly learnt n = 6, m = 2 models of `opt_failure/latent_zone_intro_1`:
same config, so the same cached run; the seeds the outcome classifier calls `perfect`, up to the seed
budget), an SAE trained on the matching one-hot data (x = A_true e_i, one point per feature, six unit
columns of A_true 60° apart; l1 0.1, Adam 0.01, 2,000 steps) and ICA's exact MAP inference with the
true dictionary A_true (σ = 0.1, λ_prior = 0.5, codes ≥ 0). Bottom: the relative error ‖s − ŝ‖²/‖s‖²
on 2,000 k-hot vectors per k, mean and range over seeds; solid: feature values uniform in (0, 1]
(`khot_curve`), dashed: values exactly 1 (the toy model's training data). Top: why, for the toy
autoencoder (its first perfect seed): its latent zones (clipped to the hexagon, as in the post), the
latents h = W s of binary 1-, 2- and 3-hot inputs (the legend gives the share of each whose support
is read back exactly), and, hatched, where three zones are on at once. A
grid finds at most two zones on anywhere inside the hexagon (pairs, along its edges); three overlap
only outside it, which is where the latents of three *adjacent* features land.
"""
import numpy as np
from matplotlib.patches import Polygon
from matplotlib.path import Path

from toyviz.ica import (DataConfig, SAEConfig, khot_curve, khot_sources, map_reader, run_sae,
                        sae_reader, toy_reader, unit_columns)
from toyviz.ica import showcase
from toyviz.plot import ica, latent, style
from toyviz.toy.analysis import find_seeds
from toyviz.toy.config import ToyConfig
from itertools import combinations

from toyviz.toy.geometry import clip_halfplane, latent_polygon, zones
from toyviz.toy.train import train_cached

ID = "beyond/khot_limit"
KIND = "still"
REPRODUCES = None
FILES = ["khot_limit.png"]

TOY = ToyConfig(n=6, m=2, n_seeds=64, steps=25_000, seed=0)   # as opt_failure/latent_zone_intro_1
ANGLES_6 = (90.0, 150.0, 210.0, 270.0, 330.0, 30.0)
ONE_HOT = DataConfig(angles=ANGLES_6, archetypes=True, n_points=6, rate=1.0)  # x_i = A_true e_i
ACTIVE = (1, 2, 3)
READERS = {"toy ReLU autoencoder": ("firebrick", "o"), "SAE": ("mediumslateblue", "s"),
           "ICA MAP (true $A$)": ("black", "^")}


def _binary(reader, n, active, count=2000, seed=0):
    """Relative error and exact-support rate on k-hot inputs whose values are all 1."""
    S = (khot_sources(n, active, count, seed + active) > 0).astype(float)
    R = reader(S)
    return np.sum((S - R) ** 2) / np.sum(S * S), float(np.mean(((R > 0.5) == (S > 0)).all(1)))


def _triples(W, b, radius):
    """Regions of the square |h| ≤ radius where three zones are on at once."""
    square = radius * np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], float)
    out = []
    for t in combinations(range(W.shape[1]), 3):
        region = square
        for i in t:
            region = clip_halfplane(region, W[:, i], float(b[i]))
        if len(region) >= 3:
            out.append(region)
    return out


def _max_overlap(W, b, grid=401):
    """Largest number of zones on at one point of the latent polygon (grid search)."""
    poly = latent_polygon(W)
    r = float(np.abs(poly).max())
    g = np.linspace(-r, r, grid)
    H = np.stack(np.meshgrid(g, g), -1).reshape(-1, 2)
    H = H[Path(poly).contains_points(H)]
    on = (H @ W + b > 0).sum(1)
    return int(on.max()), float(np.mean(on >= 2))


def build(out, quality):
    n = TOY.n
    budget = showcase.seeds(quality, full=12)
    run = train_cached(TOY)
    perfect = [int(k) for k in find_seeds(run, "perfect")][:len(budget)]
    A_true = unit_columns(ANGLES_6)
    sae = run_sae(SAEConfig(data=ONE_HOT, columns=n, seeds=budget))
    readers = {"toy ReLU autoencoder": [toy_reader(run.W[k], run.b[k]) for k in perfect],
               "SAE": [sae_reader(A_true, sae["W_enc"][i], sae["b_enc"][i], sae["W_dec"][i])
                       for i in range(len(budget))],
               "ICA MAP (true $A$)": [map_reader(A_true)]}
    uniform = {name: np.stack([khot_curve(r, n, ACTIVE)["relative"] for r in rs], -1)
               for name, rs in readers.items()}                                   # (actives, seeds)
    binary = {name: np.array([[_binary(r, n, a) for r in rs] for a in ACTIVE])    # (actives, seeds, 2)
              for name, rs in readers.items()}
    k0 = perfect[0]
    W, b = np.asarray(run.W[k0], float), np.asarray(run.b[k0], float)
    most, pair_share = _max_overlap(W, b)
    support = binary["toy ReLU autoencoder"][..., 1].mean(1)
    colors = style.feature_colors(n)
    radius = 2.25 * float(np.linalg.norm(W, axis=0).max())
    # stacked for the column: the latent plane above the error curves, each with its legend beside it
    grid = dict(width_ratios=[1.7, 1], height_ratios=[1.4, 1], hspace=0.32, wspace=0.04)
    with style.figure(2, 2, figsize=(7.6, 8.4), gridspec_kw=grid) as (fig, ((left, left_key), (right, right_key))):
        for region in _triples(W, b, radius):
            left.add_patch(Polygon(region, closed=True, facecolor="none", edgecolor="#777777", hatch="////",
                                   lw=0.0, zorder=1))
        latent.polygon(left, latent_polygon(W))
        latent.zones(left, zones(W, b), colors, alpha=0.45)
        latent.columns(left, W, colors, labels=True, lw=1.6)
        marks = {1: ("o", 26), 2: ("s", 22), 3: ("^", 30)}
        for a, exact in zip(ACTIVE, support):
            S = (khot_sources(n, a, 400, seed=100 + a) > 0).astype(float)
            H = np.unique(np.round(S @ W.T, 9), axis=0)
            m, size = marks[a]
            left.scatter(H[:, 0], H[:, 1], marker=m, s=size, facecolor="white" if a > 1 else style.INK,
                         edgecolor=style.INK, lw=0.9, zorder=6,
                         label=f"$h = Ws$, binary {a}-hot\n({exact:.0%} read back exactly)")
        left.add_patch(Polygon(np.zeros((3, 2)), facecolor="none", edgecolor="#777777", hatch="////", lw=0,
                               label="three zones on"))
        style.equal_square(left, radius)
        left_key.axis("off")
        left_key.legend(*left.get_legend_handles_labels(), loc="center left", fontsize=9, frameon=False)
        left.set_title(f"toy autoencoder, seed {run.seeds[k0]}: at most {most}\nzones on inside the hexagon "
                       f"({pair_share:.0%} of it\nhas two), three only outside (hatched)", fontsize=10)
        for x, (name, (color, marker)) in enumerate(READERS.items()):
            ns = uniform[name].shape[1]
            ica.mean_spread(right, ACTIVE, uniform[name], color, f"{name} ({ns} seed{'s' * (ns > 1)})",
                            marker=marker, offset=0.05 * (x - 1))
            ica.mean_spread(right, ACTIVE, binary[name][..., 0], color, None, marker=marker,
                            offset=0.05 * (x - 1) + 0.12, ls="--")
        right.plot([], [], color=style.INK, ls="-", label="values uniform in (0, 1]")
        right.plot([], [], color=style.INK, ls="--", label="values 1 (binary)")
        right.set_xticks(ACTIVE, [f"{a}-hot" for a in ACTIVE])
        right.set_ylabel(r"relative error $\|s-\hat s\|^2/\|s\|^2$")
        right.set_ylim(bottom=-0.03)
        right.set_title(f"{n} features read back through a 2-D bottleneck", fontsize=10)
        right_key.axis("off")
        right_key.legend(*right.get_legend_handles_labels(), loc="center left", fontsize=9, frameon=False)
        right.grid(axis="y", color="#e6e6e6", lw=0.8)
        style.save(fig, out / FILES[0], quality)
