"""What a tour needs to know about its scene, without Panda3D: where POIs and viewpoints are, and
how high the camera must stay above the ground and the landmarks (the clearance floor)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest
from engine.world.heightfield import Heightfield
from engine.world.sizes import DEFAULT_SIZE

CLEARANCE_M = 3.0  # the camera keeps at least this far above ground, water and roofs


@dataclass
class Obstacle:
    x: float
    y: float
    radius: float
    top: float


class TourWorld:
    def __init__(self, scene: SceneManifest, ground: Heightfield, buildings: list | None = None):
        self.scene = scene
        self.ground = ground
        self.proj = LocalProjection(scene.origin.lat, scene.origin.lon)
        self.pois = {p.id: p for p in scene.pois}
        self.viewpoints = {v.id: v for v in scene.viewpoints}
        self.obstacles = [o for o in (self._obstacle(lm) for lm in scene.landmarks) if o is not None]
        if buildings is None:  # the generated districts, planned exactly as the builder plans them
            from engine.world.layout import plan_layout
            buildings = plan_layout(scene, self.proj, ground).footprints()
        self.roofs = self._roof_raster(buildings)

    @classmethod
    def build(cls, scene: SceneManifest) -> "TourWorld":
        from engine.world.terrain import build_heightfield
        return cls(scene, build_heightfield(scene, LocalProjection(scene.origin.lat, scene.origin.lon)))

    def _roof_raster(self, buildings) -> np.ndarray:
        """The highest roof near each grid point (or -inf), from (x, y, radius, top) footprints:
        a point is covered when it is within the building's radius plus the clearance."""
        g = self.ground
        roofs = np.full(g.heights.shape, -np.inf)
        ny, nx = roofs.shape
        for x, y, radius, top in buildings:
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

    def _obstacle(self, lm) -> Obstacle | None:
        if lm.lat is None or lm.kind in ("bridge", "pier"):
            return None
        w, d, h = lm.size_m or DEFAULT_SIZE.get(lm.kind, (10, 10, 10))
        x, y, _ = self.proj.to_local(lm.lat, lm.lon)
        base = lm.base_m if lm.base_m is not None else max(float(self.ground.height_at(x, y)), 0.0)
        return Obstacle(x, y, math.hypot(w, d) / 2, base + h)

    def ground_at(self, x: float, y: float) -> float:
        return max(float(self.ground.height_at(x, y)), self.scene.water.level_m)

    def roof_at(self, x: float, y: float) -> float:
        """The highest roof at the four grid points around (x, y): between grid points the camera
        stays clear of every building any of them is near."""
        g = self.ground
        i = min(max(int((x - g.x0) // g.cell), 0), self.roofs.shape[1] - 2)
        j = min(max(int((y - g.y0) // g.cell), 0), self.roofs.shape[0] - 2)
        return float(self.roofs[j:j + 2, i:i + 2].max())

    def floor(self, x: float, y: float) -> float:
        """The lowest height the camera may be at over (x, y): above ground, water, landmarks and
        the generated buildings."""
        top = max(self.ground_at(x, y), self.roof_at(x, y))
        for o in self.obstacles:
            if (x - o.x) ** 2 + (y - o.y) ** 2 < (o.radius + CLEARANCE_M) ** 2:
                top = max(top, o.top)
        return top + CLEARANCE_M

    def poi_point(self, poi_id: str) -> np.ndarray:
        """The point a camera looks at for a POI: a little above its ground."""
        poi = self.pois[poi_id]
        x, y, _ = self.proj.to_local(poi.lat, poi.lon)
        return np.array([x, y, self.ground_at(x, y) + min(poi.marker_m * 0.5, 10.0)])

    def viewpoint_pose(self, view_id: str) -> tuple[np.ndarray, np.ndarray]:
        """(eye position, point looked at) of a viewpoint."""
        vp = self.viewpoints[view_id]
        eye = np.array(self.proj.to_local(vp.lat, vp.lon, vp.height_m))
        if isinstance(vp.look_at, str):
            target = self.poi_point(vp.look_at)
        else:
            target = np.array(self.proj.to_local(vp.look_at.lat, vp.look_at.lon, vp.look_at.height_m))
        return eye, target

    def inside(self, pos) -> bool:
        half = self.scene.extent_m
        return abs(pos[0]) <= half and abs(pos[1]) <= half
