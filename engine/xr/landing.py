"""Where a teleport may land, pure numpy: the surface an arc stops at (ground, water, roofs) and
whether a landing point is a place to stand.

Invalid: water (the ground under the point at or below the water level), ground steeper than
MAX_SLOPE_DEG, inside a footprint (a building, a landmark, an event's prop: their tops are roofs the
arc stops on, never floors), or outside the scene's square (|x|, |y| over the extent).
"""
from __future__ import annotations

import math

import numpy as np

from engine.world.plan.heightfield import Heightfield

MAX_SLOPE_DEG = 30.0


class Terrain:
    def __init__(self, ground: Heightfield, water_level_m: float, footprints: np.ndarray, half_extent_m: float):
        self.ground = ground
        self.water_level_m = float(water_level_m)
        self.footprints = np.asarray(footprints, dtype=np.float64).reshape(-1, 4)
        self.half_extent_m = float(half_extent_m)

    @classmethod
    def of_scene(cls, scene) -> "Terrain":
        """From a LiveScene (or anything with ground, manifest and layers of LayerPlans)."""
        prints = [np.asarray(layer.footprints, dtype=np.float64).reshape(-1, 4) for layer in scene.layers.values()]
        return cls(scene.ground, scene.manifest.water.level_m,
                   np.concatenate(prints) if prints else np.zeros((0, 4)), scene.manifest.extent_m)

    def surface_at(self, xs, ys) -> np.ndarray:
        """The height an arc stops at over each point: the ground, the water, or a roof."""
        xs, ys = np.atleast_1d(np.asarray(xs, dtype=np.float64)), np.atleast_1d(np.asarray(ys, dtype=np.float64))
        top = np.maximum(self.ground.height_at(xs, ys), self.water_level_m)
        near = self._near(xs, ys)
        if len(near):
            inside = (xs[:, None] - near[:, 0]) ** 2 + (ys[:, None] - near[:, 1]) ** 2 < near[:, 2] ** 2
            roofs = np.where(inside, near[:, 3], -np.inf).max(axis=1)
            top = np.maximum(top, roofs)
        return top

    def _near(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Only the footprints that can reach the points' bounding box (scenes hold thousands)."""
        f = self.footprints
        if not len(f):
            return f
        keep = ((f[:, 0] + f[:, 2] >= xs.min()) & (f[:, 0] - f[:, 2] <= xs.max())
                & (f[:, 1] + f[:, 2] >= ys.min()) & (f[:, 1] - f[:, 2] <= ys.max()))
        return f[keep]

    def fault(self, x: float, y: float) -> str:
        """Why nobody may stand at (x, y): 'outside', 'water', 'building', 'steep'; '' where one may."""
        if abs(x) > self.half_extent_m or abs(y) > self.half_extent_m:
            return "outside"
        if float(self.ground.height_at(x, y)) <= self.water_level_m:
            return "water"
        near = self._near(np.array([x]), np.array([y]))
        if len(near) and (((near[:, 0] - x) ** 2 + (near[:, 1] - y) ** 2) < near[:, 2] ** 2).any():
            return "building"
        if self.slope_deg(x, y) > MAX_SLOPE_DEG:
            return "steep"
        return ""

    def slope_deg(self, x: float, y: float) -> float:
        d = max(self.ground.cell / 2, 0.5)
        h = self.ground.height_at
        gx = (float(h(x + d, y)) - float(h(x - d, y))) / (2 * d)
        gy = (float(h(x, y + d)) - float(h(x, y - d))) / (2 * d)
        return math.degrees(math.atan(math.hypot(gx, gy)))
