"""An event's game joins the scene's while the event is on: its stamp pays when the visitor comes
to the event's POI, its badge follows; off the event, the scene's game is as it was."""
from __future__ import annotations

import numpy as np

from engine.game.course_runs import CourseRuns
from engine.game.loader import load_game
from engine.game.schema import GameContent
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


def _marathon_session():
    scene, _ = load_scene(SCENES / "shapowei" / "scene.yaml")
    content, _ = load_game(SCENES / "shapowei" / "game.yaml", SCENES)
    marathon, _ = load_event(SCENES / "events" / "xiamen_marathon.event.yaml", SCENES)
    game, seen = dressed_game(content, scene, [marathon])
    facts = plan_facts(scene)
    session = GameSession(game, seen, facts.ground, lang="en")

    def at(poi_id: str) -> list[float]:
        poi = next(p for p in seen.pois if p.id == poi_id)
        x, y, _ = facts.projection.to_local(poi.lat, poi.lon)
        return [x, y, max(float(facts.ground.height_at(x, y)), 5.0) + 10.0]
    return session, at


def _run(session, at, legs, start_t=100.0) -> list[dict]:
    """The camera at each POI of `legs` ((poi, seconds after the one before)) in turn."""
    out, t = [], start_t
    for poi_id, after_s in legs:
        t += after_s
        out += session.handle({"t": t, "type": "camera", "pos": at(poi_id)})
    return out


COURSE = ("mar_start", "mar_halfway", "mar_baicheng_turn")


def test_running_the_course_in_time_completes_the_challenge_and_its_badge():
    session, at = _marathon_session()
    events = _run(session, at, [("mar_start", 0), ("mar_start", 5), ("mar_halfway", 170), ("mar_baicheng_turn", 200)])
    runs = [(e["what"], e.get("reached")) for e in events if e["type"] == "run"]
    assert runs == [("start", 1), ("checkpoint", 2), ("finish", 3)]  # lingering at the arch starts no new run
    assert "mar_run" in session.progress.challenges and "mar_route_badge" in session.progress.badges
    finish = next(e for e in events if e["type"] == "run" and e["what"] == "finish")
    assert finish["seconds"] == 370.0  # timed from leaving the arch, not from arriving there
    assert session.message(next(e for e in events if e["type"] == "run"), "en").startswith("Go! Run the course")


def test_a_slow_run_lapses_and_a_second_try_from_the_start_counts():
    session, at = _marathon_session()
    slow = _run(session, at, [("mar_start", 0), ("mar_halfway", 300), ("mar_baicheng_turn", 150)])
    assert [e["what"] for e in slow if e["type"] == "run"] == ["start", "checkpoint", "lapsed"]
    assert "mar_run" not in session.progress.challenges and "mar_route_badge" not in session.progress.badges
    assert {"stamp_mar_start", "stamp_mar_halfway", "stamp_mar_turn"} <= session.progress.stamps  # stamps pay anyway
    again = _run(session, at, [("mar_start", 60), ("mar_halfway", 150), ("mar_baicheng_turn", 150)], start_t=1000)
    assert [e["what"] for e in again if e["type"] == "run"] == ["start", "checkpoint", "finish"]
    assert "mar_route_badge" in session.progress.badges


def test_the_course_counts_only_in_its_order():
    session, at = _marathon_session()
    events = _run(session, at, [("mar_start", 0), ("mar_baicheng_turn", 100), ("mar_halfway", 100)])
    assert [e["what"] for e in events if e["type"] == "run"] == ["start", "checkpoint"]  # the turn came too early
    assert "mar_run" not in session.progress.challenges


def test_an_out_and_back_course_ends_where_it_began():
    game = GameContent.model_validate({
        "scene": "x",
        "checkins": [{"id": "arch", "poi": "a", "name": {"zh": "门", "en": "Arch"}, "radius_m": 10},
                     {"id": "turn", "poi": "b", "name": {"zh": "折返", "en": "Turn"}, "radius_m": 10}],
        "challenges": [{"id": "loop", "name": {"zh": "往返", "en": "Loop"}, "description": {"zh": "往返", "en": "Loop"},
                        "within_s": 100, "goal": {"route": ["arch", "turn", "arch"]}}]})
    runs = CourseRuns(game, {"a": np.zeros(3), "b": np.array([500.0, 0, 0])})
    seen = [e["what"] for t, x in ((0, 0), (40, 500), (90, 0)) for e in runs.passed(np.array([x, 0.0, 0]), t, set())]
    assert seen == ["start", "checkpoint", "finish"] and runs.finished("loop")


def test_running_the_marathon_route_earns_its_badge_only_at_its_end():
    session, at = _marathon_session()
    t = 0.0
    for poi_id in COURSE:
        assert "mar_route_badge" not in session.progress.badges  # not before the last of the three
        t += 60.0
        session.handle({"t": t, "type": "camera", "pos": at(poi_id)})
    assert {"stamp_mar_start", "stamp_mar_halfway", "stamp_mar_turn"} <= set(session.progress.stamps)
    assert "mar_route_badge" in session.progress.badges


def test_a_scene_without_a_game_gets_the_events_game_in_every_front_end(tmp_path):
    """visit_game is the one maker (headless, play, kiosk): a scene with no game.yaml plays the
    marathon's stamps while it is on, and has no game without it."""
    import shutil

    from engine.visit import visit_game
    scenes = tmp_path / "scenes"
    shutil.copytree(SCENES / "shapowei", scenes / "shapowei", ignore=shutil.ignore_patterns("game.yaml"))
    manifest = scenes / "shapowei" / "scene.yaml"
    scene, _ = load_scene(manifest)
    marathon, _ = load_event(SCENES / "events" / "xiamen_marathon.event.yaml", SCENES)
    facts = plan_facts(scene)
    assert visit_game(manifest, scene, facts.ground, "en", None, []) is None
    game = visit_game(manifest, scene, facts.ground, "en", None, [marathon])
    assert game is not None and "stamp_mar_start" in {c.id for c in game.game.checkins}
