"""Colour arithmetic for the themes: WCAG contrast, CIELAB, CIEDE2000 and colour-vision deficiency.

- Contrast is WCAG 2's ratio of relative luminances, (L₁ + 0.05) / (L₂ + 0.05), from 1 to 21.
- Colour-vision deficiency is simulated with Machado, Oliveira & Fernandes (2009), "A physiologically-
  based model for simulation of color vision deficiency" (IEEE TVCG 15(6)), at severity 1.0: a 3×3
  matrix applied to linear RGB, one per dichromacy (protanopia, deuteranopia, tritanopia).
- Distances are CIEDE2000 (Sharma, Wu & Dalal 2005) in CIELAB under D65.

Colours are sRGB triples in [0, 1] (matplotlib's `to_rgb` gives them from any colour name).
"""
from __future__ import annotations

import numpy as np

GRAPHICS_CONTRAST = 3.0   # WCAG 2.1's minimum contrast for graphics and their parts (SC 1.4.11)
MACHADO = {   # severity 1.0, applied to linear RGB
    "protan": np.array([[0.152286, 1.052583, -0.204868],
                        [0.114503, 0.786281, 0.099216],
                        [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968],
                        [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779],
                        [-0.078411, 0.930809, 0.147602],
                        [0.004733, 0.691367, 0.303900]]),
}
_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],    # linear sRGB → XYZ (D65)
                 [0.2126729, 0.7151522, 0.0721750],
                 [0.0193339, 0.1191920, 0.9503041]])
_WHITE = _XYZ.sum(axis=1)


def to_linear(rgb) -> np.ndarray:
    c = np.asarray(rgb, np.float64)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def to_srgb(linear) -> np.ndarray:
    c = np.clip(np.asarray(linear, np.float64), 0.0, 1.0)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)


def luminance(rgb) -> float:
    """WCAG relative luminance."""
    return float(to_linear(rgb) @ _XYZ[1])


def contrast(a, b) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)))
    return (lb + 0.05) / (la + 0.05)


def simulate(rgb, kind: str) -> np.ndarray:
    """How `rgb` looks to a dichromat of `kind` ("protan", "deutan", "tritan"), as sRGB."""
    return to_srgb(MACHADO[kind] @ to_linear(rgb))


def to_lab(rgb) -> np.ndarray:
    t = (_XYZ @ to_linear(rgb)) / _WHITE
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def from_lab(lab) -> np.ndarray:
    """sRGB of a CIELAB colour, clipped to the gamut."""
    L, a, b = lab
    fy = (L + 16) / 116
    f = np.array([fy + a / 500, fy, fy - b / 200])
    t = np.where(f > 6 / 29, f ** 3, 3 * (6 / 29) ** 2 * (f - 4 / 29))
    return to_srgb(np.linalg.solve(_XYZ, t * _WHITE))


def delta_e(c1, c2) -> float:
    """CIEDE2000 colour difference of two sRGB colours (about 2.3 is just noticeable)."""
    return delta_e_lab(to_lab(c1), to_lab(c2))


def delta_e_lab(lab1, lab2) -> float:
    """CIEDE2000 difference of two CIELAB colours."""
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    C_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    G = 0.5 * (1 - np.sqrt(C_bar ** 7 / (C_bar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + G) * a1, (1 + G) * a2
    C1p, C2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dLp, dCp = L2 - L1, C2p - C1p
    dh = h2p - h1p
    if C1p * C2p == 0:
        dh = 0.0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    dHp = 2 * np.sqrt(C1p * C2p) * np.sin(np.radians(dh / 2))
    Lbp, Cbp = (L1 + L2) / 2, (C1p + C2p) / 2
    if C1p * C2p == 0:
        hbp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbp = (h1p + h2p) / 2
    else:
        hbp = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    T = (1 - 0.17 * np.cos(np.radians(hbp - 30)) + 0.24 * np.cos(np.radians(2 * hbp))
         + 0.32 * np.cos(np.radians(3 * hbp + 6)) - 0.20 * np.cos(np.radians(4 * hbp - 63)))
    d_theta = 30 * np.exp(-(((hbp - 275) / 25) ** 2))
    Rc = 2 * np.sqrt(Cbp ** 7 / (Cbp ** 7 + 25 ** 7))
    Sl = 1 + 0.015 * (Lbp - 50) ** 2 / np.sqrt(20 + (Lbp - 50) ** 2)
    Sc, Sh = 1 + 0.045 * Cbp, 1 + 0.015 * Cbp * T
    Rt = -np.sin(np.radians(2 * d_theta)) * Rc
    return float(np.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2
                         + Rt * (dCp / Sc) * (dHp / Sh)))


def worst_difference(colors) -> float:
    """The smallest CIEDE2000 difference between neighbouring colours of `colors` (in order), for
    normal vision and each simulated dichromacy."""
    views = [lambda c: np.asarray(c, np.float64)] + [lambda c, k=k: simulate(c, k) for k in MACHADO]
    return min(delta_e(view(a), view(b)) for view in views for a, b in zip(colors, colors[1:]))
