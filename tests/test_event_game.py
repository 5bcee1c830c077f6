"""An event's game joins the scene's while the event is on: its stamp pays when the visitor comes
to the event's POI, its badge follows; off the event, the scene's game is as it was."""
from __future__ import annotations

from engine.game.loader import load_game
from engine.game.session import GameSession
from engine.manifest.scene_loader import load_scene
from engine.overlays.game_dress import dressed_game
from engine.overlays.loader import load_event
from engine.world.plan.plan_facts import plan_facts
from tests.conftest import ROOT

SCENES = ROOT / "scenes"


def test_the_marathons_stamp_and_badge_join_the_shapowei_game():
    scene, _ = load_scene(SCENES / "shapowei" / "scene.yaml")
    content, _ = load_game(SCENES / "shapowei" / "game.yaml", SCENES)
    marathon, _ = load_event(SCENES / "events" / "xiamen_marathon.event.yaml", SCENES)
    game, seen = dressed_game(content, scene, [marathon])
    route = {"stamp_mar_start", "stamp_mar_halfway", "stamp_mar_turn"}
    assert {c.id for c in game.checkins} == {c.id for c in content.checkins} | route
    assert "mar_badge" in {b.id for b in game.badges}
    assert "mar_start" in {p.id for p in seen.pois} and "mar_start" not in {p.id for p in scene.pois}

    facts = plan_facts(scene)
    session = GameSession(game, seen, facts.ground, lang="en")
    poi = next(p for p in seen.pois if p.id == "mar_start")
    x, y, _ = facts.projection.to_local(poi.lat, poi.lon)
    events = session.handle({"t": 1.0, "type": "camera", "pos": [x, y, float(facts.ground.height_at(x, y)) + 20.0]})
    assert "stamp_mar_start" in session.progress.stamps, events
    assert "mar_badge" in session.progress.badges


def test_without_events_the_game_is_the_scenes_own():
    scene, _ = load_scene(SCENES / "shapowei" / "scene.yaml")
    content, _ = load_game(SCENES / "shapowei" / "game.yaml", SCENES)
    game, seen = dressed_game(content, scene, [])
    assert game is content and seen is scene


def test_running_the_marathon_route_earns_its_badge_only_at_its_end():
    scene, _ = load_scene(SCENES / "shapowei" / "scene.yaml")
    content, _ = load_game(SCENES / "shapowei" / "game.yaml", SCENES)
    marathon, _ = load_event(SCENES / "events" / "xiamen_marathon.event.yaml", SCENES)
    game, seen = dressed_game(content, scene, [marathon])
    facts = plan_facts(scene)
    session = GameSession(game, seen, facts.ground, lang="en")
    t = 0.0
    for poi_id in ("mar_start", "mar_halfway", "mar_baicheng_turn"):
        assert "mar_route_badge" not in session.progress.badges  # not before the last of the three
        poi = next(p for p in seen.pois if p.id == poi_id)
        x, y, _ = facts.projection.to_local(poi.lat, poi.lon)
        t += 60.0
        session.handle({"t": t, "type": "camera", "pos": [x, y, max(float(facts.ground.height_at(x, y)), 5.0) + 10.0]})
    assert {"stamp_mar_start", "stamp_mar_halfway", "stamp_mar_turn"} <= set(session.progress.stamps)
    assert "mar_route_badge" in session.progress.badges
