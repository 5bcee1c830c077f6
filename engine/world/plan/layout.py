"""Where generated things go: the plan of every district's buildings, and what is kept clear
(POIs, landmarks, the authors' sight lines). The builder makes meshes from the plan; a tour's
camera keeps clear of the same buildings without building any geometry."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from shapely.geometry import box

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.anchors import marker_anchor
from engine.world.plan.placement import DistrictPlan, Occupancy, SightLines, plan_district
from engine.world.plan.roads import RoadLine, road_lines
from engine.world.plan.streets import Streets, plan_street_district, street_order
from engine.world.plan.terrain import area_polygons


@dataclass
class Layout:
    polygons: dict  # area id -> polygon clipped to the scene
    keep_clear: np.ndarray  # points nothing generated may crowd
    occupancy: Occupancy  # footprints taken so far (districts, then trees)
    districts: list[DistrictPlan]
    roads: list[RoadLine] = field(default_factory=list)  # drawn pieces, in scene metres

    def footprints(self) -> list[tuple[float, float, float, float]]:
        return [f for plan in self.districts for f in plan.footprints()]


def keep_clear_points(scene: SceneManifest, proj: LocalProjection) -> np.ndarray:
    pts = [(p.lat, p.lon) for p in scene.pois]
    pts += [(lm.lat, lm.lon) for lm in scene.landmarks if lm.lat is not None]
    pts += [tuple(pt) for lm in scene.landmarks if lm.path for pt in lm.path]
    pts += [(t.lat, t.lon) for t in scene.skyline]  # beyond the square they keep nothing clear
    arr = np.array(pts)
    return proj.to_local_many(arr[:, 0], arr[:, 1])[:, :2]


def sight_line(vp, scene: SceneManifest, proj: LocalProjection, ground: Heightfield) -> tuple[np.ndarray, np.ndarray]:
    eye = np.array(proj.to_local(vp.lat, vp.lon, vp.height_m))
    if isinstance(vp.look_at, str):
        poi = next(p for p in scene.pois if p.id == vp.look_at)
        target = np.array(marker_anchor(poi, proj, ground))
    else:
        target = np.array(proj.to_local(vp.look_at.lat, vp.look_at.lon, vp.look_at.height_m))
    return eye, target


def plan_layout(scene: SceneManifest, proj: LocalProjection, ground: Heightfield) -> Layout:
    inside = box(-scene.extent_m, -scene.extent_m, scene.extent_m, scene.extent_m)
    polygons = {area.id: poly.intersection(inside) for area, poly in area_polygons(scene, proj)}
    clear = keep_clear_points(scene, proj)
    occupancy = Occupancy()  # shared: no building stands in another district's, no tree in a house
    sight = SightLines([sight_line(vp, scene, proj, ground) for vp in scene.viewpoints])
    roads = road_lines(scene, proj, ground)
    streets = Streets(roads)  # districts near a road line its streets; the others are scattered
    plans = {}
    for k in street_order(scene.districts):  # the largest buildings take the street fronts first
        d = scene.districts[k]
        plans[k] = (plan_street_district(d, polygons[d.area], ground, clear, occupancy, sight, streets)
                    or plan_district(d, polygons[d.area], ground, clear, occupancy, sight))
    plans = [plans[k] for k in range(len(scene.districts))]
    streets.keep_trees_off(occupancy)
    return Layout(polygons, clear, occupancy, plans, roads)
