"""What a tour needs to know about its scene: where POIs and viewpoints are, and how high the
camera must stay (the clearance floor). The floor comes from the world's plan as plain facts
through the `Floor` protocol below, so a tour never imports world building, Panda3D or trimesh;
the composition (engine.tour_worlds) hands one in."""
from __future__ import annotations

from typing import Protocol

import numpy as np

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest


class Floor(Protocol):
    """engine.world.plan.clearance.Clearance satisfies this."""

    ground: object  # the heightfield (height_at, is_land), also what the game places points on

    def ground_at(self, x: float, y: float) -> float: ...

    def floor(self, x: float, y: float) -> float: ...


class TourWorld:
    def __init__(self, scene: SceneManifest, clearance: Floor):
        self.scene = scene
        self.clearance = clearance
        self.ground = clearance.ground
        self.proj = LocalProjection(scene.origin.lat, scene.origin.lon)
        self.pois = {p.id: p for p in scene.pois}
        self.viewpoints = {v.id: v for v in scene.viewpoints}

    def ground_at(self, x: float, y: float) -> float:
        return self.clearance.ground_at(x, y)

    def floor(self, x: float, y: float) -> float:
        """The lowest height the camera may be at over (x, y): above ground, water, landmarks, the
        generated buildings and whatever layers the scene has now."""
        return self.clearance.floor(x, y)

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
