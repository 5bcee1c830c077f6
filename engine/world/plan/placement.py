"""Where generated props go, without their meshes: the occupancy of footprints, random points in
an area that keep clear of POIs and sight lines, and each district's building plan.

Pure numpy and shapely (no trimesh): the tour camera's clearance floor is planned from these
without building any geometry.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from engine.manifest.scene_schema import District
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.mesh import hex_colour


class Occupancy:
    """Round footprints already placed (buildings, trees), so later props never overlap them,
    whichever district or planting they belong to."""

    CELL = 25.0

    def __init__(self):
        self._cells: dict[tuple[int, int], list[tuple[float, float, float]]] = {}
        self._largest = 0.0

    def free(self, x: float, y: float, radius: float) -> bool:
        cx, cy = int(x // self.CELL), int(y // self.CELL)
        reach = int(np.ceil((radius + self._largest) / self.CELL))
        for i in range(cx - reach, cx + reach + 1):
            for j in range(cy - reach, cy + reach + 1):
                for ox, oy, r in self._cells.get((i, j), ()):
                    if (ox - x) ** 2 + (oy - y) ** 2 < (r + radius) ** 2:
                        return False
        return True

    def add(self, x: float, y: float, radius: float) -> None:
        self._cells.setdefault((int(x // self.CELL), int(y // self.CELL)), []).append((x, y, radius))
        self._largest = max(self._largest, radius)


def sample_points(polygon, count: int, rng: np.random.Generator, accept, radius: float,
                  occupancy: Occupancy) -> np.ndarray:
    """Up to `count` random points inside `polygon`, passing `accept`, whose circles of `radius`
    overlap nothing already in `occupancy` (they are added to it)."""
    if polygon.is_empty:
        return np.zeros((0, 2))
    minx, miny, maxx, maxy = polygon.bounds
    chosen: list[tuple[float, float]] = []
    for _ in range(8):
        if len(chosen) >= count:
            break
        xs = rng.uniform(minx, maxx, count * 4)
        ys = rng.uniform(miny, maxy, count * 4)
        ok = shapely.contains_xy(polygon, xs, ys) & accept(xs, ys)
        for x, y in zip(xs[ok], ys[ok]):
            if not occupancy.free(x, y, radius):
                continue
            occupancy.add(x, y, radius)
            chosen.append((x, y))
            if len(chosen) >= count:
                break
    return np.array(chosen).reshape(-1, 2)


def clear_of(points: np.ndarray, radius: float):
    def accept(xs, ys):
        if not len(points) or radius <= 0:
            return np.ones(xs.shape, dtype=bool)
        d2 = (xs[:, None] - points[None, :, 0]) ** 2 + (ys[:, None] - points[None, :, 1]) ** 2
        return d2.min(axis=1) > radius * radius
    return accept


class SightLines:
    """The lines from each viewpoint to what it looks at: no building may rise into one, so a
    generated tower never stands in front of the view an author chose."""

    MARGIN_M = 8.0

    def __init__(self, segments: list[tuple[np.ndarray, np.ndarray]]):
        self.segments = segments

    def blocked(self, xs, ys, tops, half_width: float) -> np.ndarray:
        """True where a building of top height `tops` at (xs, ys) reaches into a sight line."""
        out = np.zeros(np.shape(xs), dtype=bool)
        for start, end in self.segments:
            d = end[:2] - start[:2]
            length2 = max(float(d @ d), 1e-9)
            t = np.clip(((xs - start[0]) * d[0] + (ys - start[1]) * d[1]) / length2, 0.0, 1.0)
            near = np.hypot(xs - (start[0] + t * d[0]), ys - (start[1] + t * d[1])) < half_width + self.MARGIN_M
            line_z = start[2] + t * (end[2] - start[2])
            out |= near & (tops + self.MARGIN_M > line_z) & (t < 0.9)  # the target itself may stand tall
        return out


FOOTPRINTS = {"villa": (12, 18), "house": (7, 12), "block": (16, 30), "tower": (22, 34)}  # metres, min-max side


@dataclass
class DistrictPlan:
    """Where a district's buildings go, and their sizes: everything but the meshes, so the camera
    of a tour can keep clear of them without building any geometry."""

    district: District
    variants: list[tuple[float, float, float, tuple]]  # width, depth, height, roof tint
    buildings: list[tuple[float, float, float, int, float, float]]  # x, y, base, variant, heading, scale

    def footprints(self) -> list[tuple[float, float, float, float]]:
        """(x, y, radius, top) of every building, tops including roofs and spires."""
        out = []
        for x, y, base, v, _, scale in self.buildings:
            w, d, h, _ = self.variants[v]
            out.append((x, y, float(np.hypot(w, d)) / 2 * scale, base + (h * 1.1 + 2.0) * scale))
        return out


def plan_district(district: District, polygon, ground: Heightfield, keep_clear: np.ndarray,
                  occupancy: Occupancy, sight: SightLines) -> DistrictPlan:
    """Buildings at random places in the area (districts with no road near them; see
    engine.world.plan.streets for those laid out along their streets)."""
    rng = np.random.default_rng(district.seed)
    footprint = FOOTPRINTS[district.style]
    radius = footprint[1] * 0.62  # half the largest footprint's diagonal-ish, plus a lane
    accept = district_accept(district, ground, keep_clear, sight, radius)
    points = sample_points(polygon, district.count, rng, accept, radius, occupancy)
    variants = district_variants(district, rng)
    buildings = []
    for x, y in points:
        base = float(ground.height_at(x, y)) - 0.5
        variant = int(rng.integers(len(variants)))
        heading = float(rng.choice([0, 90, 180, 270]) + rng.uniform(-12, 12))
        buildings.append((float(x), float(y), base, variant, heading, float(rng.uniform(0.85, 1.15))))
    return DistrictPlan(district, variants, buildings)


def district_accept(district: District, ground: Heightfield, keep_clear: np.ndarray, sight: SightLines,
                    radius: float):
    """Where a building of the district may stand: on flat enough land in its height range, clear of
    POIs and landmarks, out of every sight line."""
    hi = district.height_m[1]
    side = FOOTPRINTS[district.style][1]

    def accept(xs, ys):
        g = ground.height_at(xs, ys)
        return ((g > 1.2) & (g < district.max_ground_m) & ground.is_land(xs, ys)
                & _flat_enough(ground, xs, ys, side) & clear_of(keep_clear, district.keep_clear_m)(xs, ys)
                & ~sight.blocked(xs, ys, g + hi * 1.15, radius))
    return accept


def district_variants(district: District, rng: np.random.Generator) -> list[tuple[float, float, float, tuple]]:
    """A handful of variants keeps generation fast; copies differ by heading and scale."""
    lo, hi = district.height_m
    footprint = FOOTPRINTS[district.style]
    roof = np.array(hex_colour(district.roof_colour))
    variants = []
    for _ in range(6):
        w, d = rng.uniform(*footprint, 2)
        h = rng.uniform(lo, hi)
        tint = np.clip(roof * rng.uniform(0.85, 1.1), 0, 1)
        tint[3] = 1.0
        variants.append((float(w), float(d), float(h), tuple(tint)))
    return variants


def _flat_enough(ground: Heightfield, xs, ys, size: float) -> np.ndarray:
    r = size / 2
    samples = [ground.height_at(xs + dx, ys + dy) for dx, dy in ((r, 0), (-r, 0), (0, r), (0, -r))]
    return (np.max(samples, axis=0) - np.min(samples, axis=0)) < size * 0.45
