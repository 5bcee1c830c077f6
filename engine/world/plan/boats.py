"""Where moored boats go, and the footprints of landmarks that are more than one circle.

A `boat` landmark is one boat at its lat/lon, or, with a `path` (the quay line), a row of boats
moored one after the other along it, each heading along its stretch of the quay, one boat length
and a gap apart. A `fort_wall` with a path keeps the camera out along the whole line. Pure numpy
(no trimesh): the facts, the plan and the G007 check all read the same spots.
"""
from __future__ import annotations

import math

import numpy as np

from engine.geo import LocalProjection
from engine.manifest.scene_schema import Landmark
from engine.world.plan.sizes import DEFAULT_SIZE


def path_points(lm: Landmark, proj: LocalProjection) -> np.ndarray:
    path = np.array(lm.path, dtype=np.float64)
    return proj.to_local_many(path[:, 0], path[:, 1])[:, :2]


def boat_gap(w: float) -> float:
    return max(w * 0.6, 1.5)


def boat_spots(lm: Landmark, proj: LocalProjection) -> list[tuple[float, float, float]]:
    """(x, y, heading_deg) of every boat of a boat landmark, in scene metres."""
    w, d, _ = lm.size_m or DEFAULT_SIZE["boat"]
    if lm.path is None:
        x, y, _ = proj.to_local(lm.lat, lm.lon)
        return [(x, y, lm.heading_deg)]
    pts = path_points(lm, proj)
    seg = np.diff(pts, axis=0)
    lengths = np.hypot(seg[:, 0], seg[:, 1])
    starts = np.concatenate([[0.0], np.cumsum(lengths)])
    total = float(starts[-1])
    step = d + boat_gap(w)
    count = max(int(total // step), 1)
    spots = []
    for k in range(count):
        s = total / 2 + (k - (count - 1) / 2) * step  # the row centred on the path
        i = int(np.clip(np.searchsorted(starts, s, side="right") - 1, 0, len(seg) - 1))
        f = (s - starts[i]) / max(lengths[i], 1e-9)
        x, y = pts[i] + seg[i] * f
        spots.append((float(x), float(y), math.degrees(math.atan2(seg[i][0], seg[i][1]))))
    return spots


def boat_base(lm: Landmark, water_level_m: float) -> float:
    """Boats float: their keel is at the water level (or the author's base_m)."""
    return lm.base_m if lm.base_m is not None else water_level_m


def wall_footprints(lm: Landmark, proj: LocalProjection, base: float) -> list[tuple]:
    """Circles along a fort_wall's path, overlapping so no camera slips between them."""
    _, d, h = lm.size_m or DEFAULT_SIZE["fort_wall"]
    pts = path_points(lm, proj)
    step = max(d * 2.0, 4.0)
    out = []
    for a, b in zip(pts[:-1], pts[1:]):
        n = max(int(math.ceil(float(np.hypot(*(b - a))) / step)), 1)
        for t in np.linspace(0.0, 1.0, n + 1):
            x, y = a + (b - a) * t
            out.append((float(x), float(y), step * 0.75 + d / 2, base + h))
    return out


def multi_footprints(lm: Landmark, proj: LocalProjection, ground, water_level_m: float) -> list[tuple] | None:
    """The footprints of a boat landmark or a fort_wall along a path; None for every other landmark."""
    if lm.kind == "boat":
        w, d, h = lm.size_m or DEFAULT_SIZE["boat"]
        top = boat_base(lm, water_level_m) + h
        return [(x, y, math.hypot(w, d) / 2, top) for x, y, _ in boat_spots(lm, proj)]
    if lm.kind == "fort_wall" and lm.path is not None:
        pts = path_points(lm, proj)
        base = lm.base_m if lm.base_m is not None else max(float(np.max(ground.height_at(pts[:, 0], pts[:, 1]))), 0.0)
        return wall_footprints(lm, proj, base)
    return None
