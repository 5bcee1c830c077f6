"""The skyline and the land beyond the square on screen (offscreen, llvmpipe): a skyline tower
is drawn where it projects from its viewpoint (the pixels there change when its layer is taken
off), and the surroundings fill part of the horizon that was open water."""
from __future__ import annotations

import numpy as np
import pytest

from engine.settings import PROJECT_ROOT
from tests.screen import expected_screen_point

SCENES = PROJECT_ROOT / "scenes"


def _screen_point(view, point):
    w, h = view.base.win.get_x_size(), view.base.win.get_y_size()
    eye = view.rig.eye.get_pos(view.base.render)
    return expected_screen_point(eye, view.rig.heading, view.rig.pitch, view.lens.get_fov()[1], w, h, point)


@pytest.mark.parametrize("scene, viewpoint, tower", [("gulangyu", "shimao_from_sunlight_rock", "shimao_tower_a"),
                                                     ("yundang", "north_to_jimei", "egret_west_tower")])
def test_a_skyline_tower_is_drawn_where_it_projects(open_view, scene, viewpoint, tower):
    view = open_view(SCENES / scene / "scene.yaml")
    view.go_to_view(view.viewpoint(viewpoint))
    built = view.built
    sky = next(t for t in built.manifest.skyline if t.id == tower)
    x, y, _ = built.projection.to_local(sky.lat, sky.lon)
    with_tower = view.pixels().astype(int)
    sx, sy = _screen_point(view, (x, y, sky.base_m + sky.size_m[2] * 0.6))
    assert 0 <= sx < with_tower.shape[1] and 0 <= sy < with_tower.shape[0], (sx, sy)
    built.remove_layer("skyline")
    without = view.pixels().astype(int)
    x0, y0 = int(sx), int(sy)
    window = (slice(max(0, y0 - 1), y0 + 2), slice(max(0, x0 - 1), x0 + 2))
    assert np.abs(with_tower[window] - without[window]).sum(axis=-1).max() > 20, "no tower where it projects"


def test_the_surroundings_fill_the_horizon_beyond_the_square(open_view):
    view = open_view(SCENES / "gulangyu" / "scene.yaml")
    view.go_to_view(view.viewpoint("shimao_from_sunlight_rock"))  # east, over Xiamen Island
    with_ring = view.pixels().astype(int)
    view.built.remove_layer("surroundings")
    changed = np.abs(with_ring - view.pixels().astype(int)).sum(axis=-1) > 20
    assert changed.mean() > 0.01, f"only {changed.mean():.2%} of the frame is the land beyond the square"
