"""Baked ground darkening under buildings: a soft blob around every landmark and district
footprint, multiplied into the terrain's vertex colours. Fixed-function lighting casts no shadows
(Panda3D's shadow casters need shaders, which fail under software GL here), so this contact shade
is what grounds a building; it costs nothing per frame. It does not follow the sun, so it stays
right when a tour changes the time of day."""
from __future__ import annotations

import numpy as np

from engine.world.plan.heightfield import Heightfield

SHADE_DEPTH = 0.3  # the darkest ground right under a building: colour x (1 - SHADE_DEPTH)
SHADE_REACH = 0.6  # the blob fades out this many footprint radii beyond the footprint ...
SHADE_REACH_MAX_M = 12.0  # ... but no further than this (a soft edge, not a smear)
BIGGEST_M = 40.0  # wider footprints are rocks, parks and piers, not buildings: no blob


def ground_shade(field: Heightfield, footprints: np.ndarray) -> np.ndarray:
    """(ny, nx) factors in (1 - SHADE_DEPTH, 1] for the heightfield's vertices."""
    ny, nx = field.heights.shape
    shade = np.zeros((ny, nx))
    for x, y, radius, _top in np.asarray(footprints).reshape(-1, 4):
        if radius > BIGGEST_M:
            continue
        # the edge band is at least a cell wide, so the nearest grid points darken
        edge = max(min(radius * SHADE_REACH, SHADE_REACH_MAX_M), field.cell * 1.2)
        reach = radius + edge
        i0, i1 = _span(y, reach, field.y0, field.cell, ny)
        j0, j1 = _span(x, reach, field.x0, field.cell, nx)
        if i0 >= i1 or j0 >= j1:
            continue
        gy = field.y0 + np.arange(i0, i1) * field.cell
        gx = field.x0 + np.arange(j0, j1) * field.cell
        d = np.hypot(gx[None, :] - x, gy[:, None] - y)
        blob = np.clip((reach - d) / (edge + 0.4 * radius), 0.0, 1.0) ** 1.5
        shade[i0:i1, j0:j1] = np.maximum(shade[i0:i1, j0:j1], blob)
    return 1.0 - SHADE_DEPTH * shade


def _span(centre: float, reach: float, origin: float, cell: float, count: int) -> tuple[int, int]:
    lo = int(np.floor((centre - reach - origin) / cell))
    hi = int(np.ceil((centre + reach - origin) / cell)) + 1
    return max(lo, 0), min(hi, count)
