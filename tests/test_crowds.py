"""Crowds along routes: people move at their speed along the line and stay on it, thousands of
them are two draw calls, and the Marathon's runners run on Yanwu Bridge's deck, not on the sea."""
from __future__ import annotations

import numpy as np
import pytest
import shapely

from engine.manifest.scene_loader import load_scene
from engine.overlays.loader import load_event
from engine.overlays.plan import overlay_layers
from engine.world.plan.crowds import NEAR_MAX, plan_crowd
from engine.world.plan.layers import LayerPlan
from engine.world.plan.plan_facts import plan_facts
from tests.conftest import ISLET, ROOT

LINE = np.array([[-150.0, -100.0, 3.0], [0.0, -20.0, 5.0], [150.0, 60.0, 3.0]])


def test_people_move_at_their_speed_along_the_route_and_stay_on_it():
    crowd = plan_crowd("c", LINE, 400, (2.5, 4.5), 10.0, seed=7)
    before, _ = crowd.positions(0.0)
    after, direction = crowd.positions(2.0)
    line = shapely.LineString(LINE[:, :2])
    off = shapely.distance(line, shapely.points(after[:, 0], after[:, 1]))
    assert off.max() <= 10.0 * 0.42 + 1e-6  # within the route's width
    along_before = shapely.line_locate_point(line, shapely.points(*before[:, :2].T))
    along_after = shapely.line_locate_point(line, shapely.points(*after[:, :2].T))
    moved = (along_after - along_before) % crowd.length
    # the centre line's distance differs from the person's own by the sideways offset at bends
    assert np.allclose(moved, crowd.speed * 2.0, atol=1.0)
    assert np.allclose(np.linalg.norm(direction, axis=1), 1.0)
    assert (after[:, 2] >= 3.0 - 1e-9).all() and (after[:, 2] <= 5.0 + 1e-9).all()  # on the route's surface


def test_thousands_of_people_are_two_draw_calls_and_move_on_screen(open_view):
    view = open_view(ISLET)
    view.go_to_view(view.viewpoint("above"))
    scene = view.built
    crowd = plan_crowd("runners", LINE + [0, 0, 2.0], 5000, (2.5, 4.5), 12.0, seed=1)
    before = view.pixels()
    scene.add_layer(LayerPlan("crowd", crowds=[crowd]))
    try:
        node = scene.nodes["crowd"]
        assert len(node.find_all_matches("**/+GeomNode")) == 2  # the near batch and the far one
        assert node.find_all_matches("**").get_num_paths() < 10  # no node per person
        view.animation_time = 0.0
        first = view.pixels()
        view.animation_time = 20.0
        later = view.pixels()
        assert np.any(first != before, axis=-1).mean() > 0.002, "the crowd is not on screen"
        assert np.any(first != later, axis=-1).mean() > 0.002, "the crowd does not move"
        moving = scene.moving["crowd"][0]
        moving.update(5.0, (0.0, -20.0, 10.0))  # standing in the middle of the route
        assert 0 < len(moving._near_ids) <= NEAR_MAX
        pos, _ = crowd.positions(5.0)
        dist = np.hypot(pos[:, 0], pos[:, 1] + 20.0)
        assert dist[moving._near_ids].max() <= np.sort(dist)[len(moving._near_ids) - 1] + 1e-9  # the nearest
    finally:
        view.animation_time = None
        scene.remove_layer("crowd")
    assert np.array_equal(view.pixels(), before)


@pytest.fixture(scope="module")
def marathon_in_shapowei():
    scenes = ROOT / "scenes"
    event, _ = load_event(scenes / "events" / "xiamen_marathon.event.yaml", scenes)
    scene, _ = load_scene(scenes / "shapowei" / "scene.yaml")
    facts = plan_facts(scene)
    return event, scene, facts, overlay_layers(event, scene, facts.projection, facts.ground)


def test_the_marathon_runs_on_yanwu_bridge_not_on_the_sea(marathon_in_shapowei):
    event, scene, facts, layers = marathon_in_shapowei
    crowds = [c for layer in layers for c in layer.crowds]
    assert sum(c.count for c in crowds) == sum(r.movers.count for r in event.overlay.routes)
    bridge = [c for c in crowds if c.name.startswith("crowd:mar_bridge")]
    assert bridge and sum(c.count for c in bridge) == 3000
    for crowd in bridge:
        pos, _ = crowd.positions(37.0)
        over_water = ~facts.ground.is_land(pos[:, 0], pos[:, 1])
        assert over_water.mean() > 0.3, "the bridge crosses the sea"
        assert (pos[over_water, 2] >= 5.0).all(), "runners over the sea must be on the 5 m deck"


def test_the_marathon_has_kilometre_posts_along_its_course(marathon_in_shapowei):
    from engine.overlays.routes import kilometre_points, route_lines, surfaces_of
    event, scene, facts, layers = marathon_in_shapowei
    route = next(r for r in event.overlay.routes if r.km_markers)
    lines = route_lines(route, scene, facts.projection, facts.ground)
    total = sum(np.hypot(*np.diff(line.points, axis=0).T).sum() for line in lines)
    assert len(kilometre_points(lines, surfaces_of(lines, facts.ground))) == int(total // 1000)



def test_spectators_stand_beside_the_course_not_on_it():
    crowd = plan_crowd("fans", LINE, 300, (0.0, 0.08), 10.0, seed=2, sides=True)
    line = shapely.LineString(LINE[:, :2])
    pos, _ = crowd.positions(0.0)
    later, _ = crowd.positions(10.0)
    off = shapely.distance(line, shapely.points(pos[:, 0], pos[:, 1]))
    ends = np.hypot(*(pos[:, :2] - LINE[0, :2]).T)
    inner = (ends > 6) & (np.hypot(*(pos[:, :2] - LINE[-1, :2]).T) > 6)  # away from the route's ends
    assert (off[inner] > 10.0 / 2).all()
    assert np.hypot(*(later - pos)[:, :2].T).max() <= 0.08 * 10.0 + 1e-6  # they barely move


def test_a_roads_pieces_are_run_end_to_end():
    from engine.overlays.routes import chained
    a = np.array([[0.0, 0, 0], [100, 0, 0]])
    b = np.array([[300.0, 0, 0], [101, 0, 0]])  # the next way, drawn the other way round
    c = np.array([[0.0, 500, 0], [0, 600, 0]])  # another road
    joined = chained([a, b, c])
    assert len(joined) == 2
    assert joined[0][0, 0] == 0 and joined[0][-1, 0] == 300 and np.all(np.diff(joined[0][:, 0]) > 0)
