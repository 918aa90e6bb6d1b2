"""Argument types of the command line: numbers parsed and range-checked before anything runs.

A count accepts the forms people type (`1000`, `10_000`, `1e4`) but only whole numbers; a float must
be finite and fit in float32 (the kernels' precision). `within` then checks an option's range in the
handler, with a message that names the option. Anything else is one line and exit code 2, never a
MemoryError or OverflowError later.
"""
from __future__ import annotations

import argparse
import math

FLOAT32_MAX = 3.4028234663852886e38
SEED_MAX = 2**32 - 1   # seeds are 32-bit: seed + K − 1 must stay below this


def _number(text: str) -> float | int:
    clean = text.strip().replace("_", "")
    try:
        return int(clean)
    except ValueError:
        pass
    try:
        return float(clean)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def count(text: str) -> int:
    """A whole number (`1000`, `10_000`, `1e4`)."""
    x = _number(text)
    if isinstance(x, float):
        if not math.isfinite(x) or x != int(x):
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
        x = int(x)
    return x


def real(text: str) -> float:
    """A finite number that fits in float32."""
    x = float(_number(text))
    if not math.isfinite(x):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    if abs(x) > FLOAT32_MAX:
        raise argparse.ArgumentTypeError(f"{text} does not fit in float32 (at most {FLOAT32_MAX:.3g})")
    return x


def within(option: str, value, low=None, high=None) -> None:
    """Raise a one-line ValueError unless low ≤ value ≤ high (None: unbounded); None values pass."""
    if value is None:
        return
    if low is not None and value < low:
        raise ValueError(f"{option} must be ≥ {low:,}, got {value:,}")
    if high is not None and value > high:
        raise ValueError(f"{option} must be ≤ {high:,}, got {value:,}")


def seeds_fit(first: int, count_: int) -> None:
    """Seeds first … first + count − 1 must be 32-bit (0 … 2³²−1)."""
    within("--seed", first, 0, SEED_MAX)
    if first + count_ - 1 > SEED_MAX:
        raise ValueError(f"--seed + --seeds − 1 must be ≤ {SEED_MAX:,} (seeds are 32-bit), got {first + count_ - 1:,}")
