"""Layers on a live scene: added and removed while it is shown, exactly, and felt by the tour camera."""
from __future__ import annotations

import gc

import numpy as np
import pytest

from engine.tour import camera_path as paths
from engine.tour.world import TourWorld
from engine.world.nodes.live_scene import LayerExists
from engine.world.plan import kit
from engine.world.plan.layers import LayerPlan, MeshBatch
from engine.world.plan.mesh import merge
from tests.conftest import ISLET

RED = (0.85, 0.10, 0.10, 1.0)


def towers(spots, colour=RED, name="props") -> LayerPlan:
    """Boxes standing on the islet at (x, y, base, width, height) spots, with their footprints."""
    meshes, prints = [], []
    for x, y, base, width, height in spots:
        meshes.append(kit.box(width, width, height, colour).transformed(np.eye(3), (x, y, base)))
        prints.append((x, y, width * 0.75, base + height))
    return LayerPlan(name, [MeshBatch(f"{name}:0:0", merge(meshes))], footprints=np.array(prints))


def test_removing_a_layer_restores_the_frame_pixel_for_pixel(open_view):
    view = open_view(ISLET)
    view.go_to_view(view.viewpoint("above"))
    scene = view.built
    before = view.pixels()
    assert list(scene.layers)[:7] == ["terrain", "roads", "water", "landmarks", "districts", "vegetation", "markers"]
    scene.add_layer(towers([(0.0, 0.0, 30.0, 30.0, 60.0), (60.0, 40.0, 20.0, 25.0, 40.0)]))
    shown = view.pixels()
    changed = np.any(shown != before, axis=-1)
    assert changed.mean() > 0.01, "the added props are not on screen"
    reddish = (shown[..., 0] > 150) & (shown[..., 1] < 90) & (shown[..., 2] < 90)
    assert reddish.sum() > 200, "the props are not drawn in their colour"
    scene.remove_layer("props")
    after = view.pixels()
    assert np.array_equal(after, before), f"{np.any(after != before, axis=-1).sum()} pixels differ after removal"
    assert "props" not in scene.layers and scene.world.find("props").is_empty()


def test_a_layer_name_is_taken_once(open_view):
    scene = open_view(ISLET).built
    scene.add_layer(towers([(0.0, 0.0, 30.0, 10.0, 10.0)]))
    with pytest.raises(LayerExists):
        scene.add_layer(towers([(10.0, 0.0, 30.0, 10.0, 10.0)]))
    scene.remove_layer("props")
    with pytest.raises(KeyError):
        scene.remove_layer("props")


def _flight(world: TourWorld) -> np.ndarray:
    """A flight along the islet's south shore, sampled every 0.1 s: (x, y, z) rows."""
    start = paths.Pose(np.array([-260.0, -190.0, 25.0]), 90.0, 0.0)
    move = paths.fly(start, (260.0, -190.0, 25.0), (300.0, -190.0, 25.0), world.floor, 20.0, "ease_in_out")
    return np.array([move.pose_at(t).pos for t in np.arange(0.0, move.duration + 1e-9, 0.1)])


def test_a_tour_camera_keeps_clear_of_an_added_layer(open_view):
    scene = open_view(ISLET).built
    world = TourWorld(scene.manifest, scene)  # the live scene is the tour's floor
    tower = (0.0, -190.0, 2.0, 16.0, 140.0)
    x, y, base, width, height = tower
    radius, top = width * 0.75, base + height

    def over_tower(track):
        near = np.hypot(track[:, 0] - x, track[:, 1] - y) < radius + 1.0
        assert near.any(), "the flight does not pass the tower"
        return track[near, 2]

    assert over_tower(_flight(world)).min() < top, "without the layer the flight already clears the tower height"
    scene.add_layer(towers([tower], name="tower"))
    try:
        assert world.floor(x, y) >= top
        assert over_tower(_flight(world)).min() > top, "the camera flew through the added tower"
    finally:
        scene.remove_layer("tower")
    assert world.floor(x, y) < top, "the tower's footprint stayed in the floor after its layer left"


def test_a_scene_left_is_freed(open_view, offscreen_base):
    """A detached view lets its scene go: the root lit by its own child lights was a cycle of
    references that kept every scene a kiosk ever showed in memory (benchmarks/kiosk_soak.py)."""
    view = open_view(ISLET)
    root = view.built.root.node()  # one reference of our own
    view.render_frame()
    open_view.release()
    offscreen_base.task_mgr.step()  # the view's task lets go of it
    del view
    gc.collect()
    assert root.get_ref_count() == 1

