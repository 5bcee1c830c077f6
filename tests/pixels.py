"""Classifying rendered pixels by what a person would call them: sky, water, land, marker."""
from __future__ import annotations

import colorsys

import numpy as np

from engine.world.plan.markers import MARKER_COLOUR

# Pins are found by their colour (unlit, unfogged, so drawn exactly): a band around MARKER_COLOUR.
_PIN_H, _PIN_S, _PIN_V = colorsys.rgb_to_hsv(*MARKER_COLOUR[:3])


def hsv(image: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rgb = image.astype(np.float64) / 255.0
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    v = rgb.max(axis=-1)
    c = v - rgb.min(axis=-1)
    s = np.where(v > 0, c / np.maximum(v, 1e-9), 0)
    safe = np.maximum(c, 1e-9)
    h = np.where(v == r, (g - b) / safe % 6, np.where(v == g, (b - r) / safe + 2, (r - g) / safe + 4)) * 60
    return np.where(c > 1e-9, h, 0), s, v


def fractions(image: np.ndarray) -> dict[str, float]:
    h, s, v = hsv(image)
    total = h.size
    water = (h >= 165) & (h <= 215) & (s > 0.3) & (v > 0.2) & (v < 0.75)
    green = (h >= 55) & (h <= 160) & (s > 0.2) & (v > 0.15)
    sand = (h >= 25) & (h <= 55) & (s > 0.12) & (s < 0.6) & (v > 0.5)
    roofs = ((h < 25) | (h > 345)) & (s > 0.35) & (v > 0.3)
    sky = (h >= 185) & (h <= 235) & (s > 0.1) & (v > 0.6)
    marker = marker_mask(image)
    return {"water": water.sum() / total, "land": (green | sand | roofs).sum() / total,
            "sky": sky.sum() / total, "marker": marker.sum() / total,
            "sky_top": sky[: max(1, image.shape[0] // 8)].mean()}


def marker_mask(image: np.ndarray) -> np.ndarray:
    h, s, v = hsv(image)
    return (np.abs(h - _PIN_H * 360) <= 10) & (np.abs(s - _PIN_S) <= 0.15) & (v > _PIN_V - 0.15)


def halves(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The left and right halves of a side-by-side stereo frame."""
    half = image.shape[1] // 2
    return image[:, :half], image[:, half:]


def bright_centroid(image: np.ndarray, threshold: int = 128) -> tuple[float, float]:
    """(x, y) of the bright pixels' centre, in pixels from the top-left corner (a pixel's centre is
    at +0.5), for a bright object on a dark background."""
    ys, xs = np.nonzero(image.max(axis=-1) > threshold)
    assert len(xs), "nothing bright in the image"
    return xs.mean() + 0.5, ys.mean() + 0.5


def boat_hull_mask(image: np.ndarray) -> np.ndarray:
    """The test islet's fishing boat: its red-brown hull (glTF baseColor 0.55, 0.22, 0.16), lit."""
    r, g, b = (image[..., k].astype(int) for k in range(3))
    return (r > 70) & (r > g * 1.6) & (r > b * 1.6)
