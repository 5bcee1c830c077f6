"""Ground heights on a regular grid: built with the terrain, cached beside the scene graph, and
queried at run time (walking at eye height, placing markers) without the world builder."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Heightfield:
    """Ground heights on a regular grid in scene metres; queried by builders and the walk camera."""

    heights: np.ndarray  # (ny, nx) metres, row j is y = y0 + j*cell
    land: np.ndarray  # (ny, nx) bool
    x0: float
    y0: float
    cell: float

    def height_at(self, x, y) -> np.ndarray:
        """Bilinear ground height at local points (arrays or scalars); clamps to the grid's edge."""
        gx = np.clip((np.asarray(x, dtype=np.float64) - self.x0) / self.cell, 0, self.heights.shape[1] - 1.001)
        gy = np.clip((np.asarray(y, dtype=np.float64) - self.y0) / self.cell, 0, self.heights.shape[0] - 1.001)
        i, j = np.floor(gx).astype(int), np.floor(gy).astype(int)
        fx, fy = gx - i, gy - j
        h = self.heights
        return ((h[j, i] * (1 - fx) + h[j, i + 1] * fx) * (1 - fy)
                + (h[j + 1, i] * (1 - fx) + h[j + 1, i + 1] * fx) * fy)

    def is_land(self, x, y) -> np.ndarray:
        i = np.clip(np.round((np.asarray(x) - self.x0) / self.cell).astype(int), 0, self.land.shape[1] - 1)
        j = np.clip(np.round((np.asarray(y) - self.y0) / self.cell).astype(int), 0, self.land.shape[0] - 1)
        return self.land[j, i]

    def to_arrays(self) -> dict:
        return {"heights": self.heights, "land": self.land,
                "meta": np.array([self.x0, self.y0, self.cell])}

    @staticmethod
    def from_arrays(arrays) -> "Heightfield":
        x0, y0, cell = (float(v) for v in arrays["meta"])
        return Heightfield(arrays["heights"], arrays["land"], x0, y0, cell)
