"""Neuron resampling: the same seeds with and without it, and what it rescues

The post's last section suggests correcting Optimization Failure the way Anthropic's "Towards
Monosemanticity" revives dead neurons: resampling. The engine adapts it to this tied-weight model
(`toyviz.toy.experiments.resample_dead`): a feature is dead when ‖Wᵢ‖ < 0.1 (Anthropic's criterion,
a neuron that never fires, would miss it: a dead feature here has b ≈ 1/n > 0 and fires on every
example), and since W is both encoder and decoder there is one column to reset: it is set to 0.2 ×
the mean learnt length along the bisector of the widest angular gap between learnt features (where
its example e_i would have to sit; a second dead feature of the same seed goes to the next widest
gap), with b_i = 0. We follow `resampling_runs`: n = 7 seeds (1,000 at final
quality) are trained to the resampling step, then both arms restart from those weights with fresh
optimiser moments; the control arm differs only by not being resampled, so the restart itself is
controlled for. Top: AdamW with the engine's defaults, resampled at step 5,000 of 25,000. Bottom:
plain SGD (lr 1e-2), where Symmetric Failure persists, resampled at 25,000 of 100,000. Left: dead
features summed over all seeds against step. Right: where the seeds that were dead at resampling end
up in each arm (hatched: without, solid: with resampling).
"""
from toyviz.plot import plateau, resampling, style
from toyviz.toy import showcase

ID = "beyond/resampling"
KIND = "still"
REPRODUCES = None
FILES = ["resampling.png"]


def build(out, quality):
    seeds = showcase.seed_count(quality, "resampling")
    arms = {w: showcase.resampling_arms(w, seeds) for w in showcase.RESAMPLING}
    with style.figure(2, 2, figsize=(7.2, 7.0), gridspec_kw=dict(width_ratios=(1.1, 1))) as (fig, axes):
        for row, (which, data) in zip(axes, arms.items()):
            resampling.timeline(row[0], data)
            row[0].set_title(f"{plateau.OPT_NAMES[data['optimizer']]} (lr {data['lr']:g}), {seeds:,} seeds",
                             loc="left", fontsize=11)
            counts = resampling.end_bars(row[1], data)
            row[1].set_title(f"end state at step {data['steps']:,}", fontsize=11)
            newly = ", ".join(f"{c['newly_dead']} {'without' if a == 'control' else 'with'}" for a, c in counts.items())
            row[1].set_xlabel(f"{row[1].get_xlabel()}\nnewly dead at the end: {newly}")
        resampling.legend(fig)
        fig.tight_layout()
        style.save(fig, out / FILES[0], quality)
