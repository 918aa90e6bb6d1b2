"""Is recovery chaotic? Outcome maps over two axes, zooms into their boundaries, and Lyapunov exponents
over the same plane (issue 23; optimization-failure.md, "Asymmetric Recovery is Chaotic").

A `Plane` is a family of starting states with a learning rate: "constructed" is the post's chaos
experiment (the hand-built Symmetric Failure of `constructed_asymmetry` with b₁ and b₆ raised by δ,
where every run starts with W₇ dead), "plain" mixes two random initialisations W = cos α·W_a +
sin α·W_b (b = 0), where a run may never lose a feature. A `Window` is a rectangle of (x, log₁₀ lr)
sampled at pixel centres; `outcome_map` trains one seed per pixel (the engine's batched kernel, a
learning rate per seed) and keeps per pixel the outcome label, whether every feature is learnt at
the end, whether a feature was ever dead after the start, and the splay Σⱼ‖Wⱼ‖.

The two boundaries: "learnt" (every feature learnt at step T vs still failed) and "perfect" (no
feature ever dead vs ever failed). On the constructed plane every run starts with a dead feature, so
only "learnt" exists there; the "perfect" boundary is measured on the plain plane.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field, replace

import numpy as np

from .analysis import LABELS, dead_features, history_masks, outcomes
from .config import PRECISIONS, ToyConfig
from .experiments import constructed_asymmetry
from .geometry import splay
from .history import checkpoint_steps
from . import lyapunov
from .data import init_weights
from .train import train

PLANES = ("constructed", "plain")
BOUNDARIES = {"learnt": "constructed", "perfect": "plain"}   # which plane each boundary is measured on
CHUNK = 65_536          # seeds per batched run: bounds the recorded history's memory (~50 MB)


@dataclass(frozen=True)
class Plane:
    """Starting states × learning rate. x is δ (constructed) or α in radians (plain)."""
    kind: str = "constructed"
    n: int = 7
    steps: int = 5000             # T, as in the post's chaos sweep
    optimizer: str = "adamw"
    seed: int = 0                 # plain: W_a, W_b are the engine's initial weights of seeds seed, seed + 1

    def __post_init__(self):
        if self.kind not in PLANES:
            raise ValueError(f"unknown plane {self.kind!r}; choose one of {', '.join(PLANES)}")
        if self.steps < 1 or self.n < 3:
            raise ValueError("a plane needs steps >= 1 and n >= 3")

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """The level-0 window (x0, x1, log lr0, log lr1): δ ∈ [0, 0.05] as in the post, α ∈ [0, π/2]."""
        return (0.0, 0.05, -4.0, -1.0) if self.kind == "constructed" else (0.0, math.pi / 2, -4.0, -1.0)

    @property
    def x_name(self) -> str:
        return "δ" if self.kind == "constructed" else "α"

    @property
    def record(self) -> np.ndarray:
        """The steps at which a run's state is recorded for its outcome label: 0, T and 12 log-spaced."""
        return checkpoint_steps(self.steps, 12)

    def toy_config(self, n_seeds: int, precision: str = "float32") -> ToyConfig:
        return ToyConfig(n=self.n, n_seeds=n_seeds, steps=self.steps, optimizer=self.optimizer, precision=precision)

    def starts(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Initial W (K, 2, n), b (K, n) in float64 for the plane coordinates x (K,)."""
        x = np.asarray(x, np.float64)
        if self.kind == "constructed":
            W, b = constructed_asymmetry(self.n)
            bump = constructed_asymmetry(self.n, delta_b=1.0)[1] - b          # 1 at b₁ and b₆
            return np.broadcast_to(W, (len(x),) + W.shape).copy(), b + x[:, None] * bump
        Wab, _ = init_weights(ToyConfig(n=self.n, n_seeds=2, seed=self.seed))
        Wab = Wab.astype(np.float64)
        W = np.cos(x)[:, None, None] * Wab[0] + np.sin(x)[:, None, None] * Wab[1]
        return W, np.zeros((len(x), self.n))


@dataclass(frozen=True)
class Window:
    """A rectangle of the plane sampled at side × side pixel centres; rows run up in log₁₀ lr."""
    plane: Plane = field(default_factory=Plane)
    x0: float = 0.0
    x1: float = 0.05
    y0: float = -4.0              # log₁₀ learning rate
    y1: float = -1.0
    side: int = 256
    precision: str = "float32"

    def __post_init__(self):
        if not (self.x1 > self.x0 and self.y1 > self.y0):
            raise ValueError("a window needs x1 > x0 and y1 > y0")
        if self.side < 8:
            raise ValueError(f"a map needs at least 8 × 8 pixels (got {self.side})")
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}; choose one of {', '.join(PRECISIONS)}")
        if self.y1 > 1.0:
            raise ValueError("learning rates above 10 diverge at once; keep log10 lr <= 1")

    @classmethod
    def level0(cls, plane: Plane, side: int, precision: str = "float32") -> "Window":
        x0, x1, y0, y1 = plane.extent
        return cls(plane, x0, x1, y0, y1, side, precision)

    def zoom(self, cx: float, cy: float, factor: float) -> "Window":
        """The window `factor` times smaller, centred on (cx, log₁₀ lr = cy)."""
        hx, hy = (self.x1 - self.x0) / (2 * factor), (self.y1 - self.y0) / (2 * factor)
        return replace(self, x0=cx - hx, x1=cx + hx, y0=cy - hy, y1=cy + hy)

    def axes(self) -> tuple[np.ndarray, np.ndarray]:
        """Pixel centres: x (side,), log₁₀ lr (side,)."""
        u = (np.arange(self.side) + 0.5) / self.side
        return self.x0 + u * (self.x1 - self.x0), self.y0 + u * (self.y1 - self.y0)

    def pixels(self) -> tuple[np.ndarray, np.ndarray]:
        """Every pixel's plane coordinate x and learning rate, (side²,) each, row-major with rows in
        increasing lr: the exact float64 inputs of its run (the playground is handed these bits)."""
        xs, ys = self.axes()
        X, Y = np.meshgrid(xs, ys)                                  # row i: lr ys[i]
        return X.ravel(), 10.0 ** Y.ravel()


def outcome_map(win: Window, progress=None) -> dict:
    """Train one seed per pixel of `win` for `plane.steps` steps; per pixel (side, side), rows = lr:
    "code" (index in LABELS), "learnt", "ever_dead", "splay"; plus the axes and training seconds.
    `progress(k)` is called with the number of seeds finished after each chunk."""
    xs, ys = win.axes()
    x_flat, lr_flat = win.pixels()
    K = x_flat.size
    out = {"code": np.empty(K, np.uint8), "learnt": np.empty(K, bool), "ever_dead": np.empty(K, bool),
           "splay": np.empty(K, np.float32)}
    seconds = 0.0
    record = win.plane.record
    for a in range(0, K, CHUNK):
        sl = slice(a, min(K, a + CHUNK))
        W0, b0 = win.plane.starts(x_flat[sl])
        run = train(win.plane.toy_config(sl.stop - a, win.precision), init=(W0, b0), lr=lr_flat[sl], record=record)
        seconds += run.seconds
        dead, _, finite = masks = history_masks(run.W_hist, run.b_hist)
        labels = outcomes(run.W_hist, run.b_hist, run.loss, masks=masks)
        finite = finite[:, -1]                                        # finite up to the end
        out["code"][sl] = _codes(labels)
        out["learnt"][sl] = finite & ~dead[:, -1].any(axis=1)
        out["ever_dead"][sl] = ~finite | dead[:, 1:].any(axis=(1, 2))
        with np.errstate(invalid="ignore"):
            out["splay"][sl] = splay(run.W)
        if progress is not None:
            progress(sl.stop - a)
    side = win.side
    return {**{k: v.reshape(side, side) for k, v in out.items()}, "x": xs, "log_lr": ys,
            "seconds": np.float64(seconds), "seed_steps": np.int64(K * win.plane.steps)}


def _codes(labels: np.ndarray) -> np.ndarray:
    """Label strings → their index in LABELS (uint8)."""
    code = np.zeros(labels.shape, np.uint8)
    for i, name in enumerate(LABELS):
        code[labels == name] = i
    return code


def outcome_map_cached(win: Window, progress=None) -> dict:
    """`outcome_map` through the run cache (keyed on the window, its plane and the engine source)."""
    from .. import runs
    return runs.cached(win, lambda: outcome_map(win, progress), engine="toy")


def field_of(result: dict, boundary: str) -> np.ndarray:
    """The binary image whose edges are the boundary: "learnt" or "perfect" (= never dead)."""
    if boundary not in BOUNDARIES:
        raise ValueError(f"unknown boundary {boundary!r}; choose one of {', '.join(BOUNDARIES)}")
    return result["learnt"] if boundary == "learnt" else ~result["ever_dead"]


@dataclass(frozen=True)
class ZoomConfig:
    """Zoom ×`factor` per level into `points` boundary pixels of level 0, drawn by a seeded draw."""
    boundary: str = "learnt"
    points: int = 5
    levels: int = 3               # level 0 (the whole plane) … levels − 1
    factor: float = 10.0
    side: int = 256
    precision: str = "float32"
    seed: int = 0
    steps: int = 5000

    def __post_init__(self):
        if self.boundary not in BOUNDARIES:
            raise ValueError(f"unknown boundary {self.boundary!r}; choose one of {', '.join(BOUNDARIES)}")
        if self.points < 1 or self.levels < 1 or self.factor <= 1:
            raise ValueError("a zoom needs points >= 1, levels >= 1 and a factor above 1")
        if self.side < 2 * self.factor:   # a level must reach the boundary pixel's neighbour of the level above
            raise ValueError(f"a zoom ×{self.factor:g} needs at least {2 * self.factor:g} pixels per side (got {self.side})")

    @property
    def plane(self) -> Plane:
        return Plane(BOUNDARIES[self.boundary], steps=self.steps)

    def level0(self) -> Window:
        return Window.level0(self.plane, self.side, self.precision)


def boundary_pixels(result: dict, boundary: str) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols) of the pixels of an outcome map where `boundary` runs (`fractal.boundary`)."""
    from .fractal import boundary as edges
    return np.nonzero(edges(field_of(result, boundary)))


def zoom_centres(zc: ZoomConfig, level0: dict) -> np.ndarray:
    """(points, 2) plane coordinates (x, log₁₀ lr) of boundary pixels of level 0, drawn without
    replacement by `numpy.random.default_rng(zc.seed)` (never chosen by hand)."""
    rows, cols = boundary_pixels(level0, zc.boundary)
    if rows.size == 0:
        raise ValueError(f"level 0 has no {zc.boundary!r} boundary pixel to zoom into")
    pick = np.random.default_rng(zc.seed).choice(rows.size, size=min(zc.points, rows.size), replace=False)
    return np.stack([level0["x"][cols[pick]], level0["log_lr"][rows[pick]]], axis=1)


def nearest_boundary_pixel(result: dict, boundary: str) -> tuple[float, float] | None:
    """(x, log₁₀ lr) of the boundary pixel of an outcome map nearest its centre (ties: the first in
    row-major order), or None where the map has no boundary pixel."""
    rows, cols = boundary_pixels(result, boundary)
    if rows.size == 0:
        return None
    mid = (len(result["x"]) - 1) / 2
    k = int(np.argmin((rows - mid) ** 2 + (cols - mid) ** 2))
    return float(result["x"][cols[k]]), float(result["log_lr"][rows[k]])


def zoom_windows(zc: ZoomConfig, level0: dict, points: int | None = None, progress=None) -> list[list[Window]]:
    """windows[p][L]: point p at level L. Level 0 is the whole plane; level 1 is centred on the p-th
    boundary pixel drawn from level 0 (`zoom_centres`), and every deeper level on the boundary pixel of
    the level above nearest that level's centre (`nearest_boundary_pixel`). A fixed centre would lose
    the boundary as soon as a window is narrower than a level-0 pixel (the boundary runs somewhere
    between two pixel centres); re-centring keeps each level on the boundary as the level above
    resolves it (a level spans side / factor ≥ 2 pixels of the level above, so it reaches the boundary
    pixel's neighbour, and the boundary lies between the two). So every level but the last is computed
    here (cached); a level without a boundary pixel keeps its centre for the next."""
    base = zc.level0()
    rows = []
    for cx, cy in zoom_centres(zc, level0)[:points]:
        row = [base]
        for L in range(1, zc.levels):
            if L > 1:
                cx, cy = nearest_boundary_pixel(outcome_map_cached(row[-1], progress), zc.boundary) or (cx, cy)
            row.append(base.zoom(cx, cy, zc.factor ** L))
        rows.append(row)
    return rows


def zoom_series(zc: ZoomConfig, progress=None) -> dict:
    """Every level of every point (cached per window), and the box-counting dimension of each image.
    Returns {"centres": (P, 2) level-0 draws, "dims": (P, levels), "windows": [[Window]], "images": [[field]]}."""
    from .fractal import box_dimension, boundary
    level0 = outcome_map_cached(zc.level0(), progress)
    centres = zoom_centres(zc, level0)
    windows = zoom_windows(zc, level0, progress=progress)
    images = [[field_of(level0 if L == 0 else outcome_map_cached(w, progress), zc.boundary)
               for L, w in enumerate(row)] for row in windows]
    dims = np.array([[box_dimension(boundary(img)) for img in row] for row in images])
    return {"centres": centres, "dims": dims, "windows": windows, "images": images}


def preset(quality) -> dict:
    """What the site shows at a quality (one place): map and zoom sides, zoom levels and points, the
    Lyapunov grid's side and the number of plain seeds. Only sizes change with quality, never T."""
    name = getattr(quality, "name", quality)
    return {"smoke": dict(map_side=32, zoom_side=32, levels=2, points=5, lyap_side=8, plain_seeds=8),
            "preview": dict(map_side=256, zoom_side=256, levels=3, points=5, lyap_side=32, plain_seeds=256),
            "final": dict(map_side=1024, zoom_side=1024, levels=5, points=5, lyap_side=64, plain_seeds=1024)}[name]


def zoom_config(boundary: str, quality) -> ZoomConfig:
    """The zoom series the site shows for a boundary, in float64 at every level."""
    p = preset(quality)
    return ZoomConfig(boundary=boundary, points=p["points"], levels=p["levels"], side=p["zoom_side"],
                      precision="float64")


@dataclass(frozen=True)
class LyapunovConfig:
    """Twin-run exponents over a side × side grid of a plane (float64, `toyviz.toy.lyapunov`)."""
    plane: Plane = field(default_factory=Plane)
    side: int = 32
    every: int = 10               # steps between renormalisations
    d0: float = 1e-8              # twin distance (whole-state norm)
    skip: int = 200               # steps left out at the start: the twin aligns with the fastest direction
    recovery: int = 1000          # the recovery window: this many steps from the escape on
    seed: int = 0

    def __post_init__(self):
        if self.side < 2 or self.every < 1 or not (0 < self.d0 < 1e-3):
            raise ValueError("Lyapunov grid: side >= 2, every >= 1 and 0 < d0 < 1e-3")


def _dead_count(n: int):
    def observe(x):
        W, _ = lyapunov.unpack(x, 2, n)
        return dead_features(W).sum(axis=-1)
    return observe


def exponents(config: ToyConfig, W0: np.ndarray, b0: np.ndarray, lr: np.ndarray, lc: LyapunovConfig,
              progress=None) -> dict:
    """Finite-time exponents of the training map from starts W0 (K, 2, n), b0 (K, n), lr (K,):
    during the plateau (a feature dead, after `skip` steps, before the escape) and during the
    recovery (the `recovery` steps from the escape = the first step after which no feature is dead),
    over the run's last `recovery` steps ("end": where it settles), and "linear", the median over
    the plateau's snapshots of ln ρ(J), J the one-step Jacobian there. NaN where a seed has no such
    window. Per step, natural log."""
    K, n, every = len(lr), config.n, lc.every
    P = 3 * n
    step = lyapunov.toy_step(config, lr)
    x0 = lyapunov.pack(W0, b0)
    intervals = config.steps // every
    keep = np.unique(np.linspace(0, intervals - 1, min(intervals, 64)).astype(int))   # snapshot intervals
    snaps = np.empty((len(keep), K, x0.shape[1]))
    state = {"i": 0}
    observe_dead = _dead_count(n)

    def observe(x):
        i = state["i"]
        state["i"] += 1
        j = np.searchsorted(keep, i)
        if j < len(keep) and keep[j] == i:
            snaps[j] = x
        return observe_dead(x)
    movable, domain = lyapunov.toy_domain(P)
    r = lyapunov.benettin(step, x0, config.steps, every, lc.d0, lc.seed, observe,
                          (lambda: progress(1)) if progress else None, movable, domain)
    dead = r["observed"] > 0                                          # (K, I) at each interval's end
    alive_from = np.flip(np.cumprod(np.flip(~dead, axis=1), axis=1), axis=1).astype(bool)
    escaped = alive_from[:, -1]
    escape = np.where(escaped, np.argmax(alive_from, axis=1), intervals)          # first interval all alive
    i = np.arange(intervals)[None, :]
    plateau = dead & (i >= lc.skip // every) & (i < escape[:, None])
    had_plateau = plateau.any(axis=1)                                  # a seed never dead has no recovery
    recovery = (escaped & had_plateau)[:, None] & (i >= escape[:, None]) & (i < escape[:, None] + lc.recovery // every)
    lam_p = lyapunov.window_exponent(r["log_growth"], plateau, every)
    lam_r = lyapunov.window_exponent(r["log_growth"], recovery, every)
    last = np.broadcast_to(i >= intervals - lc.recovery // every, plateau.shape)
    lam_end = lyapunov.window_exponent(r["log_growth"], last, every)
    # ln ρ(J) at every snapshot, then each seed's median over the snapshots inside its plateau
    rho = np.full((len(keep), K), np.nan)
    for j, i_snap in enumerate(keep):
        on = plateau[:, i_snap]
        if on.any():
            x = snaps[j, on]
            J = lyapunov.jacobian(lyapunov.toy_step(config, lr[on][:, None]), x, (i_snap + 1) * every,
                                  lyapunov.toy_fd_steps(x, P))
            rho[j, on] = lyapunov.log_spectral_radius(J)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)              # seeds without a plateau: NaN
        lam_lin = np.nanmedian(rho, axis=0)
    return {"plateau": lam_p, "recovery": lam_r, "end": lam_end, "linear": lam_lin, "escape_step": np.where(escaped, escape * every, -1)}


def lyapunov_grid(lc: LyapunovConfig, progress=None) -> dict:
    """`exponents` at every pixel centre of the level-0 window of `lc.plane`, images (side, side)."""
    win = Window.level0(lc.plane, lc.side)
    xs, ys = win.axes()
    x, lr = win.pixels()
    W0, b0 = lc.plane.starts(x)
    res = exponents(lc.plane.toy_config(x.size), W0, b0, lr, lc, progress)
    return {**{k: v.reshape(lc.side, lc.side) for k, v in res.items()}, "x": xs, "log_lr": ys}


def lyapunov_grid_cached(lc: LyapunovConfig, progress=None) -> dict:
    from .. import runs
    return runs.cached(lc, lambda: lyapunov_grid(lc, progress), engine="toy")


@dataclass(frozen=True)
class PlainLyapunovConfig:
    """Exponents of plain seeds: the engine's random initialisation at one learning rate."""
    n_seeds: int = 256
    steps: int = 25_000
    lr: float = 1e-3
    lyap: LyapunovConfig = field(default_factory=LyapunovConfig)


def plain_exponents(pc: PlainLyapunovConfig, progress=None) -> dict:
    config = ToyConfig(n_seeds=pc.n_seeds, steps=pc.steps, lr=pc.lr)
    W0, b0 = init_weights(config)
    return exponents(config, W0, b0, np.full(pc.n_seeds, pc.lr), pc.lyap, progress)


def plain_exponents_cached(pc: PlainLyapunovConfig, progress=None) -> dict:
    from .. import runs
    return runs.cached(pc, lambda: plain_exponents(pc, progress), engine="toy")


# --- summaries: the numbers the command prints and the claims quote ---------------------------------

def map_summary(result: dict) -> dict:
    """Counts per label, the share learnt / never dead, and each boundary's pixels and dimension."""
    from .fractal import box_dimension, boundary
    code = result["code"].ravel()
    out = {"pixels": int(code.size), "outcomes": {name: int((code == i).sum()) for i, name in enumerate(LABELS)},
           "learnt_share": float(result["learnt"].mean()), "never_dead_share": float((~result["ever_dead"]).mean()),
           "seconds": float(result["seconds"]), "seed_steps": int(result["seed_steps"]),
           "seed_steps_per_second": float(result["seed_steps"] / max(float(result["seconds"]), 1e-9))}
    for name in BOUNDARIES:
        edge = boundary(field_of(result, name))
        out[f"{name}_boundary_pixels"] = int(edge.sum())
        out[f"{name}_dimension"] = box_dimension(edge)
    return out


def zoom_summary(series: dict, zc: ZoomConfig) -> dict:
    """Every point and level (window, dimension) and, per level, the mean dimension with a 95 %
    t-interval over the points."""
    from .fractal import interval
    points = [{"x": float(cx), "log10_lr": float(cy),
               "levels": [{"level": L, "x0": w.x0, "x1": w.x1, "log10_lr0": w.y0, "log10_lr1": w.y1,
                           "dimension": float(series["dims"][p, L])} for L, w in enumerate(series["windows"][p])]}
              for p, (cx, cy) in enumerate(series["centres"])]
    # level 0 is one image shared by every point: one value, no interval
    levels = [{"level": L, "zoom": zc.factor ** L, **interval(series["dims"][:1 if L == 0 else None, L])}
              for L in range(zc.levels)]
    return {"boundary": zc.boundary, "plane": zc.plane.kind, "side": zc.side, "precision": zc.precision,
            "seed": zc.seed, "points": points, "levels": levels}


def lyapunov_summary(res: dict) -> dict:
    """Median and quartiles of each exponent and of the excess over the linearised map, and the
    share of seeds whose excess is positive (NaN windows left out)."""
    def stats(v):
        v = np.asarray(v, np.float64).ravel()
        v = v[np.isfinite(v)]
        if v.size == 0:
            return {"median": None, "q25": None, "q75": None, "count": 0, "positive_share": None}
        q = np.quantile(v, [0.25, 0.5, 0.75])
        return {"median": float(q[1]), "q25": float(q[0]), "q75": float(q[2]), "count": int(v.size),
                "positive_share": float((v > 0).mean())}
    return {"plateau": stats(res["plateau"]), "recovery": stats(res["recovery"]), "end": stats(res["end"]),
            "linear": stats(res["linear"]), "plateau_excess": stats(res["plateau"] - res["linear"]),
            "recovery_excess": stats(res["recovery"] - res["linear"])}
