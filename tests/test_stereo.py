"""Stereo: two eyes on a head, side by side, checked on rendered pixels (offscreen, llvmpipe)."""
from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
from panda3d.core import CardMaker, NodePath, Point2, Point3, Quat, Vec3

from engine.display.side_by_side import SideBySide, on_mono_camera
from engine.display.stereo_rig import EyeFov, StereoRig, lens_for_fov
from tests.conftest import ISLET, RENDER_SIZE
from tests.pixels import boat_hull_mask, bright_centroid, halves

HALF_W, HALF_H = RENDER_SIZE[0] // 2, RENDER_SIZE[1]
# Asymmetric like a headset's eye (wider towards the nose side is the other way round; any will do),
# with a film shape near a half's 2:3 so pixels stay about square.
ASYMMETRIC = EyeFov(angle_left=-0.5, angle_right=0.3, angle_up=0.6, angle_down=-0.5)


@pytest.fixture
def stage(offscreen_base):
    """An empty black world in front of a stereo rig, shown side by side on the shared offscreen base."""
    root = NodePath("stereo-test")
    rig = StereoRig(root.attach_new_node("camera"), near=0.05, far=1000)
    pair = SideBySide(offscreen_base, rig, follow_mono=False)
    clear = offscreen_base.win.get_clear_color()
    offscreen_base.win.set_clear_color((0, 0, 0, 1))

    def square(pos, half_size, colour=(1, 1, 1, 1)):
        card = CardMaker("square")
        card.set_frame(-half_size, half_size, -half_size, half_size)  # faces -Y: towards the rig
        node = root.attach_new_node(card.generate())
        node.set_pos(*pos)
        node.set_color(*colour)
        return node

    def frame():
        from engine.display.base import pixels
        return pixels(offscreen_base)

    yield SimpleNamespace(rig=rig, square=square, frame=frame)
    pair.close()
    offscreen_base.win.set_clear_color(clear)


# --- the lens ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fov", [ASYMMETRIC, EyeFov(-0.8, 0.75, 0.7, -0.85), EyeFov.symmetric(100, 0.9),
                                 EyeFov(0.1, 0.6, -0.1, -0.4)])  # the last sees nothing straight ahead
def test_the_edge_rays_of_a_fov_land_on_the_film_edges(fov):
    lens = lens_for_fov(fov, 0.1, 100)
    tl, tr, tu, td = fov.tangents
    mid_x, mid_z = (tl + tr) / 2, (tu + td) / 2
    for direction, expected in [((tl, 1, mid_z), (-1, 0)), ((tr, 1, mid_z), (1, 0)),
                                ((mid_x, 1, tu), (0, 1)), ((mid_x, 1, td), (0, -1)),
                                ((tl, 1, tu), (-1, 1)), ((tr, 1, td), (1, -1))]:
        film = Point2()
        assert lens.project(Point3(*direction) * 7.0, film)
        assert film.x == pytest.approx(expected[0], abs=1e-5) and film.y == pytest.approx(expected[1], abs=1e-5)


def test_a_symmetric_fov_is_centred_with_its_height_from_the_aspect():
    fov = EyeFov.symmetric(90, 16 / 9)
    assert fov.angle_left == pytest.approx(-math.pi / 4) and fov.angle_right == pytest.approx(math.pi / 4)
    assert math.tan(fov.angle_up) == pytest.approx(9 / 16) and fov.angle_down == -fov.angle_up
    assert lens_for_fov(fov, 1, 10).get_fov()[0] == pytest.approx(90, abs=1e-3)
    assert EyeFov.from_vertical(60, 1.5).angle_up == pytest.approx(math.radians(30))
    with pytest.raises(ValueError):
        EyeFov(0.5, -0.5, 0.5, -0.5)


