"""Meshes of districts and vegetation: one template mesh per variant, copied to many places.

The plan builder merges the copies per map tile (engine.world.plan.tiles), so thousands of props
cost a few draw calls. Where things go is decided in engine.world.plan.placement.
"""
from __future__ import annotations

import numpy as np

from engine.manifest.scene_schema import Vegetation
from engine.world.plan import kit
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.mesh import Mesh, heading_rotation, hex_colour
from engine.world.plan.placement import DistrictPlan, Occupancy, clear_of, sample_points


def district_meshes(plan: DistrictPlan) -> list[tuple[float, float, Mesh]]:
    wall = hex_colour(plan.district.wall_colour)
    meshes = [kit.district_building(plan.district.style, w, d, h, wall, tint) for w, d, h, tint in plan.variants]
    return [(x, y, meshes[v].transformed(heading_rotation(heading), (x, y, base), scale))
            for x, y, base, v, heading, scale in plan.buildings]


def vegetation_meshes(veg: Vegetation, polygon, ground: Heightfield, keep_clear: np.ndarray,
                      occupancy: Occupancy) -> list[tuple[float, float, Mesh]]:
    rng = np.random.default_rng(veg.seed)
    lo, hi = veg.height_m
    templates = [kit.tree(veg.kind, h) for h in np.linspace(lo, hi, 4)]

    def accept(xs, ys):
        g = ground.height_at(xs, ys)
        return (g > 0.8) & ground.is_land(xs, ys) & clear_of(keep_clear, 12.0)(xs, ys)

    points = sample_points(polygon, veg.count, rng, accept, hi * 0.25, occupancy)
    placed = []
    for x, y in points:
        mesh = templates[rng.integers(len(templates))]
        rot = heading_rotation(rng.uniform(0, 360))
        placed.append((x, y, mesh.transformed(rot, (x, y, float(ground.height_at(x, y)) - 0.3),
                                              rng.uniform(0.8, 1.2))))
    return placed
