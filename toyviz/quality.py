"""Quality names, each vocabulary defined once.

Build qualities (`toyviz figures build --quality`): how big, how smooth and how many samples a figure
is built with. The same figure scripts serve every preset; only resolution, frame rate and sample
counts change, never the science. `smoke` exists for the tests (tiny, fast); `preview` is the default
for local work and CI; `final` is for the hosted site and talks.

Render qualities (`toyviz render` and `toyviz slides --quality`): Manim's own presets, so
`toyviz render -q high` means what `manim -qh` means.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Quality:
    name: str
    dpi: int            # matplotlib stills
    pixel_height: int   # Manim videos (width follows the 16:9 frame)
    fps: int            # Manim videos
    samples: float      # scale for seed counts / data points / steps that only add statistics

    def scaled(self, n: int, minimum: int = 1) -> int:
        """`n` samples scaled to this preset, never below `minimum`."""
        return max(minimum, int(round(n * self.samples)))

    def as_dict(self) -> dict:
        return asdict(self)


PRESETS = {
    "smoke": Quality("smoke", dpi=40, pixel_height=180, fps=6, samples=0.05),
    "preview": Quality("preview", dpi=100, pixel_height=480, fps=15, samples=0.25),
    "final": Quality("final", dpi=200, pixel_height=1080, fps=30, samples=1.0),
}


def _unknown(name: str, choices) -> ValueError:
    return ValueError(f"unknown quality {name!r}; choose one of {', '.join(choices)}")


def get(name: str) -> Quality:
    """The build preset called `name`; a clear `ValueError` otherwise."""
    try:
        return PRESETS[name]
    except KeyError:
        raise _unknown(name, PRESETS) from None


RENDER = {"low": (480, 15), "medium": (720, 30), "high": (1080, 60), "4k": (2160, 60)}   # (pixel height, fps)


def render(name: str, choices=tuple(RENDER)) -> tuple[int, int]:
    """(pixel height, fps) of the render quality `name`, one of `choices`; a clear `ValueError` otherwise."""
    if name not in choices:
        raise _unknown(name, choices)
    return RENDER[name]


def describe(choices=tuple(RENDER), default: str | None = None) -> str:
    """Render qualities for a `--help` line: "low (480p 15 fps), medium (720p 30 fps, the default), …"."""
    return ", ".join(f"{q} ({RENDER[q][0]}p {RENDER[q][1]} fps{', the default' if q == default else ''})"
                     for q in choices)
