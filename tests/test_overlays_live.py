"""Event overlays on a live scene: they change the frame only where their props are, taking them
off restores the frame pixel for pixel, and a clock passing an event's first midnight dresses the
scene without a restart."""
from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest
from scipy import ndimage

from engine.overlays.calendar import BEIJING
from engine.overlays.live import OverlayController
from engine.overlays.loader import load_events
from engine.overlays.resolve import Choice
from engine.tour.world import TourWorld
from tests.conftest import DATA, ISLET, ROOT


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def events():
    return load_events(DATA / "scenes")


def only_layers(view, names: list[str]) -> np.ndarray:
    """A frame of just these layers on black: where they can show up at all."""
    scene, base = view.built, view.base
    hidden = [node for name, node in scene.nodes.items() if name not in names] + [view.sky]
    for node in hidden:
        node.hide()
    old = base.win.get_clear_color()
    base.win.set_clear_color((0, 0, 0, 1))
    try:
        frame = view.pixels()
    finally:
        base.win.set_clear_color(old)
        for node in hidden:
            node.show()
    return frame.max(axis=-1) > 8


def test_an_overlay_changes_the_frame_only_where_its_props_are(open_view, events):
    view = open_view(ISLET)
    view.go_to_view(view.viewpoint("above"))
    before = view.pixels()
    clock = Clock(datetime(2026, 12, 6, 12, tzinfo=BEIJING))
    overlays = OverlayController(view.built, events, clock, Choice(("islet_regatta",)))  # props, no lighting
    assert overlays.active_ids == ["islet_regatta"]
    shown = view.pixels()
    mask = ndimage.binary_dilation(only_layers(view, ["event:islet_regatta"]), iterations=2)
    changed = np.any(shown != before, axis=-1)
    assert changed.sum() > 20, "the regatta's buoy is not on screen"
    assert not (changed & ~mask).any(), f"{(changed & ~mask).sum()} pixels changed away from the props"
    overlays.close()
    assert np.array_equal(view.pixels(), before)


def test_taking_an_overlay_off_restores_the_frame_and_the_scenes_light(open_view, events):
    view = open_view(ISLET)
    view.go_to_view(view.viewpoint("above"))
    before = view.pixels()
    clock = Clock(datetime(2026, 11, 11, 12, tzinfo=BEIJING))
    overlays = OverlayController(view.built, events, clock)
    assert overlays.active_ids == ["islet_fair"]  # its night lighting, props and a POI
    dressed = view.pixels()
    assert np.any(dressed != before, axis=-1).mean() > 0.5, "the fair's evening light is not on the scene"
    assert "event:islet_fair:pois" in view.built.layers
    clock.now += timedelta(days=6)  # 17 Nov: the fair and the festival are over
    assert overlays.update()
    assert overlays.active_ids == []
    after = view.pixels()
    assert np.array_equal(after, before), f"{np.any(after != before, axis=-1).sum()} pixels differ after removal"
    assert not [name for name in view.built.layers if name.startswith("event:")]


def test_a_clock_passing_beijing_midnight_dresses_the_scene_without_a_restart(open_view, events):
    view = open_view(ISLET)
    view.go_to_view(view.viewpoint("above"))
    clock = Clock(datetime(2026, 11, 9, 23, 59, 59, tzinfo=BEIJING))
    overlays = OverlayController(view.built, events, clock)
    night_before = view.pixels()
    assert overlays.active_ids == []
    assert not overlays.update()  # nothing to do, nothing redrawn
    clock.now += timedelta(seconds=1)
    assert overlays.update()
    assert overlays.active_ids == ["islet_fair"]
    assert np.any(view.pixels() != night_before, axis=-1).mean() > 0.5
    assert overlays.banners("en") == ["Islet fair"]
    clock.now = datetime(2026, 11, 12, 0, 0, tzinfo=BEIJING)  # the festival joins the fair, after it
    assert overlays.update()
    assert overlays.active_ids == ["islet_fair", "islet_festival"]
    overlays.close()


