"""Issue 13, items 4 and 5 on the shipped scenes: the land beyond the square where OpenStreetMap has
it, the skyline towers in view from their viewpoints, and landmarks that match the data sheet."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine.geo import LocalProjection
from engine.world.plan import landmarks as lm_plan
from engine.world.plan.boats import boat_spots
from engine.world.plan.layout import sight_line
from engine.world.plan.sizes import DEFAULT_SIZE
from tests.conftest import shipped_plan

# points checked against the OSM land polygons of roaring-landmask 0.11.0 (True: land)
SAMPLES = {
    "gulangyu": {(24.4600, 118.0950): True, (24.4700, 118.0200): True, (24.4250, 118.0600): False,
                 (24.4700, 118.0500): False},
    "shapowei": {(24.4600, 118.0950): True, (24.4100, 118.1000): False, (24.4200, 118.1200): False},
    "yundang": {(24.5150, 118.1300): True, (24.4700, 118.0200): True, (24.4700, 118.0500): False},
}
ASPECT = 16 / 9


@pytest.fixture(scope="module")
def plans():
    return {name: shipped_plan(name)[2] for name in SAMPLES}


def _landmark(plan, ident):
    return next(lm for lm in plan.scene.landmarks if lm.id == ident)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_surroundings_lie_beyond_the_square_and_reach_three_extents(plans, name):
    plan = plans[name]
    half = plan.scene.extent_m
    layer = plan.layer("surroundings")
    v = np.concatenate([b.mesh.vertices for b in layer.batches])
    centres = np.concatenate([b.mesh.vertices[b.mesh.triangles].mean(axis=1) for b in layer.batches])
    assert (np.maximum(np.abs(centres[:, 0]), np.abs(centres[:, 1])) > half).all()  # the square stays the scene's
    assert np.abs(v[:, :2]).max() >= 3 * half
    assert len(layer.batches) <= 36  # tiled like the square (6 x 6 at most): a few draw calls, not hundreds
    # low flat land beyond a few cells (nearer, it eases from the scene's own edge: no step there)
    far = np.maximum(np.abs(v[:, 0]), np.abs(v[:, 1])) > half + 4.5 * plan.scene.surroundings.cell_m
    assert v[far, 2].max() <= plan.scene.surroundings.height_m + plan.scene.water.level_m + 1e-9


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_surroundings_are_land_where_osm_has_land(plans, name):
    plan = plans[name]
    proj = plan.projection
    batches = plan.layer("surroundings").batches
    v = np.concatenate([b.mesh.vertices for b in batches])
    level = plan.scene.water.level_m
    cell = plan.scene.surroundings.cell_m
    for (lat, lon), land in SAMPLES[name].items():
        x, y, _ = proj.to_local(lat, lon)
        assert max(abs(x), abs(y)) > plan.scene.extent_m, "a sample inside the square checks nothing here"
        near = np.hypot(v[:, 0] - x, v[:, 1] - y) < cell * 0.75
        if land:
            assert near.any() and (v[near, 2] > level + 0.5).all(), (lat, lon)
        else:
            assert not (v[near, 2] > level).any(), (lat, lon)


@pytest.mark.parametrize("ident, height", [("shimao_tower_a", 249.9), ("shimao_tower_b", 295.3)])
def test_the_shimao_towers_stand_at_their_real_heights_with_sail_tops(plans, ident, height):
    plan = plans["shapowei"]
    lm = _landmark(plan, ident)
    assert lm.top == "sail"
    v = lm_plan.landmark_mesh(lm, plan.projection, plan.facts.ground).vertices
    assert np.ptp(v[:, 2]) == pytest.approx(height, abs=1e-6)
    prints = plan.layer("landmarks").footprints
    x, y, _ = plan.projection.to_local(lm.lat, lm.lon)
    assert any(math.hypot(px - x, py - y) < 1 and top > height for px, py, _, top in prints)


def test_the_egret_goddess_kneels_13_6_m_above_her_base(plans):
    plan = plans["yundang"]
    lm = _landmark(plan, "egret_goddess_statue")
    assert lm.pose == "kneeling"
    ground = plan.facts.ground
    x, y, _ = plan.projection.to_local(lm.lat, lm.lon)
    w, d, _ = lm.size_m
    base = lm_plan._footprint_ground(ground, x, y, w, d, lm.kind)
    v = lm_plan.landmark_mesh(lm, plan.projection, ground).vertices
    assert v[:, 2].max() - base == pytest.approx(13.6, abs=1e-6)
    prints = plan.layer("landmarks").footprints  # tour cameras keep clear of her and her rock
    assert any(math.hypot(px - x, py - y) < 1 and r >= w / 2 for px, py, r, _ in prints)


def test_the_shapowei_boats_float_in_the_shelter(plans):
    plan = plans["shapowei"]
    boats = [lm for lm in plan.scene.landmarks if lm.kind == "boat"]
    assert len(boats) >= 2
    ground, level = plan.facts.ground, plan.scene.water.level_m
    for lm in boats:
        spots = boat_spots(lm, plan.projection)
        assert len(spots) >= 5
        assert not any(bool(ground.is_land(x, y)) for x, y, _ in spots), lm.id
        v = lm_plan.landmark_mesh(lm, plan.projection, ground, level).vertices
        assert v[:, 2].min() == pytest.approx(level)  # keels at the water level
        assert v[:, 2].max() == pytest.approx(level + (lm.size_m or DEFAULT_SIZE["boat"])[2])
    prints = plan.layer("landmarks").footprints
    x, y, _ = boat_spots(boats[0], plan.projection)[0]
    assert any(math.hypot(px - x, py - y) < 0.01 for px, py, _, _ in prints)


def _in_frame(eye, target, fov_deg, point) -> tuple[float, float]:
    """Where a point falls in the viewpoint's frame, -1..1 across and up (a 16:9 frame)."""
    forward = (target - eye) / np.linalg.norm(target - eye)
    right = np.cross(forward, (0, 0, 1.0))
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    rel = point - eye
    depth = rel @ forward
    assert depth > 0, "behind the camera"
    t = math.tan(math.radians(fov_deg) / 2)
    return (rel @ right) / depth / (t * ASPECT), (rel @ up) / depth / t


