"""Roads: the manifest's centre lines -> ribbons draped on the heightfield (the "roads" layer).

A road is resampled every few metres along its centre line and drawn as a flat ribbon of its width,
lifted a little above the highest ground under each cross-section, so the terrain never shows
through it (and the layer is drawn after the terrain in a fixed order). Parts over water are left
out, except on bridges, which run as a straight deck: at the manifest's `deck_m`, or straight from
the ground at one end to the other. Motor roads are asphalt, footways paving.

Pure numpy and shapely: the centre lines (RoadLine) are also what districts line their buildings
along (engine.world.plan.streets), planned without any mesh.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, box

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.mesh import Mesh, merge

WIDTH_M = {"motorway": 16.0, "trunk": 16.0, "primary": 14.0, "secondary": 11.0, "tertiary": 8.0,
           "residential": 6.0, "pedestrian": 5.0, "footway": 3.0}
FOOT = frozenset({"footway", "pedestrian"})
ASPHALT = (0.33, 0.33, 0.35, 1.0)
PAVING = (0.78, 0.72, 0.62, 1.0)
STEP_M = 5.0  # the ribbon's cross-sections along the line (the terrain grid is 8-14 m)
LIFT_M = 0.3  # above the highest ground under a cross-section: no z-fighting with the terrain
DECK_LIFT_M = 0.15  # above a bridge deck the landmark layer draws
# major roads lie a little above minor ones where they cross, so crossings never flicker
RANK_LIFT_M = {"footway": 0.0, "pedestrian": 0.0, "residential": 0.04, "tertiary": 0.06, "secondary": 0.08,
               "primary": 0.1, "trunk": 0.12, "motorway": 0.12}
MIN_PIECE_M = 8.0  # land pieces shorter than this (a road crossing a creek mouth) are dropped


@dataclass
class RoadLine:
    """One drawn piece of a road in scene metres: its centre line and, on bridges, its deck heights."""

    id: str
    kind: str
    width: float
    points: np.ndarray  # (N, 2) x, y, every STEP_M or closer
    deck: np.ndarray | None = None  # (N,) z of a bridge deck; None: draped on the ground

    @property
    def line(self) -> LineString:
        return LineString(self.points)


def road_lines(scene: SceneManifest, proj: LocalProjection, ground: Heightfield) -> list[RoadLine]:
    """Every road of the scene as pieces inside the square: bridges whole, others on land only."""
    half = scene.extent_m
    square = box(-half, -half, half, half)
    out = []
    for road in scene.roads:
        path = np.asarray(road.path, dtype=np.float64)
        local = proj.to_local_many(path[:, 0], path[:, 1])[:, :2]
        clipped = LineString(local).intersection(square)
        width = road.width_m or WIDTH_M[road.kind]
        for part in getattr(clipped, "geoms", [clipped]):
            if part.geom_type != "LineString" or part.length < 1.0:
                continue
            pts = np.asarray(shapely.segmentize(part, STEP_M).coords)[:, :2]
            if road.bridge:
                out.append(RoadLine(road.id, road.kind, width, pts, deck_heights(pts, road.deck_m, ground,
                                                                          scene.water.level_m)))
            else:
                out += [RoadLine(road.id, road.kind, width, run) for run in _on_land(pts, ground, scene.water.level_m)]
    return out


def deck_heights(pts: np.ndarray, deck_m: float | None, ground: Heightfield, water_m: float) -> np.ndarray:
    under = ground.height_at(pts[:, 0], pts[:, 1]) + LIFT_M
    if deck_m is not None:
        return np.maximum(deck_m + DECK_LIFT_M, under)  # where it lands on a hill, it follows the ground
    ends = np.maximum(ground.height_at(pts[[0, -1], 0], pts[[0, -1], 1]), water_m + 0.5) + LIFT_M
    along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(pts, axis=0).T))])
    t = along / max(along[-1], 1e-9)
    straight = ends[0] + (ends[1] - ends[0]) * t
    return np.maximum(straight, under)  # never under a hill


def _on_land(pts: np.ndarray, ground: Heightfield, water_m: float) -> list[np.ndarray]:
    """The runs of a resampled centre line whose points all stand on land above the water."""
    land = ground.is_land(pts[:, 0], pts[:, 1]) & (ground.height_at(pts[:, 0], pts[:, 1]) > water_m + 0.2)
    runs, start = [], None
    for k, ok in enumerate(np.append(land, False)):
        if ok and start is None:
            start = k
        elif not ok and start is not None:
            run = pts[start:k]
            if len(run) >= 2 and np.hypot(*np.diff(run, axis=0).T).sum() >= MIN_PIECE_M:
                runs.append(run)
            start = None
    return runs


def ribbon(road: RoadLine, ground: Heightfield) -> Mesh:
    """A flat strip of the road's width along its centre line, mitred at the bends."""
    p = road.points
    seg = np.diff(p, axis=0)
    seg /= np.maximum(np.linalg.norm(seg, axis=1, keepdims=True), 1e-9)
    tangent = np.concatenate([seg[:1], seg[:-1] + seg[1:], seg[-1:]])
    tangent /= np.maximum(np.linalg.norm(tangent, axis=1, keepdims=True), 1e-9)
    normal = np.stack([-tangent[:, 1], tangent[:, 0]], axis=1)
    # mitre: as wide as the road across each segment, at most twice that at a sharp bend
    cos_half = np.ones(len(p))
    cos_half[1:-1] = np.abs(np.einsum("ij,ij->i", normal[1:-1], np.stack([-seg[:-1, 1], seg[:-1, 0]], axis=1)))
    offset = normal * (road.width / 2 / np.maximum(cos_half, 0.5))[:, None]
    left, right = p + offset, p - offset
    z = np.max([ground.height_at(q[:, 0], q[:, 1]) for q in (p, left, right)], axis=0)
    # and the ground halfway to the neighbouring cross-sections, where a hill may bulge between them
    mids = [(q[:-1] + q[1:]) / 2 for q in (p, left, right)]
    between = np.max([ground.height_at(q[:, 0], q[:, 1]) for q in mids], axis=0)
    z[:-1] = np.maximum(z[:-1], between)
    z[1:] = np.maximum(z[1:], between)
    z = z + LIFT_M
    if road.deck is not None:  # a deck keeps its height, except where it lands on a hill
        z = np.maximum(road.deck, z)
    z = z + RANK_LIFT_M.get(road.kind, 0.0)
    n = len(p)
    verts = np.empty((2 * n, 3))
    verts[0::2, :2], verts[1::2, :2] = left, right
    verts[0::2, 2] = verts[1::2, 2] = z
    k = np.arange(n - 1) * 2
    tris = np.concatenate([np.stack([k, k + 1, k + 3], -1), np.stack([k, k + 3, k + 2], -1)])
    colour = PAVING if road.kind in FOOT else ASPHALT
    return Mesh(verts, np.tile((0.0, 0.0, 1.0), (2 * n, 1)), np.tile(colour, (2 * n, 1)), tris.astype(np.int64))


def roads_mesh(roads: list[RoadLine], ground: Heightfield) -> Mesh:
    return merge([ribbon(road, ground) for road in roads if len(road.points) >= 2])


def ribbon_polygons(roads: list[RoadLine]):
    """Each road piece's ribbon as a shapely polygon (flat ends): what nothing may stand on."""
    lines = np.array([LineString(r.points) for r in roads], dtype=object)
    widths = np.array([r.width / 2 for r in roads])
    return shapely.buffer(lines, widths, cap_style="flat", join_style="mitre", mitre_limit=2.0)
