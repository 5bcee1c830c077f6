"""Render every scene for real (offscreen, llvmpipe) and check what a person would see."""
from __future__ import annotations

import numpy as np
import pytest

from engine.scene_library import scene_manifests
from engine.settings import PROJECT_ROOT
from engine.world.plan.anchors import marker_anchor
from tests.conftest import ISLET
from tests.pixels import boat_hull_mask, fractions, marker_mask
from tests.screen import expected_screen_point

SHIPPED = scene_manifests(PROJECT_ROOT / "scenes")
ALL_SCENES = {**SHIPPED, "islet": ISLET}


@pytest.fixture(scope="module")
def main_views(open_view):
    images = {}
    for scene_id, path in ALL_SCENES.items():
        view = open_view(path)
        images[scene_id] = view.pixels()
    return images


@pytest.mark.parametrize("scene_id", list(ALL_SCENES))
def test_render_is_not_blank_and_shows_sky_water_and_land(main_views, scene_id):
    image = main_views[scene_id]
    assert image.shape == (240, 320, 3)
    assert image.std() > 12, "the frame is (nearly) one flat colour"
    parts = fractions(image)
    assert parts["sky_top"] > 0.5, f"no sky along the top of the frame: {parts}"
    assert parts["water"] > 0.02, f"no water in view: {parts}"
    assert parts["land"] > 0.05, f"no land in view: {parts}"


@pytest.mark.skipif(len(SHIPPED) < 2, reason="needs the shipped scenes")
def test_scenes_look_different_from_each_other(main_views):
    ids = list(SHIPPED)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            diff = np.abs(main_views[a].astype(int) - main_views[b].astype(int)).mean()
            assert diff > 8, f"{a} and {b} render almost the same (mean difference {diff:.1f})"


def _expected_screen_point(view, point):
    w, h = view.base.win.get_x_size(), view.base.win.get_y_size()
    eye = view.rig.eye.get_pos(view.base.render)
    return expected_screen_point(eye, view.rig.heading, view.rig.pitch, view.lens.get_fov()[1], w, h, point)


@pytest.mark.parametrize("scene_id", list(ALL_SCENES))
def test_poi_marker_is_drawn_where_its_coordinates_project(open_view, scene_id):
    view = open_view(ALL_SCENES[scene_id])
    vp = view.default_view()
    assert isinstance(vp.look_at, str), "the default view should look at a POI"
    poi = next(p for p in view.built.manifest.pois if p.id == vp.look_at)
    anchor = marker_anchor(poi, view.built.projection, view.built.ground)
    image = view.pixels()
    sx, sy = _expected_screen_point(view, anchor)
    assert 0 <= sx < image.shape[1] and 0 <= sy < image.shape[0]
    mask = marker_mask(image)
    x0, y0 = int(sx), int(sy)
    window = mask[max(0, y0 - 6):y0 + 7, max(0, x0 - 6):x0 + 7]
    assert window.any(), f"no marker colour near ({sx:.0f}, {sy:.0f}) where POI '{poi.id}' projects"
    # and turning away hides it: the colour came from that marker, not from something else
    view.rig.set_pose(view.rig.position, view.rig.heading + 180, 0)
    assert not marker_mask(view.pixels())[max(0, y0 - 6):y0 + 7, max(0, x0 - 6):x0 + 7].any()


def test_gltf_model_loads_through_panda3d_gltf_and_is_lit_in_its_colours(open_view):
    view = open_view(ISLET)
    boat = view.built.root.find("**/model:boat")
    assert not boat.is_empty() and boat.get_bounds().get_radius() > 3  # a 12 m boat
    view.go_to_view(view.viewpoint("boat_close"))
    image = view.pixels()
    target = view.target_of(view.viewpoint("boat_close"))
    sx, sy = _expected_screen_point(view, target)
    patch = image[int(sy) - 25:int(sy) + 25, int(sx) - 40:int(sx) + 40]
    # the red-brown hull, lit, not black from glTF's metallic default
    assert boat_hull_mask(patch).mean() > 0.03, "no hull-coloured pixels where the boat should be"
    view.go_to_view(view.default_view())
