"""`probe SCENE LAT LON`: what is at a place, for an author placing a POI, a viewpoint or a stamp.

Pure: the manifest and the scene's facts (heightfield and footprints, no meshes, no Panda3D), read
from the plan cache when there is one. The same facts a tour camera and `validate` use, so what it
says is what they will find: the ground height, land or water, the terrain area the point is in
(the last one listed that holds it: later areas paint over earlier ones), the nearest POI and
landmark, and the clearance floor (the lowest a tour camera may fly there).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from shapely.geometry import Point, Polygon

from engine.errors import UsageError
from engine.geo import LocalProjection
from engine.manifest.plain_words import inside_when_swapped
from engine.manifest.scene_loader import load_scene
from engine.manifest.scene_schema import Landmark, SceneManifest
from engine.world.cache import SceneCache
from engine.world.scene_facts import load_facts


@dataclass(frozen=True)
class Nearest:
    id: str
    distance_m: float


@dataclass(frozen=True)
class PlaceReport:
    scene: str
    lat: float
    lon: float
    east_m: float
    north_m: float
    ground_m: float
    surface: str  # "land" | "water"
    water_depth_m: float | None
    area: str | None  # the terrain area's id, None outside every area
    area_surface: str | None
    nearest_poi: Nearest | None
    nearest_landmark: Nearest | None
    floor_m: float

    def lines(self) -> list[str]:
        def near(n: Nearest | None) -> str:
            return f"{n.id}, {n.distance_m:.0f} m away" if n else "none"
        water = f", {self.water_depth_m:.1f} m deep" if self.water_depth_m is not None else ""
        east = f"{abs(self.east_m):.0f} m {'east' if self.east_m >= 0 else 'west'}"
        north = f"{abs(self.north_m):.0f} m {'north' if self.north_m >= 0 else 'south'}"
        level = f"{abs(self.ground_m):.1f} m {'above' if self.ground_m >= 0 else 'below'} sea level"
        return [f"place: lat {self.lat}, lon {self.lon} in scene '{self.scene}' ({east}, {north} of its origin)",
                f"ground: {level}",
                f"surface: {self.surface}{water}",
                f"area: {f'{self.area} ({self.area_surface})' if self.area else 'none (open sea)'}",
                f"nearest POI: {near(self.nearest_poi)}",
                f"nearest landmark: {near(self.nearest_landmark)}",
                f"clearance floor: {self.floor_m:.1f} m (the lowest a tour camera flies here)"]

    def to_json(self) -> dict:
        return asdict(self)


def probe(manifest_path: Path, lat: float, lon: float, cache: SceneCache | None = None) -> PlaceReport:
    """What is at (lat, lon); UsageError (exit 2) for a place outside the scene."""
    scene, _ = load_scene(manifest_path)  # ContentError (exit 2) for a broken scene
    proj = LocalProjection(scene.origin.lat, scene.origin.lon)
    x, y = _inside(scene, proj, lat, lon)
    facts = load_facts(scene, manifest_path, cache)
    ground = float(facts.ground.height_at(x, y))
    land = bool(facts.ground.is_land(x, y))
    depth = facts.water_level_m - ground if ground < facts.water_level_m else None
    area = _area_at(scene, proj, x, y)
    pois = [(p.id, proj.to_local(p.lat, p.lon)[:2]) for p in scene.pois]
    return PlaceReport(scene.id, lat, lon, round(x, 1), round(y, 1), round(ground, 2),
                       "land" if land and depth is None else "water", round(depth, 2) if depth is not None else None,
                       area.id if area else None, area.surface if area else None,
                       _nearest([(i, math.dist((x, y), p)) for i, p in pois]),
                       _nearest([(lm.id, _landmark_distance(lm, proj, x, y)) for lm in scene.landmarks]),
                       round(facts.clearance().floor(x, y), 1))


def _inside(scene: SceneManifest, proj: LocalProjection, lat: float, lon: float) -> tuple[float, float]:
    half = scene.extent_m
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise UsageError(f"lat {lat}, lon {lon} is not a place: lat is -90 to 90, lon -180 to 180"
                         + (f"; lat and lon look swapped: try {lon} {lat}" if abs(lon) <= 90 < abs(lat) <= 180 else ""))
    x, y, _ = proj.to_local(lat, lon)
    if abs(x) > half or abs(y) > half:
        swap = (f"; lat and lon look swapped: try {lon} {lat}"
                if inside_when_swapped(proj.to_local, half, lat, lon) else "")
        raise UsageError(f"lat {lat}, lon {lon} lies {max(abs(x), abs(y)) - half:.0f} m outside scene '{scene.id}' "
                         f"(extent_m {half:g} around lat {scene.origin.lat}, lon {scene.origin.lon}){swap}")
    return float(x), float(y)


def _area_at(scene: SceneManifest, proj: LocalProjection, x: float, y: float):
    here = Point(x, y)
    for area in reversed(scene.terrain.areas):  # the last one listed paints over the others
        ring = np.array(area.outline)
        if Polygon(proj.to_local_many(ring[:, 0], ring[:, 1])[:, :2]).covers(here):
            return area
    return None


def _landmark_distance(lm: Landmark, proj: LocalProjection, x: float, y: float) -> float:
    """To its centre, or to the nearest point of a bridge's or pier's centre line."""
    if lm.path:
        pts = [np.array(proj.to_local(a, b)[:2]) for a, b in lm.path]
        return min(_to_segment(np.array([x, y]), p, q) for p, q in zip(pts, pts[1:]))
    if lm.lat is None or lm.lon is None:
        return math.inf
    return math.dist((x, y), proj.to_local(lm.lat, lm.lon)[:2])


def _to_segment(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    d = b - a
    t = float(np.clip((p - a) @ d / max(float(d @ d), 1e-9), 0.0, 1.0))
    return float(np.linalg.norm(p - (a + t * d)))


def _nearest(candidates: list[tuple[str, float]]) -> Nearest | None:
    found = [(d, i) for i, d in candidates if math.isfinite(d)]
    if not found:
        return None
    d, i = min(found)
    return Nearest(i, round(d, 1))
