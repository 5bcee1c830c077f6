"""The clearance floor: the lowest height a camera may be at over any point, above the ground,
the water and everything a layer stands up (landmarks, generated buildings, props added at run
time). Tours read it through engine.tour.world; it is pure numpy.

Footprints are (x, y, radius, top) circles. Few large ones (landmarks) are checked exactly; many
small ones (buildings, props) are rasterised on the ground grid: a grid point is covered when it
lies within a footprint's radius plus the clearance, and between grid points the camera stays
clear of whatever any of the four around it is near.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

from engine.world.plan.heightfield import Heightfield

CLEARANCE_M = 3.0  # the camera keeps at least this far above ground, water and roofs


def roof_raster(ground: Heightfield, footprints: np.ndarray) -> np.ndarray:
    """The highest top near each grid point (or -inf)."""
    roofs = np.full(ground.heights.shape, -np.inf)
    ny, nx = roofs.shape
    g = ground
    for x, y, radius, top in np.asarray(footprints, dtype=np.float64).reshape(-1, 4):
        reach = radius + CLEARANCE_M
        i0, i1 = max(int((x - reach - g.x0) // g.cell), 0), min(int((x + reach - g.x0) // g.cell) + 2, nx)
        j0, j1 = max(int((y - reach - g.y0) // g.cell), 0), min(int((y + reach - g.y0) // g.cell) + 2, ny)
        if i0 >= i1 or j0 >= j1:
            continue
        cx = g.x0 + np.arange(i0, i1) * g.cell
        cy = g.y0 + np.arange(j0, j1) * g.cell
        near = (cx[None, :] - x) ** 2 + (cy[:, None] - y) ** 2 <= reach * reach
        window = roofs[j0:j1, i0:i1]
        window[near] = np.maximum(window[near], top)
    return roofs


class Clearance:
    def __init__(self, ground: Heightfield, water_level_m: float,
                 footprint_sets: Iterable[tuple[np.ndarray, bool]] = ()):
        self.ground = ground
        self.water_level_m = water_level_m
        sets = list(footprint_sets)
        exact = [np.asarray(f, dtype=np.float64).reshape(-1, 4) for f, is_exact in sets if is_exact]
        rastered = [np.asarray(f, dtype=np.float64).reshape(-1, 4) for f, is_exact in sets if not is_exact]
        # plain tuples: floor() runs per camera sample, and iterating numpy rows is several times slower
        self.obstacles = [tuple(float(v) for v in row) for f in exact for row in f]
        self.roofs = roof_raster(ground, np.concatenate(rastered) if rastered else np.zeros((0, 4)))

    def ground_at(self, x: float, y: float) -> float:
        return max(float(self.ground.height_at(x, y)), self.water_level_m)

    def roof_at(self, x: float, y: float) -> float:
        """The highest top at the four grid points around (x, y)."""
        g = self.ground
        i = min(max(int((x - g.x0) // g.cell), 0), self.roofs.shape[1] - 2)
        j = min(max(int((y - g.y0) // g.cell), 0), self.roofs.shape[0] - 2)
        return float(self.roofs[j:j + 2, i:i + 2].max())

    def floor(self, x: float, y: float) -> float:
        """The lowest height the camera may be at over (x, y)."""
        top = max(self.ground_at(x, y), self.roof_at(x, y))
        for ox, oy, radius, otop in self.obstacles:
            if (x - ox) ** 2 + (y - oy) ** 2 < (radius + CLEARANCE_M) ** 2:
                top = max(top, otop)
        return top + CLEARANCE_M
