"""The water's sheen towards the sun, as vertex colours of the water grid (pure numbers).

Fixed-function specular assumes an infinitely distant viewer, so on a flat plane it brightens
every vertex alike. Instead the grid's colours brighten along the sun's azimuth as seen from the
scene's centre (where the viewpoints are), most on the far water and when the sun is low: the
glitter path a visitor sees looking towards the sun. Recomputed when the time of day changes."""
from __future__ import annotations

import numpy as np

from engine.world.plan.sky import SkyColours

SHEEN_MAX = 0.7  # at most this far from the water's colour towards the sun's
SHEEN_WIDTH = 8.0  # the power on the cosine of the angle off the sun's azimuth: a narrow path


def water_colours(vertices: np.ndarray, base_rgba: np.ndarray, colours: SkyColours, extent_m: float) -> np.ndarray:
    """(N, 4) colours for the water grid's vertices under this sky."""
    base = np.broadcast_to(np.asarray(base_rgba, dtype=float), (len(vertices), 4))
    towards_sun = -np.asarray(colours.sun_dir[:2], dtype=float)
    norm = float(np.hypot(*towards_sun))
    if norm < 1e-6 or colours.elevation_deg < -2.0:
        return base.copy()
    towards_sun /= norm
    xy = vertices[:, :2]
    dist = np.hypot(xy[:, 0], xy[:, 1])
    along = (xy @ towards_sun) / np.maximum(dist, 1e-6)
    path = np.clip(along, 0.0, 1.0) ** SHEEN_WIDTH
    # Near water reflects the sky above (no glint); the path grows towards the horizon.
    far = np.clip((dist - 0.1 * extent_m) / (0.8 * extent_m), 0.0, 1.0)
    low_sun = np.clip(1.2 - colours.elevation_deg / 60.0, 0.25, 1.0)
    weight = (SHEEN_MAX * path * far * low_sun)[:, None]
    glint = np.clip(np.asarray(colours.sun) * 1.25 + 0.15, 0.0, 1.0)
    out = base.copy()
    out[:, :3] = base[:, :3] * (1 - weight) + glint[None, :] * weight
    return out
