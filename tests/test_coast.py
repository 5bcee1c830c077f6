"""Coasts drawn along their outline: the ground the renderer draws meets the water exactly on the
polygon, at the shore's own height, with no grid steps; beaches only where the content says."""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest
import shapely

from engine.scene_library import scene_manifests
from engine.settings import PROJECT_ROOT
from engine.world.plan.coast import SEAWALL, WALL_FOOT_M
from engine.world.plan.mesh import merge
from engine.world.plan.terrain import SAND, scene_coast
from tests.conftest import shipped_plan

SCENES = scene_manifests(PROJECT_ROOT / "scenes")
STEP_M = 4.0  # samples along the coast


class MeshSampler:
    """Heights of a triangle mesh seen from above: every triangle over a point, by a grid index."""

    def __init__(self, mesh, bucket_m: float):
        self.v, self.t, self.size = mesh.vertices, mesh.triangles, bucket_m
        self.buckets = defaultdict(list)
        corners = self.v[self.t]
        lo, hi = np.floor(corners[..., :2].min(1) / bucket_m), np.floor(corners[..., :2].max(1) / bucket_m)
        for k, ((i0, j0), (i1, j1)) in enumerate(zip(lo.astype(int), hi.astype(int))):
            for i in range(i0, i1 + 1):
                for j in range(j0, j1 + 1):
                    self.buckets[(i, j)].append(k)

    def heights(self, x: float, y: float) -> list[float]:
        found = self.buckets.get((int(np.floor(x / self.size)), int(np.floor(y / self.size))), [])
        out = []
        for k in found:
            a, b, c = self.v[self.t[k]]
            d = (b[1] - c[1]) * (a[0] - c[0]) + (c[0] - b[0]) * (a[1] - c[1])
            if abs(d) < 1e-12:
                continue
            w1 = ((b[1] - c[1]) * (x - c[0]) + (c[0] - b[0]) * (y - c[1])) / d
            w2 = ((c[1] - a[1]) * (x - c[0]) + (a[0] - c[0]) * (y - c[1])) / d
            w3 = 1 - w1 - w2
            if min(w1, w2, w3) >= -1e-7:
                out.append(w1 * a[2] + w2 * b[2] + w3 * c[2])
        return out


@pytest.fixture(scope="module", params=sorted(SCENES))
def planned(request):
    scene, _, plan = shipped_plan(request.param)
    coast = scene_coast(scene, plan.projection)
    terrain = merge([b.mesh for b in plan.layer("terrain").batches if b.name.startswith("terrain:")])
    return scene, plan, coast, terrain, MeshSampler(terrain, scene.terrain.cell_m)


def coast_samples(coast, extent_m: float):
    """Points along the coast with the unit normal pointing to the water, away from the square's edge."""
    out = []
    for line in shapely.get_parts(shapely.segmentize(coast.lines, STEP_M)):
        pts = shapely.get_coordinates(line)
        for a, b in zip(pts[:-1], pts[1:]):
            length = float(np.hypot(*(b - a)))
            if length < 1.0:
                continue
            p = (a + b) / 2
            if np.abs(p).max() > extent_m - 20:
                continue
            n = np.array([b[1] - a[1], a[0] - b[0]]) / length
            if shapely.contains_xy(coast.land, *(p + n * 0.5)):
                n = -n
            out.append((p, n))
    return out


def test_the_ground_meets_the_water_on_the_outline_at_the_shore_height(planned):
    scene, plan, coast, terrain, sampler = planned
    level = scene.water.level_m
    samples = coast_samples(coast, scene.extent_m)
    assert len(samples) > 200, scene.id
    off_height, land_over_water, sunk_land = [], [], []
    for p, n in samples:
        on = sampler.heights(*p)
        expected = float(coast.tops_at([p[0]], [p[1]])[0])
        if not on or max(abs(h - expected) for h in on) > 0.1:
            off_height.append((p.round(1), on, round(expected, 2)))
        sea, land = p + n * 1.5, p - n * 1.5
        if not shapely.contains_xy(coast.land, *sea):  # (at a sharp point both probes fall on one side)
            seaward = sampler.heights(*sea)
            if seaward and max(seaward) > level:
                land_over_water.append(p.round(1))
        if shapely.contains_xy(coast.land, *land):
            inland = sampler.heights(*land)
            if not inland or min(inland) <= level:
                sunk_land.append(p.round(1))
    # a grid-stepped coast misses all three: its heights at the outline are whatever the cells
    # interpolate, whole cells stick out over the water and others fall short of the line
    assert not off_height, (scene.id, len(off_height), len(samples), off_height[:5])
    assert not land_over_water, (scene.id, len(land_over_water), land_over_water[:5])
    assert len(sunk_land) <= 0.01 * len(samples), (scene.id, len(sunk_land), sunk_land[:5])


def test_the_shore_wall_stands_on_the_outline_from_under_the_water_to_the_shore_top(planned):
    scene, plan, coast, terrain, sampler = planned
    wall = next(b.mesh for b in plan.layer("terrain").batches if b.name == "shore")
    v = wall.vertices
    assert np.allclose(coast.distance(v[:, 0], v[:, 1]), 0, atol=1e-3)
    bottom = v[:, 2] < scene.water.level_m
    assert np.allclose(v[bottom, 2], scene.water.level_m + WALL_FOOT_M)
    tops = v[~bottom]
    assert np.allclose(tops[:, 2], coast.tops_at(tops[:, 0], tops[:, 1]), atol=1e-6)
    # every wall faces the water: from the middle of each quad its normal points off the land
    quads = v.reshape(-1, 4, 3)
    probe = quads[:, :2, :2].mean(axis=1) + wall.normals[::4, :2] * 0.2
    assert not shapely.contains_xy(coast.land, probe[:, 0], probe[:, 1]).any()


def test_beaches_only_where_the_content_says(planned):
    scene, plan, coast, terrain, sampler = planned
    # sand's own hue, whatever the baked shade under buildings did to its brightness
    rgb = terrain.colours[:, :3]
    chroma = rgb / rgb.sum(axis=1, keepdims=True)
    sandy = np.all(np.abs(chroma - SAND[:3] / SAND[:3].sum()) < 1e-6, axis=1)
    xy = terrain.vertices[sandy, :2]
    beaches = [s for s in scene.terrain.shores if s.kind == "beach"]
    centres = [plan.projection.to_local(s.lat, s.lon)[:2] for s in beaches]
    within = np.zeros(len(xy), dtype=bool)
    for (x, y), s in zip(centres, beaches):
        within |= np.hypot(xy[:, 0] - x, xy[:, 1] - y) <= s.radius_m + 30
        assert (np.hypot(xy[:, 0] - x, xy[:, 1] - y) <= s.radius_m).sum() > 5, (scene.id, s.id)
    assert within.all(), (scene.id, xy[~within][:5])


def test_shore_kinds_follow_areas_and_sections(planned):
    scene, plan, coast, terrain, sampler = planned
    for section in scene.terrain.shores:
        x, y, _ = plan.projection.to_local(section.lat, section.lon)
        assert coast.kinds_at([x], [y])[0] == ("beach", "rock", "seawall").index(section.kind)
    if scene.terrain.shore == "seawall":
        samples = coast_samples(coast, scene.extent_m)
        kinds = coast.kinds_at([p[0] for p, _ in samples], [p[1] for p, _ in samples])
        assert (kinds == SEAWALL).mean() > 0.6, scene.id