# --- the rig's poses --------------------------------------------------------------------------------
def test_eyes_sit_half_the_ipd_either_side_and_follow_the_head_pose():
    root = NodePath("root")
    rig = StereoRig(root, ipd_m=0.064)
    assert [tuple(e.get_pos(root)) for e in rig.eyes] == [pytest.approx((-0.032, 0, 0)), pytest.approx((0.032, 0, 0))]
    assert rig.ipd_m == pytest.approx(0.064)
    turn = Quat()
    turn.set_hpr((90, 0, 0))  # heading 90: facing -X, so the right eye is towards +Y
    rig.set_head_pose((1, 2, 1.6), turn)
    assert tuple(rig.eyes[1].get_pos(root)) == pytest.approx((1, 2 + 0.032, 1.6), abs=1e-6)
    rig.set_eye_pose(0, (-0.03, 0.01, 0), (1, 0, 0, 0))  # (w, x, y, z), as a runtime's view pose arrives
    assert tuple(rig.eyes[0].get_pos(root)) == pytest.approx((1 - 0.01, 2 - 0.03, 1.6), abs=1e-6)
    rig.set_ipd(0)
    assert rig.eyes[0].get_pos(root) == rig.eyes[1].get_pos(root)


def test_the_pair_rides_on_the_mono_camera_so_views_and_navigation_move_it(open_view, offscreen_base):
    from engine.display.navigation import Navigator
    view = open_view(ISLET)
    pair = on_mono_camera(offscreen_base, 0.063)
    nav = Navigator(view.rig, view.built.ground, view.built.manifest.extent_m)
    try:
        for vp in view.built.manifest.viewpoints:
            view.go_to_view(vp)
            at_view = view.rig.eye.get_mat(offscreen_base.render)
            nav.set_mode("walk" if vp.id == "above" else "fly")
            nav.drag(40, -25)  # a visitor turns and looks up...
            nav.move(1.0, 0.5, 0.0, 0.5)  # ...and steps forward and right
            camera = view.rig.eye
            assert not camera.get_mat(offscreen_base.render).almost_equal(at_view, 0.01)
            right = offscreen_base.render.get_relative_vector(camera, Vec3(1, 0, 0))
            forward = offscreen_base.render.get_relative_vector(camera, Vec3(0, 1, 0))
            centre = camera.get_pos(offscreen_base.render)
            for eye, side in zip(pair.rig.eyes, (-1, 1)):
                assert (eye.get_pos(offscreen_base.render) - (centre + right * side * 0.0315)).length() < 1e-4
                assert offscreen_base.render.get_relative_vector(eye, Vec3(0, 1, 0)).dot(forward) > 0.99999
            pair.follow()  # each eye takes the view's vertical FOV, for its half's aspect
            assert pair.rig.lens(0).get_fov()[1] == pytest.approx(view.lens.get_fov()[1], abs=1e-3)
    finally:
        pair.close()
    assert offscreen_base.cam.node().get_display_region(0).is_active()  # the mono view is back


# --- rendered pixels --------------------------------------------------------------------------------
@pytest.mark.parametrize("distance, ipd", [(0.5, 0.063), (2.0, 0.063), (3.0, 0.3), (10.0, 0.5)])
def test_an_object_at_distance_d_shifts_by_f_ipd_over_d_between_the_eyes(stage, distance, ipd):
    fov = EyeFov.symmetric(60, HALF_W / HALF_H)
    for index in (0, 1):
        stage.rig.set_eye_fov(index, fov)
    stage.rig.set_ipd(ipd)
    x, z = 0.1 * distance, -0.05 * distance  # off-centre, so a mirrored picture could not pass
    stage.square((x, distance, z), 0.03 * distance)
    left, right = (bright_centroid(half) for half in halves(stage.frame()))
    f = (HALF_W / 2) / math.tan(fov.angle_right)  # focal length in pixels
    assert left[0] - right[0] == pytest.approx(f * ipd / distance, abs=1.0)
    assert left[0] == pytest.approx(HALF_W / 2 + f * (x + ipd / 2) / distance, abs=1.0)
    assert right[0] == pytest.approx(HALF_W / 2 + f * (x - ipd / 2) / distance, abs=1.0)
    assert left[1] == pytest.approx(right[1], abs=0.01)  # no vertical disparity


def test_zero_ipd_gives_two_identical_halves(stage):
    stage.rig.set_ipd(0)
    stage.square((0.3, 1.5, 0.1), 0.05)
    stage.square((-1.0, 6.0, -0.4), 0.3, colour=(0.2, 0.9, 0.4, 1))
    left, right = halves(stage.frame())
    assert left.max() > 128
    assert np.array_equal(left, right)


