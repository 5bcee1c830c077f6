"""An event's routes in a scene: the line on the ground (a named road of the scene's map data, or
a path), drawn as a coloured ribbon over the road, with kilometre posts, and the crowd moving
along it. Pure planning: ribbons and posts are meshes, the crowd a CrowdPlan."""
from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString

from engine.manifest.scene_schema import SceneManifest
from engine.overlays.schema import Route
from engine.world.plan import kit
from engine.world.plan.crowds import CrowdPlan, plan_crowd
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.mesh import Mesh, hex_colour
from engine.world.plan.roads import STEP_M, RoadLine, deck_heights, ribbon, road_lines

ROUTE_LIFT_M = 0.08  # over the road's own ribbon
POST_COLOUR = (0.95, 0.95, 0.95, 1.0)


def route_lines(route: Route, scene: SceneManifest, proj, ground: Heightfield) -> list[RoadLine]:
    """The route's pieces in this scene: the scene's roads of that name (their pieces as the roads
    layer draws them, decks included), or its path, on a deck where it is over water."""
    if route.road is not None:
        ids = {r.id for r in scene.roads if route.road in (r.name, r.name_en, r.id)}
        return [line for line in road_lines(scene, proj, ground) if line.id in ids]
    path = np.asarray(route.path, dtype=np.float64)
    local = proj.to_local_many(path[:, 0], path[:, 1])[:, :2]
    half = scene.extent_m
    clipped = LineString(local).intersection(shapely.box(-half, -half, half, half))
    out = []
    for part in getattr(clipped, "geoms", [clipped]):
        if part.geom_type != "LineString" or part.length < 1.0:
            continue
        pts = np.asarray(shapely.segmentize(part, STEP_M).coords)[:, :2]
        deck = deck_heights(pts, route.deck_m, ground, scene.water.level_m) if route.deck_m is not None else None
        out.append(RoadLine(route.id, "primary", route.width_m, pts, deck))
    return out


def route_meshes(route: Route, lines: list[RoadLine], surfaces: list[np.ndarray], ground: Heightfield) -> list[Mesh]:
    """The route's ribbon in its colour over each piece, and a post at every kilometre along it."""
    colour = hex_colour(route.colour)
    meshes = []
    watched = route.movers is not None and route.movers.kind == "spectator"  # a crowd beside a road: no ribbon
    for line in ([] if watched else lines):
        band = ribbon(RoadLine(line.id, line.kind, route.width_m, line.points, line.deck), ground)
        band.vertices[:, 2] += ROUTE_LIFT_M
        band.colours[:] = colour
        meshes.append(band)
    if route.km_markers:
        for x, y, z in kilometre_points(lines, surfaces):
            meshes.append(kit.box(0.6, 0.6, 2.4, POST_COLOUR).transformed(np.eye(3), (x, y, z)))
    return meshes


def surfaces_of(lines: list[RoadLine], ground: Heightfield) -> list[np.ndarray]:
    """Each piece's centre line at the height its ribbon is drawn, (N, 3): what posts stand on and
    crowds walk on (worked out once per route)."""
    return [surface(line, ground) for line in lines]


def surface(line: RoadLine, ground: Heightfield) -> np.ndarray:
    """(N, 3): the piece's centre line at the height its ribbon is drawn."""
    band = ribbon(line, ground)
    return np.column_stack([line.points, band.vertices[0::2, 2] + ROUTE_LIFT_M])


def kilometre_points(lines: list[RoadLine], surfaces: list[np.ndarray]) -> list[tuple[float, float, float]]:
    """Every 1,000 m along the pieces taken end to end, at the road's side."""
    out, carried = [], 0.0
    for line, pts in zip(lines, surfaces):
        seg = np.hypot(*np.diff(pts[:, :2], axis=0).T)
        along = carried + np.concatenate([[0.0], np.cumsum(seg)])
        for km in np.arange(np.ceil(along[0] / 1000.0) * 1000.0, along[-1], 1000.0):
            if km <= 0:
                continue
            i = int(np.clip(np.searchsorted(along, km) - 1, 0, len(pts) - 2))
            f = (km - along[i]) / max(along[i + 1] - along[i], 1e-9)
            p = pts[i] + (pts[i + 1] - pts[i]) * f
            d = (pts[i + 1, :2] - pts[i, :2]) / max(seg[i], 1e-9)
            side = np.array([d[1], -d[0]]) * (line.width / 2 + 1.0)
            out.append((p[0] + side[0], p[1] + side[1], p[2]))
        carried = along[-1]
    return out


JOIN_M = 3.0  # piece ends closer than this are one place (map ways split at every junction)


def chained(surfaces: list[np.ndarray]) -> list[np.ndarray]:
    """The pieces joined end to end where their ends meet (turned round where needed), so a crowd
    runs the whole way along a road the map data splits into ways, not round each way alone."""
    pieces = [np.asarray(s, dtype=np.float64) for s in surfaces]
    chains = []
    while pieces:
        chain, grown = pieces.pop(0), True
        while grown:
            grown = False
            for i, piece in enumerate(pieces):
                joined = _join(chain, piece)
                if joined is not None:
                    chain, grown = joined, True
                    pieces.pop(i)
                    break
        chains.append(chain)
    return chains


def _join(chain: np.ndarray, piece: np.ndarray) -> np.ndarray | None:
    near = lambda a, b: float(np.hypot(*(a[:2] - b[:2]))) < JOIN_M  # noqa: E731
    if near(chain[-1], piece[0]):
        return np.vstack([chain, piece[1:]])
    if near(chain[-1], piece[-1]):
        return np.vstack([chain, piece[::-1][1:]])
    if near(chain[0], piece[-1]):
        return np.vstack([piece[:-1], chain])
    if near(chain[0], piece[0]):
        return np.vstack([piece[::-1][:-1], chain])
    return None


def route_crowds(route: Route, lines: list[RoadLine], surfaces: list[np.ndarray]) -> list[CrowdPlan]:
    """The route's movers on its pieces joined end to end, shared out over them by length."""
    if route.movers is None or not lines:
        return []
    surfaces = chained(surfaces)
    lengths = np.array([np.hypot(*np.diff(pts[:, :2], axis=0).T).sum() for pts in surfaces])
    counts = np.floor(route.movers.count * lengths / lengths.sum()).astype(int)
    counts[int(np.argmax(lengths))] += route.movers.count - counts.sum()
    low, high = route.movers.speed_mps
    kind = route.movers.kind
    if kind == "walker":
        low, high = min(low, 1.0), min(high, 1.6)
    elif kind == "spectator":  # they stand and shuffle
        low, high = 0.0, 0.08
    return [plan_crowd(f"crowd:{route.id}:{k}", pts, int(n), (low, high), route.width_m,
                       route.movers.seed + k, sides=kind == "spectator")
            for k, (pts, n) in enumerate(zip(surfaces, counts)) if n > 0]
