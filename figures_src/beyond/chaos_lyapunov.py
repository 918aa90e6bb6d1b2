"""The Lyapunov map: how fast nearby trainings separate, and how much of it a saddle explains

Benettin's twin-run method in float64 (`toyviz.toy.lyapunov`): each run of the post's chaos plane (δ of
b₁, b₆ × learning rate; 64 × 64 at final quality, 32 × 32 at preview; T = 5,000 AdamW steps) has a twin
displaced by 10⁻⁸ along a random direction of (W, b), renormalised every 10 steps. Top row: the
finite-time exponent per step during the plateau (a feature dead, after the first 200 steps) and the
log spectral radius of the one-step Jacobian of the whole optimiser state (weights and Adam's moments)
there, the growth a plain saddle would give (median over the plateau's snapshots). Bottom left: the excess,
plateau minus linearised, the only part that can count as chaos. Bottom right: plain seeds from the
engine's random initialisation (lr 10⁻³, 25,000 steps; 1,024 at final, 256 at preview): the exponents
during the plateau, the recovery (1,000 steps from the escape) and the run's last 1,000 steps ("end").
"""
import numpy as np

from toyviz.plot import style
from toyviz.toy import chaos

ID = "beyond/chaos_lyapunov"
KIND = "still"
REPRODUCES = None
FILES = ["chaos_lyapunov.png"]


def build(out, quality):
    p = chaos.preset(quality)
    grid = chaos.lyapunov_grid_cached(chaos.LyapunovConfig(side=p["lyap_side"]))
    plain = chaos.plain_exponents_cached(chaos.PlainLyapunovConfig(n_seeds=p["plain_seeds"]))
    x0, x1, y0, y1 = chaos.Plane().extent
    excess = grid["plateau"] - grid["linear"]
    top = np.nanquantile(np.r_[grid["plateau"].ravel(), grid["linear"].ravel()], 0.98)
    with style.figure(2, 2, figsize=(7.4, 6.8), gridspec_kw=dict(hspace=0.5, wspace=0.75)) as (fig, axes):
        panels = [(grid["plateau"], "finite-time exponent, plateau", "magma", 0, top),
                  (grid["linear"], r"linearised: $\ln\rho(J)$, plateau", "magma", 0, top),
                  (excess, "excess = plateau − linearised", "RdBu_r", None, None)]
        for ax, (img, title, cmap, lo, hi) in zip(axes.flat, panels):
            if lo is None:
                m = np.nanquantile(np.abs(excess), 0.98)
                lo, hi = -m, m
            im = ax.imshow(img, origin="lower", extent=(x0, x1, y0, y1), aspect="auto", cmap=cmap, vmin=lo,
                           vmax=hi, interpolation="nearest")
            fig.colorbar(im, ax=ax, fraction=0.08, pad=0.04).set_label("per step", labelpad=2)
            ax.set_title(title, fontsize=11)
            ax.set_xlabel(r"perturbation $\delta$ of $b_1, b_6$")
            ax.set_ylabel(r"$\log_{10}$ learning rate")
        ax = axes[1, 1]
        series = [("plateau", plain["plateau"]), ("linear-\nised", plain["linear"]),
                  ("recovery", plain["recovery"]), ("end", plain["end"])]
        data = [v[np.isfinite(v)] for _, v in series]
        ax.boxplot(data, showfliers=False, widths=0.6)
        for i, v in enumerate(data):
            jitter = np.random.default_rng(i).uniform(-0.18, 0.18, v.size)
            ax.plot(np.full(v.size, i + 1) + jitter, v, ".", ms=2.5, alpha=0.4, color="#3a78c2")
        ax.set_xticks(range(1, len(series) + 1), [f"{name}\n({v.size})" for (name, _), v in zip(series, data)])
        ax.axhline(0, color=style.GUIDE, lw=0.8)
        ax.set_ylabel("exponent per step")
        ax.set_title(f"plain seeds (lr 1e-3), n = {len(plain['plateau'])}", fontsize=11)
        style.save(fig, out / FILES[0], quality)
