"""The toy ReLU autoencoder y = ReLU(WᵀW x + b) of optimization-failure.md: a batched trainer (numba
fast path, torch reference), outcome analysis, latent geometry, the post's forces and experiments.

Arrays put the seed axis first: W (K, m, n), b (K, n). See docs/engines/toy.md for the conventions.
"""
from .analysis import (FAILURES, LABEL_NAMES, LABELS, Tolerances, angle_gaps, circles, dead_features, feature_norms, find_seeds,
                       history_masks, outcome_counts, outcomes, outcomes_at, radii, recovery_steps, seed_summaries,
                       symmetric_failure_shape, symmetric_shape)
from .config import POST_N6, POST_N7, ToyConfig
from .data import identity_data, init_weights, lr_multipliers, sparse_data
from .history import Run, batch_loss, checkpoint_steps
from .train import train, train_cached
from . import experiments, forces, geometry, recovery, showcase, specimen

__all__ = [
    "ToyConfig", "POST_N6", "POST_N7", "Run", "train", "train_cached", "checkpoint_steps", "batch_loss",
    "init_weights", "lr_multipliers", "identity_data", "sparse_data",
    "LABELS", "LABEL_NAMES", "FAILURES", "Tolerances", "history_masks", "outcomes", "outcomes_at", "outcome_counts", "find_seeds", "feature_norms", "dead_features",
    "symmetric_failure_shape", "symmetric_shape", "radii", "circles", "angle_gaps", "recovery_steps", "seed_summaries",
    "geometry", "forces", "experiments", "recovery", "showcase", "specimen",
]
