"""Configs for the ICA engine, and the post's experiments E1–E6.3 as named presets.

The post ("ICA vs SAEs", Experiment Log) uses one letter, λ, for two different things. Here they are
two fields: `DataConfig.rate` is the exponential's *rate* in the data (0.5, so a mean of 2), and
`ICAConfig.prior_scale` is the prior's *scale* in the MAP objective
‖x − As‖²/(2σ²) + ‖s‖₁/λ_prior, whose gradient gives z = −sign(ŝ)/λ_prior in the update.
Every preset is a small override of `BASE` that says why it differs.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

SOURCES = ("exponential", "laplace")
PRIORS = ("exponential", "laplace")
SCHEDULES = ("constant", "warmup_cosine")
INITS = ("perturbed", "random", "spread")
RULES = ("final", "likelihood", "oracle")  # which A a run reports (see `selection`)

ANGLES_3 = (90.0, 210.0, 330.0)        # three sources, evenly spaced (the L&S "Examples" picture)
ANGLES_4 = (20.0, 75.0, 190.0, 300.0)  # four sources, irregularly spaced (post E6.2)


@dataclass(frozen=True)
class DataConfig:
    """x = A_true s + ε with unit columns of A_true at `angles` (degrees)."""
    angles: tuple[float, ...] = ANGLES_3  # true source directions; k_true = len(angles)
    source: str = "exponential"  # "exponential": s ≥ 0; "laplace": signed, |s| exponential
    rate: float = 0.5            # λ_data: the exponential's rate (mean 1/rate = 2, as in the post's E1)
    n_points: int = 1000         # data points per seed
    noise: float = 0.0           # std of the Gaussian ε added to x (post E4.2 tried 0.05)
    archetypes: bool = False     # one point per source, x_i = mean · A_true[:, i] (post E4.3, E6.2)

    def __post_init__(self):
        if len(self.angles) < 1:
            raise ValueError("need at least one source direction (k ≥ 1)")
        if self.source not in SOURCES:
            raise ValueError(f"unknown source {self.source!r}; choose from {', '.join(SOURCES)}")
        if not self.rate > 0:
            raise ValueError(f"the data's rate λ_data must be > 0, got {self.rate}")
        if self.n_points < 1:
            raise ValueError(f"n_points must be ≥ 1, got {self.n_points}")
        if not self.noise >= 0:
            raise ValueError(f"noise std must be ≥ 0, got {self.noise}")

    @property
    def k_true(self) -> int:
        return len(self.angles)


@dataclass(frozen=True)
class ICAConfig:
    """Lewicki & Sejnowski's update ΔA = −A(z ŝᵀ + I), with every switch the post tried."""
    data: DataConfig = field(default_factory=DataConfig)
    columns: int = 0             # learned columns k; 0 means k_true (6 or 8 for over-provisioning)
    prior: str = "exponential"   # MAP prior: "exponential" keeps ŝ ≥ 0, "laplace" lets it be signed
    prior_scale: float = 0.5     # λ_prior in ‖s‖₁/λ_prior and z = −sign(ŝ)/λ_prior (post reuses 0.5)
    sigma: float = 0.1           # σ of the likelihood ‖x − As‖²/(2σ²) in the MAP objective
    lr: float = 0.02             # α, the peak learning rate
    steps: int = 400             # updates of A (full batch)
    schedule: str = "constant"   # or "warmup_cosine": 10 % linear warm-up, then cosine to 0 (post E6)
    normalise: bool = False      # left-multiply the update by (AAᵀ)⁻¹ (post E4.3)
    equal_norms: bool = False    # rescale columns to their mean norm after each step (Olshausen & Field)
    init: str = "perturbed"      # "perturbed" A_true, "random" Gaussian, or "spread" (evenly spaced)
    init_noise: float = 0.3      # std of the perturbation added to A_true (init="perturbed")
    select: str = "final"        # which A to report: "final", "likelihood" (the model's own criterion,
                                 # across steps and restarts) or "oracle" (least angle error: the post's E6)
    restarts: int = 1            # restarts per seed, same data, other initial A, trained in one batch
    record_every: int = 0        # keep ŝ every this many steps (0: about 100 frames)
    record_terms: bool = False   # keep per-point update terms −Azŝᵀ, −A(zŝᵀ+I) (small data only)
    path_steps: int = 0          # keep this many iterates of the post's gradient descent for ŝ (E2)
    seeds: tuple[int, ...] = (0,)  # one run per seed, batched; arrays put the seed axis first

    def __post_init__(self):
        if self.columns < 0:
            raise ValueError(f"columns must be ≥ 1 (or 0 for k_true), got {self.columns}")
        if self.prior not in PRIORS:
            raise ValueError(f"unknown prior {self.prior!r}; choose from {', '.join(PRIORS)}")
        if not self.prior_scale > 0:
            raise ValueError(f"the prior's scale λ_prior must be > 0, got {self.prior_scale}")
        if not self.sigma > 0:
            raise ValueError(f"σ must be > 0, got {self.sigma}")
        if not self.lr >= 0:
            raise ValueError(f"learning rate must be ≥ 0, got {self.lr}")
        if self.steps < 0:
            raise ValueError(f"steps must be ≥ 0, got {self.steps}")
        if self.schedule not in SCHEDULES:
            raise ValueError(f"unknown schedule {self.schedule!r}; choose from {', '.join(SCHEDULES)}")
        if self.init not in INITS:
            raise ValueError(f"unknown init {self.init!r}; choose from {', '.join(INITS)}")
        if len(self.seeds) < 1:
            raise ValueError("need at least one seed")
        if self.select not in RULES:
            raise ValueError(f"unknown selection rule {self.select!r}; choose from {', '.join(RULES)}")
        if self.restarts < 1:
            raise ValueError(f"restarts must be ≥ 1, got {self.restarts}")
        if self.record_terms and self.data.n_points * self.k * self.n_records > 5_000_000:
            raise ValueError("record_terms keeps (records, points, 2, k) arrays: use fewer points or records")

    @property
    def k(self) -> int:
        return self.columns or self.data.k_true

    @property
    def every(self) -> int:
        return self.record_every or max(1, self.steps // 100)

    @property
    def n_records(self) -> int:
        return self.steps // self.every + 1

    @property
    def nonneg(self) -> bool:
        return self.prior == "exponential"


def with_data(config, **changes):
    """`config` with some `DataConfig` fields replaced (e.g. angles from the command line)."""
    return dataclasses.replace(config, data=dataclasses.replace(config.data, **changes))


# --- the post's experiments -------------------------------------------------------------------
R = dataclasses.replace
BASE = ICAConfig()
ARCHETYPES_3 = DataConfig(archetypes=True, n_points=3)
ARCHETYPES_4 = DataConfig(angles=ANGLES_4, archetypes=True, n_points=4)
FULL_4 = DataConfig(angles=ANGLES_4)
BEST_EFFORT = R(BASE, normalise=True, equal_norms=True, schedule="warmup_cosine", init="spread",
                select="likelihood", lr=0.5, steps=600)

EXPERIMENTS: dict[str, ICAConfig] = {
    # E1: the exponential data set alone (no training): the picture of x = A s
    "E1": R(BASE, steps=0),
    # E2: ŝ for a fixed (perturbed) A by the post's projected gradient descent, iterates kept
    "E2": R(BASE, steps=0, path_steps=60, data=R(BASE.data, n_points=200)),
    # E3: the raw update from a perturbed A_true: the post's "perfect" learning
    "E3": R(BASE, steps=50),
    # E3: the same update run long at a constant rate: the run-away regime
    "E3-runaway": R(BASE, steps=2000),
    # E3: random initialisation
    "E3-random": R(BASE, init="random", steps=1500),
    # E4.1: signed (Laplace) data and prior: columns should fail to align
    "E4.1": R(BASE, prior="laplace", data=R(BASE.data, source="laplace"), steps=1500),
    # E4.2: Gaussian noise σ = 0.05 added to x: does not stop the error from rising
    "E4.2": R(BASE, data=R(BASE.data, noise=0.05), steps=2000),
    # E4.3: the three-archetype data set, raw update (the update-arrow video before normalisation)
    "E4.3-raw": R(BASE, data=ARCHETYPES_3, lr=0.05, steps=300, record_every=1, record_terms=True),
    # E4.3: the same with the update left-multiplied by (AAᵀ)⁻¹
    "E4.3": R(BASE, data=ARCHETYPES_3, normalise=True, lr=0.05, steps=600, record_every=1,
              record_terms=True),
    # E4.3: normalised update on the full data set: still fails eventually
    "E4.3-full": R(BASE, normalise=True, lr=0.5, steps=3000),
    # E5: understanding the update: per-point terms on the archetypes, from a random start
    "E5": R(BASE, data=ARCHETYPES_3, init="random", lr=0.05, steps=200, record_every=1,
            record_terms=True),
    # E6.1: best effort, full data, 3 sources
    "E6.1": BEST_EFFORT,
    # E6.2: best effort, 4 irregular archetypes
    "E6.2-archetypes": R(BEST_EFFORT, data=ARCHETYPES_4),
    # E6.2: best effort, 4 irregular sources, full data (the post: learnt features are off)
    "E6.2": R(BEST_EFFORT, data=FULL_4),
    # E6.3: over-provisioned: 3 true sources, 6 and 8 columns
    "E6.3-6": R(BEST_EFFORT, columns=6),
    "E6.3-8": R(BEST_EFFORT, columns=8),
}


def experiment(name: str) -> ICAConfig:
    """The preset called `name` (case-insensitive), or a ValueError listing them."""
    for key, config in EXPERIMENTS.items():
        if key.lower() == str(name).lower():
            return config
    raise ValueError(f"unknown experiment {name!r}; choose from {', '.join(EXPERIMENTS)}")
