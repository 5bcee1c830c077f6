"""Districts laid out along their streets: buildings in rows beside the roads, set back from the
road's edge, facing it and parallel to it, none standing on a road.

A district whose area comes within REACH_M of a road fills slots along both sides of every road
near it, first the row at the street, then the row behind it, in a random order within each row;
whatever its count leaves over goes to random places as before (still off every road, facing the
nearest road within FACING_M). A district with no road near it is planned exactly as before
(engine.world.plan.placement.plan_district). Pure numpy and shapely.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.strtree import STRtree

from engine.manifest.scene_schema import District
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.placement import (FOOTPRINTS, DistrictPlan, Occupancy, SightLines, district_accept,
                                         district_variants, sample_points)
from engine.world.plan.roads import RoadLine, ribbon_polygons

REACH_M = 40.0  # a district area this near a road is laid out along its streets
SETBACK_M = 3.0  # pavement between a road's edge and the circle round a building's footprint
ROWS = 4  # rows of buildings behind each other along a street (the first row first)
FACING_M = 100.0  # a building this near a road (its centre line) faces it
TREE_SPACING = 0.5  # road circles kept from trees: every half width along the line


@dataclass
class Streets:
    """The roads as shapely lines and ribbons, indexed."""

    roads: list[RoadLine]

    def __post_init__(self):  # every road (bridges too) is kept clear; buildings line ground roads only
        self.on_ground = np.array([r.deck is None for r in self.roads], dtype=bool)
        # the resampled points add nothing to a straight stretch: simplified, the queries run faster
        self.lines = shapely.simplify(np.array([r.line for r in self.roads], dtype=object), 0.2)
        self.ribbons = ribbon_polygons(self.roads) if self.roads else np.array([], dtype=object)
        self.tree = STRtree(self.ribbons)
        self.line_tree = STRtree(self.lines)
        self.half_widths = np.array([r.width / 2 for r in self.roads])

    def clear(self, xs, ys, distance: float) -> np.ndarray:
        """True where a point lies more than `distance` from every road's edge."""
        out = np.ones(len(xs), dtype=bool)
        if not len(self.roads) or not len(xs):
            return out
        points = shapely.points(xs, ys)
        near, road = self.line_tree.query(points, predicate="dwithin",
                                          distance=distance + float(self.half_widths.max()))
        hit = shapely.distance(points[near], self.lines[road]) <= distance + self.half_widths[road]
        out[near[hit]] = False
        return out

    def near(self, geometry, distance: float) -> np.ndarray:
        if not len(self.roads):
            return np.zeros(0, dtype=np.int64)
        found = np.sort(self.tree.query(geometry, predicate="dwithin", distance=distance))
        return found[self.on_ground[found]]

    def keep_trees_off(self, occupancy: Occupancy) -> None:
        """Circles along every road into the occupancy, so no tree is planted on a road."""
        for road in self.roads:
            r = road.width / 2
            line = road.line
            steps = np.arange(0.0, line.length + 1e-9, max(r * 2 * TREE_SPACING, 1.0))
            for x, y in shapely.get_coordinates(shapely.line_interpolate_point(line, steps)):
                occupancy.add(float(x), float(y), r)


def street_order(districts: list[District]) -> list[int]:
    """The order districts are planned in: towers, then blocks, villas and houses (each in manifest
    order), so the largest buildings front the main roads and smaller ones fill in around them."""
    return sorted(range(len(districts)), key=lambda k: -FOOTPRINTS[districts[k].style][1])


