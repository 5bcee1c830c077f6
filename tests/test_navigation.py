"""Free navigation on a real scene's ground: eye height, clearance, orbit distance."""
import math

import pytest

from engine.display.navigation import EYE_HEIGHT_M, MIN_CLEARANCE_M, Navigator
from tests.conftest import ISLET


@pytest.fixture()
def nav(open_view):
    view = open_view(ISLET)
    navigator = Navigator(view.rig, view.built.ground, view.built.manifest.extent_m)
    navigator.orbit_around(view.target_of(view.default_view()))
    return navigator


def ground_under(nav):
    p = nav.rig.position
    return max(float(nav.ground.height_at(p.x, p.y)), 0.0)


def test_walking_keeps_the_eye_at_eye_height_over_the_hill(nav):
    nav.rig.set_pose((-150, 0, 50), -90, 0)  # west of the summit, facing east (heading -90)
    nav.set_mode("walk")
    heights = []
    for _ in range(80):
        nav.move(1, 0, 0, 1.0)  # 4 m a step, over the 40 m hill
        heights.append(nav.rig.position.z - ground_under(nav))
    assert nav.rig.position.x > 150
    assert max(heights) == pytest.approx(EYE_HEIGHT_M, abs=0.01)
    assert min(heights) == pytest.approx(EYE_HEIGHT_M, abs=0.01)


def test_flying_down_stops_above_the_ground(nav):
    nav.set_mode("fly")
    for _ in range(200):
        nav.move(0, 0, -1, 1.0)
    assert nav.rig.position.z - ground_under(nav) == pytest.approx(MIN_CLEARANCE_M, abs=0.01)


def test_orbit_drag_keeps_distance_and_turns_around_the_pivot(nav):
    start = (nav.rig.position - nav.pivot).length()
    nav.zoom(3)
    before = (nav.rig.position - nav.pivot).length()
    assert before == pytest.approx(start * 0.85 ** 3, rel=0.02)
    heading = nav.rig.heading
    nav.drag(200, 0)
    assert (nav.rig.position - nav.pivot).length() == pytest.approx(before, rel=0.02)
    assert (nav.rig.heading - heading) % 360 == pytest.approx(310, abs=1)  # 200 px at 0.25 deg/px, leftwards


def test_navigation_stays_inside_the_scene(nav):
    nav.set_mode("fly")
    for _ in range(100):
        nav.move(1, 1, 0, 1.0)
    p = nav.rig.position
    assert abs(p.x) <= nav.limit + 1e-6 and abs(p.y) <= nav.limit + 1e-6
    assert math.isfinite(p.z)
