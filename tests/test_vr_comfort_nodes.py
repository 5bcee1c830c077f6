"""The comfort policy's Panda3D side on rendered pixels (offscreen, llvmpipe): each eye's vignette
darkens the edge of its view and leaves the centre clear; the fade card blacks out only its own
eye; the teleport arc and its marker are drawn in the valid or the invalid colour."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from panda3d.core import CardMaker, NodePath

from engine.display.side_by_side import SideBySide
from engine.display.stereo_rig import EyeFov, StereoRig
from engine.xr.arc_view import INVALID, VALID, ArcView
from engine.xr.teleport import Arc
from engine.xr.vignette import EyeShades
from tests.conftest import ISLET, RENDER_SIZE

HALF_W, HALF_H = RENDER_SIZE[0] // 2, RENDER_SIZE[1]


@pytest.fixture
def eyes(offscreen_base):
    """Two eyes (100-degree views) before a white wall, side by side on the shared offscreen base."""
    root = NodePath("comfort-test")
    rig = StereoRig(root.attach_new_node("camera"), fov=EyeFov.symmetric(100, HALF_W / HALF_H), near=0.05, far=1000)
    pair = SideBySide(offscreen_base, rig, follow_mono=False)
    wall = CardMaker("wall")
    wall.set_frame(-500, 500, -500, 500)
    node = root.attach_new_node(wall.generate())
    node.set_pos(0, 50, 0)
    node.set_color(1, 1, 1, 1)
    shades = EyeShades(rig.eyes)

    def frame():
        from engine.display.base import pixels
        return pixels(offscreen_base).astype(int)

    yield SimpleNamespace(root=root, rig=rig, shades=shades, frame=frame)
    shades.remove()
    pair.close()


def _half(picture, i):
    return picture[:, i * HALF_W:(i + 1) * HALF_W, :3]


def test_the_vignette_darkens_the_edges_and_leaves_the_centre_clear(eyes):
    eyes.shades.show(0.0, 0.0)
    clear = eyes.frame()
    assert _half(clear, 0).min() > 200  # nothing over the wall
    eyes.shades.show(1.0, 0.0)
    shaded = eyes.frame()
    for i in (0, 1):
        half = _half(shaded, i)
        centre = half[HALF_H // 2 - 10:HALF_H // 2 + 10, HALF_W // 2 - 10:HALF_W // 2 + 10]
        assert centre.min() > 200
        assert half[:10, :10].max() < 60 and half[-10:, -10:].max() < 60  # the corners, dark


def test_a_fade_blacks_out_its_own_eye_only(eyes):
    eyes.shades.show(0.0, 1.0)
    assert eyes.frame()[:, :, :3].max() < 10
    eyes.shades.show(0.0, 0.0)
    eyes.shades.blacks[0].unstash()  # the left eye's card alone
    eyes.shades.blacks[0].set_alpha_scale(1.0)
    picture = eyes.frame()
    assert _half(picture, 0).max() < 10 and _half(picture, 1).min() > 200


@pytest.mark.parametrize("fault, colour", [("", VALID), ("water", INVALID)])
def test_the_arc_and_its_marker_show_whether_the_landing_is_valid(eyes, fault, colour):
    view = ArcView(eyes.root)
    try:
        points = [(0.0, 2.0 + y, -0.5 - 0.02 * y * y) for y in np.linspace(0, 10, 20)]
        view.show(Arc(points, points[-1], fault))
        picture = eyes.frame()[:, :, :3]
        want = np.array(colour[:3]) * 255
        assert (np.abs(picture - want).max(axis=2) < 40).sum() > 30
        view.show(None)
        assert eyes.frame()[:, :, :3].min() > 200
    finally:
        view.remove()


def test_teleports_land_on_the_islets_own_ground(open_view):
    """Terrain.of_scene on a live scene: the summit is a place to stand; the sea, the chapel's
    footprint and beyond the square are not."""
    from engine.xr.landing import Terrain
    built = open_view(ISLET).built
    terrain = Terrain.of_scene(built)
    assert terrain.half_extent_m == built.manifest.extent_m and len(terrain.footprints)
    assert terrain.fault(0.0, 0.0) == ""
    assert terrain.fault(0.0, -500.0) == "water"
    assert terrain.fault(*terrain.footprints[0][:2]) == "building"
    assert terrain.fault(built.manifest.extent_m + 5, 0.0) == "outside"
    x, y, _, top = terrain.footprints[0]
    assert terrain.surface_at(x, y)[0] == pytest.approx(max(top, float(built.ground.height_at(x, y)), terrain.water_level_m))