def test_tour_cameras_keep_clear_of_overlay_props(open_view, events):
    from engine.tour import camera_path as paths
    view = open_view(ISLET)
    scene = view.built
    world = TourWorld(scene.manifest, scene)
    tower = next(p for p in next(e for e in events if e.id == "islet_fair").overlay.props if p.id == "fair_tower")
    x, y, _ = scene.projection.to_local(tower.lat, tower.lon)
    start = paths.Pose(np.array([x - 300.0, y, 30.0]), 90.0, 0.0)
    move = lambda: paths.fly(start, (x + 300.0, y, 30.0), (x + 400.0, y, 30.0), world.floor, 20.0, "ease_in_out")  # noqa: E731
    lowest_over_tower = lambda m: min(m.pose_at(t).pos[2] for t in np.arange(0, m.duration, 0.05)  # noqa: E731
                                      if abs(m.pose_at(t).pos[0] - x) < 4)
    from engine.world.plan.plan_facts import landmark_footprint
    top = landmark_footprint(tower, scene.projection, scene.ground)[3]
    assert lowest_over_tower(move()) < top  # without the fair, the flight would pass through the tower
    overlays = OverlayController(scene, events, Clock(datetime(2026, 11, 11, 12, tzinfo=BEIJING)))
    assert lowest_over_tower(move()) > top  # with it, over the tower's top
    overlays.close()


def test_tapping_an_events_pin_opens_its_card(visit_of_islet, events):
    from engine.world.plan.anchors import marker_anchor
    session, out = visit_of_islet
    built = session.view.built
    overlays = OverlayController(built, events, Clock(datetime(2026, 11, 11, 12, tzinfo=BEIJING)))
    poi = built.find_poi("fair_poi")
    session.view.render_frame()
    x, y = session.view.project(marker_anchor(poi, built.projection, built.ground))
    width, height = session.display.size
    assert session.tap(x / width * 2 - 1, 1 - y / height * 2) == "fair_poi"
    assert "poi\tfair_poi\tFair" in out.getvalue()
    assert "Fair" in session.visible_texts()
    overlays.close()
    with pytest.raises(KeyError):
        built.find_poi("fair_poi")


@pytest.fixture
def visit_of_islet(open_view, offscreen_base, scene_cache):
    import io

    from engine.display.offscreen import OffscreenDisplay
    from engine.play.protocol import VisitLines
    from engine.play.session import PlaySession
    from engine.world.library import get_scene
    open_view.release()
    built, _ = get_scene(ISLET, offscreen_base.loader, scene_cache)
    out = io.StringIO()
    session = PlaySession(OffscreenDisplay(offscreen_base), built, "en", lines=VisitLines(out))
    session.view.go_to_view(session.view.viewpoint("above"))
    yield session, out
    session.close()


def test_after_a_tour_the_scene_goes_back_to_the_events_light_not_its_own(open_view, events):
    view = open_view(ISLET)
    view.go_to_view(view.viewpoint("above"))
    overlays = OverlayController(view.built, events, Clock(datetime(2026, 11, 11, 12, tzinfo=BEIJING)))
    evening = view.pixels()
    view.set_time_of_day(12.0)  # a tour's noon
    assert np.any(view.pixels() != evening, axis=-1).mean() > 0.5
    view.built.restore_light()  # what a visit's reset does after its tour
    assert np.array_equal(view.pixels(), evening)
    overlays.close()
    own = view.pixels()
    view.set_time_of_day(20.0)
    view.built.restore_light()
    assert np.array_equal(view.pixels(), own)  # off the event, its own light again


def test_a_headless_tour_keeps_clear_of_the_events_props(tmp_path):
    from engine.settings import Settings
    from engine.visit import HeadlessVisit
    from engine.world.plan.plan_facts import landmark_footprint
    scenes = DATA / "scenes"
    fair = next(e for e in load_events(scenes) if e.id == "islet_fair")
    tower = next(p for p in fair.overlay.props if p.id == "fair_tower")

    def visit(event: str) -> HeadlessVisit:
        settings = Settings(data_dir=tmp_path / event, scenes_dir=scenes, use_cache=False, event_ids=(event,))
        return HeadlessVisit.open(settings, str(ISLET), "islet")

    dressed, plain = visit("islet_fair"), visit("none")
    x, y, _ = dressed.world.proj.to_local(tower.lat, tower.lon)
    top = landmark_footprint(tower, dressed.world.proj, dressed.world.ground)[3]
    assert dressed.world.floor(x, y) > top > plain.world.floor(x, y)
    for v in (dressed, plain):
        if v.game is not None:
            v.game.store.close()


def test_a_headless_visit_plays_the_events_game(tmp_path):
    from engine.settings import Settings
    from engine.visit import HeadlessVisit
    settings = Settings(data_dir=tmp_path, scenes_dir=ROOT / "scenes", event_ids=("xiamen_marathon",))
    visit = HeadlessVisit.open(settings, "shapowei", "shapowei")
    try:
        assert {"stamp_mar_start", "mar_run"} <= {c.id for c in visit.game.game.checkins + visit.game.game.challenges}
        assert "mar_start" in {p.id for p in visit.game.scene.pois}
    finally:
        visit.game.store.close()