@pytest.mark.parametrize("name, view, tower", [("gulangyu", "shimao_from_sunlight_rock", "shimao_tower_a"),
                                               ("gulangyu", "shimao_from_sunlight_rock", "shimao_tower_b"),
                                               ("yundang", "north_to_jimei", "egret_west_tower")])
def test_a_skyline_tower_is_in_view_and_unhidden_from_its_viewpoint(plans, name, view, tower):
    plan = plans[name]
    scene, proj = plan.scene, plan.projection
    vp = next(v for v in scene.viewpoints if v.id == view)
    sky = next(t for t in scene.skyline if t.id == tower)
    eye, target = sight_line(vp, scene, proj, plan.facts.ground)
    x, y, _ = proj.to_local(sky.lat, sky.lon)
    for frac in (0.5, 0.9):  # its upper half is in the frame
        sx, sy = _in_frame(eye, target, vp.fov_deg, np.array([x, y, sky.base_m + sky.size_m[2] * frac]))
        assert abs(sx) < 1 and abs(sy) < 1, (frac, sx, sy)
    top = np.array([x, y, sky.base_m + sky.size_m[2] * 0.9])
    ts = np.linspace(0.02, 1.0, 400)  # nothing on the terrain hides it
    ray = eye + (top - eye) * ts[:, None]
    half = scene.extent_m
    inside = (np.abs(ray[:, 0]) < half) & (np.abs(ray[:, 1]) < half)
    ground = plan.facts.ground.height_at(ray[inside, 0], ray[inside, 1])
    assert (ray[inside, 2] > ground).all()
    assert plan.layer("skyline").triangle_count > 0


def test_a_skyline_tower_inside_the_square_keeps_cameras_out_and_one_beyond_has_no_footprint(plans):
    from engine.world.plan.skyline_facts import skyline_footprints
    plan = plans["yundang"]
    assert len(plan.layer("skyline").footprints) == 0  # the Egret West Tower is in Jimei, 14 km out
    assert len(plans["gulangyu"].layer("skyline").footprints) == 0
    tower = plan.scene.skyline[0].model_copy(update={"lat": 24.4855, "lon": 118.0960})  # moved into the square
    scene = plan.scene.model_copy(update={"skyline": [tower]})
    prints = skyline_footprints(scene, plan.projection)
    assert len(prints) == 1 and prints[0][3] == pytest.approx(4.0 + 266) and prints[0][2] == pytest.approx(50 * 2 ** 0.5 / 2)


def test_the_egret_west_tower_stands_on_the_land_beyond_the_square(plans):
    plan = plans["yundang"]
    tower = plan.scene.skyline[0]
    x, y, _ = plan.projection.to_local(tower.lat, tower.lon)
    v = np.concatenate([b.mesh.vertices for b in plan.layer("surroundings").batches])
    near = np.hypot(v[:, 0] - x, v[:, 1] - y) < plan.scene.surroundings.cell_m
    assert near.any() and (v[near, 2] > 0.5).all()


def test_a_projection_check_of_the_local_frame():
    proj = LocalProjection(24.4475, 118.0619)
    x, _, _ = proj.to_local(24.4475, 118.0840)
    assert x > 1800  # the Shimao towers are beyond the Gulangyu square: a skyline entry, not a landmark