def plan_street_district(district: District, polygon, ground: Heightfield, keep_clear: np.ndarray,
                         occupancy: Occupancy, sight: SightLines, streets: Streets) -> DistrictPlan | None:
    """The district's buildings along its streets, or None when no road comes near its area."""
    if polygon.is_empty:
        return None
    nearby = streets.near(polygon, REACH_M)
    if not len(nearby):
        return None
    rng = np.random.default_rng(district.seed)
    radius = FOOTPRINTS[district.style][1] * 0.62  # the occupancy's spacing, as for random districts
    variants = district_variants(district, rng)
    reach = max(np.hypot(w, d) for w, d, _, _ in variants) / 2 * 1.15  # the largest footprint circle
    accept = district_accept(district, ground, keep_clear, sight, radius)

    def allowed(xs, ys):
        ok = shapely.contains_xy(polygon, xs, ys) & accept(xs, ys)
        ok[ok] = streets.clear(xs[ok], ys[ok], reach + 1.0)  # the footprint's circle is off every road
        return ok

    chosen = []
    for row in range(ROWS):
        if len(chosen) >= district.count:
            break
        xs, ys = _row_slots(streets, nearby, row, reach, radius)
        order = rng.permutation(len(xs))
        xs, ys = xs[order], ys[order]
        ok = allowed(xs, ys) if len(xs) else np.zeros(0, dtype=bool)
        for x, y in zip(xs[ok], ys[ok]):
            if len(chosen) >= district.count:
                break
            if occupancy.free(x, y, radius):
                occupancy.add(x, y, radius)
                chosen.append((float(x), float(y)))
    if len(chosen) < district.count:
        fill = sample_points(polygon, district.count - len(chosen), rng, allowed, radius, occupancy)
        chosen += [(float(x), float(y)) for x, y in fill]
    buildings = []
    facing = _facing(streets, np.array(chosen).reshape(-1, 2))
    for (x, y), heading in zip(chosen, facing):
        variant = int(rng.integers(len(variants)))
        if np.isnan(heading):
            heading = float(rng.choice([0, 90, 180, 270]) + rng.uniform(-12, 12))
        buildings.append((x, y, float(ground.height_at(x, y)) - 0.5, variant, heading,
                          float(rng.uniform(0.85, 1.15))))
    return DistrictPlan(district, variants, buildings)


def _row_slots(streets: Streets, nearby: np.ndarray, row: int, reach: float,
               radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Evenly spaced places on both sides of the nearby roads, `row` rows back from the street."""
    spacing = 2 * radius + 1.0
    xs, ys = [], []
    for i in nearby:
        road = streets.roads[i]
        offset = road.width / 2 + SETBACK_M + reach + row * (2 * radius + 1.0)
        for side in (1.0, -1.0):
            curve = shapely.offset_curve(streets.lines[i], side * offset, join_style="mitre", mitre_limit=2.0)
            for part in getattr(curve, "geoms", [curve]):
                if part.is_empty or part.length < spacing / 2:
                    continue
                pts = shapely.line_interpolate_point(part, np.arange(spacing / 2, part.length, spacing))
                coords = shapely.get_coordinates(pts)
                xs.append(coords[:, 0])
                ys.append(coords[:, 1])
    if not xs:
        return np.zeros(0), np.zeros(0)
    return np.concatenate(xs), np.concatenate(ys)


def _facing(streets: Streets, xy: np.ndarray) -> np.ndarray:
    """The headings (clockwise from north) that turn buildings at xy to face the nearest road within
    FACING_M, their width (local x) along the road's direction there, their front (local +y)
    towards it; NaN where no road is that near."""
    out = np.full(len(xy), np.nan)
    if not len(xy) or not len(streets.roads):
        return out
    points = shapely.points(xy)
    which, road = streets.line_tree.query_nearest(points, max_distance=FACING_M, all_matches=False)
    lines = streets.lines[road]
    s = shapely.line_locate_point(lines, points[which])
    foot = shapely.get_coordinates(shapely.line_interpolate_point(lines, s))
    a = shapely.get_coordinates(shapely.line_interpolate_point(lines, np.maximum(s - 2.0, 0.0)))
    b = shapely.get_coordinates(shapely.line_interpolate_point(lines, s + 2.0))  # clamped at the end
    along = np.degrees(np.arctan2(b[:, 0] - a[:, 0], b[:, 1] - a[:, 1]))  # the road's bearing
    towards = np.degrees(np.arctan2(foot[:, 0] - xy[which, 0], foot[:, 1] - xy[which, 1]))
    turn = np.where(np.abs((along + 90.0 - towards + 180.0) % 360.0 - 180.0) <= 90.0, 90.0, -90.0)
    out[which] = (along + turn) % 360.0
    return out
