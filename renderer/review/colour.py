"""Colour difference as a person sees it: sRGB pixels to CIELAB, compared with CIEDE2000.

The formula is CIE 142-2001 as written out by Sharma, Wu and Dalal (2005), whose test pairs
the tests use. A ΔE00 of about 1 is the smallest difference a trained eye sees side by side;
about 2 to 3 is what a careful reader notices on paper.
"""

from __future__ import annotations

import numpy as np

_XYZ_FROM_LINEAR = np.array([[0.4124564, 0.3575761, 0.1804375],
                             [0.2126729, 0.7151522, 0.0721750],
                             [0.0193339, 0.1191920, 0.9503041]])
_WHITE_D65 = np.array([0.95047, 1.0, 1.08883])


def srgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of sRGB colours given as ``(..., 3)`` values in 0-255."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = linear @ _XYZ_FROM_LINEAR.T / _WHITE_D65
    eps, kappa = 216 / 24389, 24389 / 27
    f = np.where(xyz > eps, np.cbrt(xyz), (kappa * xyz + 16) / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """ΔE00 between two arrays of CIELAB colours ``(..., 3)``."""
    l1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    l2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean ** 7 / (c_mean ** 7 + 25.0 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    chroma = c1p * c2p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(chroma == 0, 0.0, dh)
    d_l, d_c = l2 - l1, c2p - c1p
    d_h = 2 * np.sqrt(chroma) * np.sin(np.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_mean = np.where(np.abs(h1p - h2p) <= 180, h_sum / 2, np.where(h_sum < 360, (h_sum + 360) / 2, (h_sum - 360) / 2))
    h_mean = np.where(chroma == 0, h_sum, h_mean)
    t = (1 - 0.17 * np.cos(np.radians(h_mean - 30)) + 0.24 * np.cos(np.radians(2 * h_mean))
         + 0.32 * np.cos(np.radians(3 * h_mean + 6)) - 0.20 * np.cos(np.radians(4 * h_mean - 63)))
    d_theta = 30 * np.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25.0 ** 7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    result: np.ndarray = np.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2
                                 + r_t * (d_c / s_c) * (d_h / s_h))
    return result


def delta_e_pixels(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """ΔE00 between corresponding RGB pixels ``(n, 3)`` of two images.

    Printed pages hold few distinct colour pairs (flat fills, text on paper), so each distinct
    pair is converted and compared once."""
    if len(a) == 0:
        return np.zeros(0)
    packed = (_pack(a) << 24) | _pack(b)
    # Flat fills give long runs of one pair: find the distinct pairs among the runs only.
    starts = np.flatnonzero(np.concatenate(([True], packed[1:] != packed[:-1])))
    pairs, run_inverse = np.unique(packed[starts], return_inverse=True)
    inverse = np.repeat(run_inverse.ravel(), np.diff(np.append(starts, len(packed))))
    old = np.stack([(pairs >> 40) & 255, (pairs >> 32) & 255, (pairs >> 24) & 255], axis=-1)
    new = np.stack([(pairs >> 16) & 255, (pairs >> 8) & 255, pairs & 255], axis=-1)
    result: np.ndarray = ciede2000(srgb_to_lab(old), srgb_to_lab(new))[inverse.ravel()]
    return result


def _pack(rgb: np.ndarray) -> np.ndarray:
    v = rgb.astype(np.int64)
    packed: np.ndarray = (v[:, 0] << 16) | (v[:, 1] << 8) | v[:, 2]
    return packed


def hex_delta_e(old: str, new: str) -> float:
    """ΔE00 between two ``#RRGGBB`` colours (a palette entry before and after)."""
    rgb = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in (old, new)])
    lab = srgb_to_lab(rgb)
    return float(ciede2000(lab[0], lab[1]))
