"""The shapes of issue 13: sail-topped towers differ from ordinary ones, the kneeling statue crowns
her rock, boats float at the water level in a row along their quay, and a fort wall follows its path."""
import numpy as np
import pytest

from engine.geo import LocalProjection
from engine.manifest.scene_schema import Landmark
from engine.world.plan import kit_shapes
from engine.world.plan.boats import boat_spots, multi_footprints
from engine.world.plan.landmarks import landmark_mesh

ORIGIN = (24.45, 118.07)
PROJ = LocalProjection(*ORIGIN)


class FlatGround:
    def height_at(self, x, y):
        return np.full(np.shape(x), 2.0)


def _top_slice(mesh, h, frac=0.9):
    v = mesh.vertices
    return v[v[:, 2] >= h * frac]


def test_a_sail_top_slants_to_one_side_while_a_stepped_top_is_level_and_centred():
    w, d, h = 45.0, 45.0, 295.3
    sail, stepped = kit_shapes.sail_tower(w, d, h), kit_shapes.stepped_tower(w, d, h)
    assert sail.vertices[:, 2].max() == pytest.approx(h) and stepped.vertices[:, 2].max() == pytest.approx(h)
    top_sail, top_stepped = _top_slice(sail, h), _top_slice(stepped, h)
    # the sail's upper tenth is all on its right: the roof rises from 82% on the left to 100% on the right
    assert top_sail[:, 0].mean() > w * 0.1
    assert abs(top_stepped[:, 0].mean()) < 1e-6
    # the stepped top is flat: its highest vertices all share one height; the sail's spread over 18% of h
    roof_sail = sail.vertices[sail.vertices[:, 2] > h * 0.8, 2]
    assert np.ptp(roof_sail) > h * 0.15
    assert np.ptp(top_stepped[top_stepped[:, 2] > h * 0.99, 2]) < 1e-6


def test_the_kneeling_statue_rises_from_a_rock_wider_than_her():
    w, d, h = 10.0, 10.0, 13.6
    mesh = kit_shapes.kneeling_statue(w, d, h)
    v = mesh.vertices
    assert v[:, 2].max() == pytest.approx(h)
    above = v[v[:, 2] > h * 0.45]  # the figure, above her rock
    assert np.ptp(above[:, 0]) < w * 0.5 and np.ptp(above[:, 1]) < d * 0.6


def test_a_row_of_boats_floats_at_the_water_level_heading_along_the_quay():
    quay = [[24.45, 118.07], [24.45, 118.0712]]  # 121 m due east
    lm = Landmark(id="row", kind="boat", path=quay, size_m=[3.5, 11, 6])
    spots = boat_spots(lm, PROJ)
    assert len(spots) == 9  # one per 11 m boat and a 2.1 m gap
    assert all(h == pytest.approx(90.0, abs=0.01) for _, _, h in spots)
    mesh = landmark_mesh(lm, PROJ, FlatGround(), water_level_m=0.3)
    assert mesh.vertices[:, 2].min() == pytest.approx(0.3)  # keels at the water level, not on the ground
    assert mesh.vertices[:, 2].max() == pytest.approx(6.3)
    prints = multi_footprints(lm, PROJ, FlatGround(), 0.3)
    assert len(prints) == 9 and all(top == pytest.approx(6.3) for *_, top in prints)


def test_a_fort_wall_follows_its_path():
    path = [[24.45, 118.07], [24.4505, 118.07], [24.4505, 118.0706]]  # north ~55 m, then east ~60 m
    lm = Landmark(id="wall", kind="fort_wall", path=path, size_m=[30, 3, 5])
    mesh = landmark_mesh(lm, PROJ, FlatGround())
    pts = PROJ.to_local_many(np.array(path)[:, 0], np.array(path)[:, 1])[:, :2]
    v = mesh.vertices
    # every vertex lies within the wall's thickness (and the corner's lengthening) of the polyline
    from shapely.geometry import LineString, Point
    line = LineString(pts)
    assert max(line.distance(Point(x, y)) for x, y in v[:, :2]) <= 3.0
    # and the wall covers the whole line: sample it every 5 m
    for t in np.linspace(0, line.length, 25):
        p = line.interpolate(t)
        assert np.hypot(v[:, 0] - p.x, v[:, 1] - p.y).min() < 5.0
    assert v[:, 2].min() == pytest.approx(2.0) and v[:, 2].max() == pytest.approx(7.0)
    prints = multi_footprints(lm, PROJ, FlatGround(), 0.0)
    for t in np.linspace(0, line.length, 25):  # the camera is kept out all along it
        p = line.interpolate(t)
        assert any(np.hypot(x - p.x, y - p.y) < r for x, y, r, _ in prints)


def test_district_towers_have_the_stepped_top_not_a_sail_nor_a_spire():
    from engine.world.plan import kit
    v = kit.district_building("tower", 30.0, 30.0, 120.0, (0.5, 0.5, 0.5, 1.0), (0.8, 0.8, 0.8, 1.0)).vertices
    top = v[v[:, 2] > 120.0 * 0.99]
    assert np.ptp(top[:, 2]) < 1e-6 and len(top) >= 4  # a flat roof, not the apex of a spire
    assert abs(top[:, 0].mean()) < 1e-6
