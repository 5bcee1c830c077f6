"""World building from manifests: heights where the facts say, land and water where the outlines say."""
import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon

from engine.geo import LocalProjection
from engine.manifest.scene_loader import load_scene
from engine.scene_library import scene_manifests
from engine.settings import PROJECT_ROOT
from engine.world.plan.placement import Occupancy, SightLines
from engine.world.plan.terrain import build_heightfield

SCENES = scene_manifests(PROJECT_ROOT / "scenes")


@pytest.fixture(scope="module")
def gulangyu():
    scene, _ = load_scene(SCENES["gulangyu"])
    proj = LocalProjection(scene.origin.lat, scene.origin.lon)
    return scene, proj, build_heightfield(scene, proj)


def test_named_summits_stand_at_their_heights(gulangyu):
    scene, proj, ground = gulangyu
    for peak in scene.terrain.peaks:
        x, y, _ = proj.to_local(peak.lat, peak.lon)
        assert float(ground.height_at(x, y)) == pytest.approx(peak.height_m, abs=1.0), peak.id
    rock = next(p for p in scene.terrain.peaks if p.id == "sunlight_rock")
    assert ground.heights.max() == pytest.approx(rock.height_m, abs=1.0)  # the island's highest point


def test_land_and_sea_follow_the_outline(gulangyu):
    scene, proj, ground = gulangyu
    island = next(a for a in scene.terrain.areas if a.id == "gulangyu")
    ring = np.array(island.outline)
    poly = Polygon(proj.to_local_many(ring[:, 0], ring[:, 1])[:, :2])
    inner, outer = poly.buffer(-3 * ground.cell), poly.buffer(3 * ground.cell)
    ny, nx = ground.heights.shape
    xs, ys = np.meshgrid(ground.x0 + np.arange(nx) * ground.cell, ground.y0 + np.arange(ny) * ground.cell)
    well_inside = shapely.contains_xy(inner, xs, ys)
    # the strait: within the scene, outside the island, not on the Xiamen shore (x > island, y band)
    others = [a for a in scene.terrain.areas if a.surface == "land" and a.id != island.id]
    other_land = np.zeros(xs.shape, dtype=bool)
    for area in others:
        r = np.array(area.outline)
        other_land |= shapely.contains_xy(Polygon(proj.to_local_many(r[:, 0], r[:, 1])[:, :2]).buffer(
            3 * ground.cell), xs, ys)
    open_sea = ~shapely.contains_xy(outer, xs, ys) & ~other_land
    assert (ground.heights[well_inside] > 0.5).all(), "island ground under water"
    assert (ground.heights[open_sea] < 0).all(), "land standing in the sea"


def test_occupancy_keeps_footprints_apart():
    occ = Occupancy()
    occ.add(0, 0, 10)
    assert not occ.free(15, 0, 6)
    assert occ.free(17, 0, 6)
    occ.add(100, 100, 60)  # a large circle is still found from a far cell
    assert not occ.free(150, 100, 5)


def test_sight_lines_keep_tall_buildings_out_of_the_view():
    eye, target = np.array([0.0, 0.0, 100.0]), np.array([1000.0, 0.0, 20.0])
    sight = SightLines([(eye, target)])
    xs, ys = np.array([200.0, 200.0, 200.0, 500.0]), np.array([0.0, 0.0, 200.0, 0.0])
    tops = np.array([95.0, 30.0, 300.0, 30.0])
    # at x=200 the line is at z=84: a 95 m top blocks it, a 30 m one does not; 200 m aside is clear
    assert sight.blocked(xs, ys, tops, half_width=10).tolist() == [True, False, False, False]
