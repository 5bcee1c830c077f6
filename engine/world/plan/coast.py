"""The coast as exact lines: the land painted from the areas in order (a lake cut out of land, an
island put back into the lake), its outline inside the scene, and what each stretch of it is.

The terrain grid alone can only draw a coast along its cells, which shows as 10-14 m steps. Here
the coast is kept as the polygon's own lines: the terrain cells it crosses are cut along it
(engine.world.plan.coast_mesh), and the shore is drawn on it as a low wall (a seawall or quay, a
rocky edge or a wet strip of sand). Heights next to the coast come from the exact distance to
these lines, so the ground meets the shore at the same height from every side.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import box

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest

KINDS = ("beach", "rock", "seawall")
BEACH, ROCK, SEAWALL = range(3)
DEFAULT_KIND = ROCK
BEACH_TOP_M = 0.2  # a beach runs into the water: its edge is only a wet lip above it
ROCK_TOP_M = 0.9  # a rocky edge
TRANSITION_M = 60.0  # a shore section's height eases in over this stretch of coast
WALL_FOOT_M = -1.5  # walls reach below the water line: no gap under them at a grazing view
ON_COAST_M = 1e-3  # a point this close to the coast lines lies on them


@dataclass
class Coast:
    land: object  # shapely (Multi)Polygon: the painted land, not clipped
    lines: object  # shapely (Multi)LineString: the coast inside the grid's square
    level: float  # the water's height
    seawall_m: float
    _areas: list  # (shore kind code, polygon) of the land areas, in painting order
    _sections: list  # (kind code, x, y, radius) of terrain.shores, in order

    def _area_kinds(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """The shore kind of the last painted land area within a metre of each point (the land a
        lake was cut from, an island's own), before any shore section."""
        kinds = np.full(xs.shape, DEFAULT_KIND, dtype=np.int8)
        if xs.size:
            points = shapely.points(xs, ys)
            for kind, poly in self._areas:
                kinds[shapely.dwithin(poly, points, 1.0)] = kind
        return kinds

    def kinds_at(self, xs, ys) -> np.ndarray:
        """Shore kind codes at points on or near the coast: a shore section's, else the land area's."""
        xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
        kinds = self._area_kinds(xs, ys)
        for kind, x, y, radius in self._sections:
            kinds[np.hypot(xs - x, ys - y) <= radius] = kind
        return kinds

    def tops_at(self, xs, ys) -> np.ndarray:
        """The ground's height where it meets the water, at points on the coast: the shore kind's
        height, eased over TRANSITION_M where a shore section begins (a beach does not start with
        a 2 m step down from the seawall beside it)."""
        xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
        tops = np.choose(self._area_kinds(xs, ys), [BEACH_TOP_M, ROCK_TOP_M, self.seawall_m]).astype(np.float64)
        for kind, x, y, radius in self._sections:
            w = _smoothstep((radius + TRANSITION_M / 2 - np.hypot(xs - x, ys - y)) / TRANSITION_M)
            tops = tops * (1 - w) + self._top(kind) * w
        return self.level + tops

    def _top(self, kind: int) -> float:
        return (BEACH_TOP_M, ROCK_TOP_M, self.seawall_m)[kind]

    def distance(self, xs, ys) -> np.ndarray:
        """Exact distance from points to the coast lines (inf where the scene has no coast)."""
        xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
        if self.lines.is_empty:
            return np.full(xs.shape, np.inf)
        return shapely.distance(self.lines, shapely.points(xs, ys))


def _smoothstep(t):
    t = np.clip(t, 0.0, 1.0)
    return t * t * (3 - 2 * t)


def land_shape(scene: SceneManifest, proj: LocalProjection) -> tuple[object, list]:
    """The land as one geometry, painted area by area like the grid, and each land area's polygon."""
    land = shapely.Polygon()
    areas = []
    for area in scene.terrain.areas:
        ring = np.array(area.outline)
        poly = shapely.make_valid(shapely.Polygon(proj.to_local_many(ring[:, 0], ring[:, 1])[:, :2]))
        if area.surface == "land":
            land = land.union(poly)
            areas.append((KINDS.index(area.shore or scene.terrain.shore), poly))
        else:
            land = land.difference(poly)
    return land, areas


def coast_of(scene: SceneManifest, proj: LocalProjection, half_span: float) -> Coast:
    """The scene's coast inside the square of +-half_span metres (the terrain grid's reach)."""
    land, areas = land_shape(scene, proj)
    square = box(-half_span, -half_span, half_span, half_span)
    lines = shapely.line_merge(shapely.intersection(land.boundary, square))
    shapely.prepare(lines)
    sections = []
    for section in scene.terrain.shores:
        x, y, _ = proj.to_local(section.lat, section.lon)
        sections.append((KINDS.index(section.kind), x, y, section.radius_m))
    return Coast(land, lines, scene.water.level_m, scene.terrain.seawall_m, areas, sections)
