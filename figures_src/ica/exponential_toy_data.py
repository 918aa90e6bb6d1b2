"""toyviz's data set: exponential sources with rate λ = 0.5 (mean 2), and the true columns of A

The ICA engine's E1 data set (`run_experiment("E1")`, seed 0): x = A_true s with three unit columns
of A_true at 90°, 210° and 330° and each source drawn from an exponential distribution with rate
λ_data = 0.5, so of mean 2, as in the post. The true columns are drawn as arrows (scaled by 4
(twice the sources' mean) to be visible over the cloud); the title states the number of points. Most points
are a mix of all three sources, so the cloud fills the cone between the directions rather than
lining up along them as in `ica/data_goal`.
"""
import numpy as np

from toyviz.ica import experiment, run_experiment
from toyviz.plot import ica, style

ID = "ica/exponential_toy_data"
KIND = "still"
REPRODUCES = "ica/exponential_toy_data.png"
FILES = ["exponential_toy_data.png"]


def build(out, quality):
    run = run_experiment("E1", seed=0)
    X, A_true = run.X[0], run.A_true
    rate = experiment("E1").data.rate
    mean = 1.0 / rate
    radius = float(np.quantile(np.linalg.norm(X, axis=1), 0.98))
    with style.figure(1, 1, figsize=(5.2, 5.2)) as (fig, ax):
        ica.data(ax, X, color="#4a6fa5", size=6, alpha=0.4)
        ica.columns(ax, A_true, scale=2 * mean, label=r"$4A_{\mathrm{true},{i}}$", fontsize=9)
        ica.frame(ax, radius)
        ax.set_title(f"exponential sources, $\\lambda = {rate:g}$ (mean {mean:g})\n"
                     f"{len(X):,} points, $x = A_{{\\mathrm{{true}}}}\\,s$")
        style.save(fig, out / FILES[0], quality)