def test_a_marker_on_an_asymmetric_fovs_edge_rays_lands_on_the_first_column_and_row(stage):
    stage.rig.set_ipd(0)
    for index in (0, 1):
        stage.rig.set_eye_fov(index, ASYMMETRIC)
    tl, tr, tu, td = ASYMMETRIC.tangents
    d, half_size = 5.0, 0.1
    stage.square((d * tl, d, 0), half_size, colour=(1, 0, 0, 1))  # on the left edge ray, level
    stage.square((0, d, d * tu), half_size, colour=(0, 1, 0, 1))  # on the top edge ray, straight ahead
    image = halves(stage.frame())[0]
    px_per_tan_x, px_per_tan_z = HALF_W / (tr - tl), HALF_H / (tu - td)
    ys, xs = np.nonzero(image[..., 0] > 128)
    assert xs.min() == 0  # cut in half by the left edge: its visible half starts in the first column
    assert xs.max() + 1 == pytest.approx(half_size / d * px_per_tan_x, abs=1.0)
    assert ys.mean() + 0.5 == pytest.approx(tu * px_per_tan_z, abs=1.0)  # level is tan(up) below the top
    ys, xs = np.nonzero(image[..., 1] > 128)
    assert ys.min() == 0
    assert ys.max() + 1 == pytest.approx(half_size / d * px_per_tan_z, abs=1.0)
    assert xs.mean() + 0.5 == pytest.approx(-tl * px_per_tan_x, abs=1.0)  # straight ahead is -tan(left) in


# --- the command line ---------------------------------------------------------------------------------
def test_render_stereo_writes_a_pair_twice_as_wide_whose_halves_differ_as_the_ipd_says(tmp_path):
    from PIL import Image

    from engine.geo import LocalProjection
    from tests.test_cli import run
    pictures = {}
    for ipd in ("63", "0", "1000"):  # an adult's eyes; none apart; a 1 m base, so 40 m away shifts by pixels
        out = tmp_path / f"{ipd}.png"
        result = run("render", str(ISLET), "--view", "boat_close", "--size", "160x120", "--stereo", "--ipd", ipd,
                     "--out", str(out), data=tmp_path)
        assert result.returncode == 0, result.stderr
        pictures[ipd] = np.asarray(Image.open(out))[..., :3].astype(int)
    assert pictures["63"].shape == (120, 320, 3)  # each half is --size
    assert pictures["63"].std() > 10
    left, right = halves(pictures["63"])
    assert (np.abs(left - right).max(axis=-1) > 24).mean() > 0.001, "the eyes see the same picture at 63 mm"
    left, right = halves(pictures["0"])
    assert np.abs(left - right).max() <= 1
    # The boat (looked at from 40 m, the viewpoint's target) shifts by f * IPD / D between the eyes.
    projection = LocalProjection(24.40, 118.00)  # the islet's origin; eye and target from its boat_close view
    eye, target = (np.array(projection.to_local(*p)) for p in ((24.39735, 117.99905, 8), (24.3975, 117.9994, 1)))
    f = 60 / math.tan(math.radians(20))  # a 120 px high half with the view's 40 degrees
    hull_x = [np.nonzero(boat_hull_mask(half))[1].mean() for half in halves(pictures["1000"])]
    assert hull_x[0] - hull_x[1] == pytest.approx(f * 1.0 / np.linalg.norm(target - eye), abs=1.0)


@pytest.mark.parametrize("args, needle", [
    (("render", str(ISLET), "--out", "x.png", "--ipd", "63"), "--ipd goes with --stereo"),
    (("render", str(ISLET), "--out", "x.png", "--stereo", "--ipd", "-5"), "out of range"),
    (("render", str(ISLET), "--out", "x.png", "--stereo", "--ipd", "wide"), "expected millimetres"),
    (("play", str(ISLET), "--ipd", "63"), "--ipd goes with --mode stereo"),
])
def test_bad_stereo_options_exit_2_with_a_message(tmp_path, args, needle):
    from tests.test_cli import run
    result = run(*args, data=tmp_path)
    assert result.returncode == 2
    assert needle in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()
