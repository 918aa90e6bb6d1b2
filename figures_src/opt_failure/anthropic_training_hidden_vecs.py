"""Hidden vectors of the training examples over dataset sizes T (Anthropic's sparse set-up, regenerated)

A regeneration with toyviz's own runs, not Anthropic's image ("Superposition, Memorization, and
Double Descent"). For each dataset size T one model y = ReLU(WᵀWx + b) with m = 2 is trained by the
engine's torch path on T fixed examples of Anthropic's synthetic data (`data="sparse"`,
`examples=T`): each of n = 2,000 entries non-zero with probability 1 − S = 0.001, uniform on (0, 1],
each example normalised to length 1 (an all-zero example stays zero; at n = 2,000 about 13 % are).
To fit the build budget the settings are smaller than Anthropic's (n = 10,000, 50,000 steps):
n = 2,000, AdamW with lr 1e-2 (weight decay 1e-2), 50 warm-up steps then cosine decay, 1,000 full-batch
steps, seed 0, and T only up to 100, all in the memorisation regime (each feature appears in about
T/1,000 examples). Each panel draws h = Wx of every training example (all-zero examples sit at
the origin, counted in the panel). The examples are regenerated with the engine's `sparse_data` and
checked against the run's recorded loss.
"""
import numpy as np

from toyviz.plot import style
from toyviz.toy.config import ToyConfig
from toyviz.toy.data import data_generator, sparse_data
from toyviz.toy.train import train_cached

ID = "opt_failure/anthropic_training_hidden_vecs"
KIND = "still"
REPRODUCES = "opt_failure/anthropic_training_hidden_vecs.png"
FILES = ["anthropic_training_hidden_vecs.png"]

TS = (3, 5, 8, 15, 30, 100)    # dataset sizes, one panel each
BASE = ToyConfig(n=2000, m=2, n_seeds=1, seed=0, data="sparse", sparsity=0.999, steps=1000, lr=1e-2,
                 schedule="cosine", warmup=50, log_points=8)


def training_examples(config: ToyConfig, seed: int) -> np.ndarray:
    """The T fixed examples the torch path trained seed `seed` on (its `data_generator` stream)."""
    return sparse_data(config.n, config.examples, config.sparsity, data_generator(seed))


def check(run, X) -> None:
    """The regenerated examples must give the loss the engine recorded on its own data."""
    W, b = run.W[0].astype(np.float64), run.b[0].astype(np.float64)
    loss = float(np.mean((np.maximum(X @ W.T @ W + b, 0) - X) ** 2))
    if not np.isclose(loss, run.loss_hist[0, -1], rtol=1e-3, atol=1e-9):
        raise RuntimeError(f"regenerated training data gives loss {loss:.3e}, the run recorded "
                           f"{run.loss_hist[0, -1]:.3e}: the engine's sparse-data stream changed")


def build(out, quality):
    with style.figure(2, len(TS) // 2, figsize=(6.6, 4.8)) as (fig, axes):   # two rows: panels big enough in the column
        for ax, T in zip(axes.ravel(), TS):
            config = BASE.with_(examples=T)
            run = train_cached(config)
            X = training_examples(config, run.seeds[0])
            check(run, X)
            H = X @ run.W[0].T.astype(np.float64)                  # (T, 2) hidden vectors
            zero = ~X.any(axis=1)
            r = 1.2 * max(float(np.linalg.norm(H, axis=1).max()), 1e-3)
            for h in H[~zero]:
                ax.plot([0, h[0]], [0, h[1]], color=style.POSITIVE, lw=1.0, alpha=0.8, zorder=2)
            ax.scatter(H[~zero, 0], H[~zero, 1], s=12, color=style.INK, zorder=3)
            ax.set_xlim(-r, r)
            ax.set_ylim(-r, r)
            ax.set_aspect("equal")
            ax.set_xticks([])
            ax.set_yticks([])
            for side in ("top", "right", "bottom", "left"):
                ax.spines[side].set_visible(True)
                ax.spines[side].set_color(style.GUIDE)
            ax.axhline(0, color=style.GUIDE, lw=0.5, zorder=0)
            ax.axvline(0, color=style.GUIDE, lw=0.5, zorder=0)
            ax.set_title(f"T = {T}", fontsize=11)
            note = f"{int(zero.sum())} all-zero" if zero.any() else ""
            ax.text(0.5, -0.08, note, transform=ax.transAxes, ha="center", va="top", fontsize=10, color="#666666")
        fig.suptitle("hidden vectors $h = Wx$ of the training examples\n(m = 2; sparse data, S = 0.999, "
                     "n = 2,000; scaled down, regenerated)", fontsize=11, y=1.03)
        style.save(fig, out / FILES[0], quality)
