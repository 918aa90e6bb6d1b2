"""One seed of a batched run, shown like the post: its features numbered the post's way, the
unlearnt one last (optimization-failure.md, "Symmetric Failure" and "Asymmetric Recovery").

The post numbers the learnt features W₁…W₆ around the hexagon and calls the unlearnt one W₇, drawn in
mediumblue; W₁ and W₆ are W₇'s neighbours (W₇ = ε·(W₆ + W₁)) and W₃ is W₆'s mirror. A run's
unlearnt feature can have any index, so every still, scene and widget permutes the columns with
`order_features`: the learnt features counter-clockwise starting from a reference direction, the
unlearnt ones last, as the engine's hand-built Symmetric Failure (`experiments.constructed_asymmetry`)
numbers them. The reference is the direction the unlearnt feature eventually takes when it has one
(a recovery), so that W₁ and W₆ flank it; a Symmetric Failure shown on its plateau has none yet, and
the reference is then 12 o'clock.
`docs/javascripts/playground/toy.js` (`orderFeatures`) mirrors this function.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .analysis import dead_features, symmetric_failure_shape

TOP = np.array([0.0, 1.0])     # the reference direction when the unlearnt feature has none


def order_features(W: np.ndarray, dead: np.ndarray | None = None, reference: np.ndarray = TOP) -> np.ndarray:
    """A permutation `order` of the n features (new feature j is old feature order[j]): the learnt
    ones of W (2, n) counter-clockwise starting from the direction `reference` (2,), then the dead
    ones in their old order. `dead` (n,) booleans (default: the engine's ‖Wᵢ‖ < 0.1)."""
    W = np.asarray(W, np.float64)
    dead = dead_features(W) if dead is None else np.asarray(dead, bool)
    start = np.arctan2(reference[1], reference[0])
    turn = np.mod(np.arctan2(W[1], W[0]) - start, 2 * np.pi)        # 0 at `reference`, growing counter-clockwise
    order = np.argsort(turn, kind="stable")
    return np.r_[order[~dead[order]], np.where(dead)[0]].astype(int)


def relabel(order, *arrays):
    """Apply `order_features`' permutation to the feature (last) axis of W (…, m, n), b (…, n), …"""
    return tuple(np.asarray(a)[..., order] for a in arrays)


@dataclass(frozen=True)
class Specimen:
    """One seed of a batched run, its features in `order_features`' order: its recorded history and
    named checkpoints in it. `W`, `b`, `loss`, `step` are the state at the checkpoint `shown`."""
    seed: int                  # the model's seed (the batch's config.seed + `index`)
    index: int                 # its position in the batch searched
    batch: int                 # how many seeds that batch has
    order: np.ndarray          # (n,) new feature j is the run's feature order[j]
    steps: np.ndarray          # (T,) recorded steps
    W_hist: np.ndarray         # (T, m, n) as recorded (float32 unless the run is float64), relabelled
    b_hist: np.ndarray         # (T, n)
    loss_hist: np.ndarray      # (T,)
    stages: dict = field(default_factory=dict)   # stage name → checkpoint index
    shown: str = ""            # the stage whose state `W`, `b`, `loss` and `step` give
    in_shape: int = 0          # seeds of the batch in the Symmetric Failure shape at `step`

    @property
    def t(self) -> int:
        """The checkpoint index of the state shown."""
        return self.stages[self.shown]

    @property
    def W(self) -> np.ndarray:
        """W (m, n) at the checkpoint shown, float64."""
        return self.W_hist[self.t].astype(np.float64)

    @property
    def b(self) -> np.ndarray:
        """b (n,) at the checkpoint shown, float64."""
        return self.b_hist[self.t].astype(np.float64)

    @property
    def loss(self) -> float:
        return float(self.loss_hist[self.t])

    @property
    def step(self) -> int:
        return int(self.steps[self.t])


def from_run(run, k: int, order: np.ndarray, stages: dict, shown: str, in_shape: int = 0) -> Specimen:
    """Seed k (its position) of a batched `Run` as a `Specimen`, its features relabelled by `order`."""
    W, b = relabel(order, run.W_hist[k], run.b_hist[k])
    return Specimen(seed=int(run.seeds[k]), index=int(k), batch=int(run.K), order=np.asarray(order),
                    steps=run.steps, W_hist=W, b_hist=b, loss_hist=run.loss_hist[k], stages=dict(stages),
                    shown=shown, in_shape=int(in_shape))


def symmetric_failure(run, near_step: int, search: int | None = None) -> Specimen:
    """The most typical seed in the Symmetric Failure shape (exactly one dead feature) at the recorded
    checkpoint nearest `near_step`, among the first `search` seeds of the batch (default: all); most
    typical: its loss closest to the median loss of those seeds there. Symmetric Failure is a plateau
    that ends in recovery under the engine's defaults, so the checkpoint must lie on it; raises
    ValueError when no seed searched is in the shape. The unlearnt feature has no direction there:
    the learnt ones are numbered counter-clockwise from the top."""
    t = int(np.argmin(np.abs(run.steps - near_step)))
    ok = symmetric_failure_shape(run.W_hist[:, t], run.b_hist[:, t])   # the post's shape: one dead feature
    idx = np.where(ok[:search])[0]
    if not idx.size:
        raise ValueError(f"no seed of {len(ok[:search])} is in the Symmetric Failure shape at step {run.steps[t]}; "
                         "choose a checkpoint on the plateau or search more seeds")
    loss = run.loss_hist[idx, t]
    k = int(idx[np.argsort(np.abs(loss - np.median(loss)), kind="stable")[0]])
    return from_run(run, k, order_features(run.W_hist[k, t]), {"symmetric_failure": t}, "symmetric_failure",
                    in_shape=int(ok.sum()))
