"""Game rules from events: a guided tour and free roaming on the islet earn stamps, a quiz, a
collectible, a timed challenge and badges; every gain is saved before it is shown."""
import numpy as np
import pytest

from engine.game.loader import load_game
from engine.game.rules import GameRules, game_points
from engine.manifest.scene_loader import load_scene
from engine.tour.headless import run_tour
from engine.tour.loader import load_tour
from engine.tour_worlds import tour_world_of
from tests.conftest import DATA

SCENES = DATA / "scenes"
TOUR = DATA / "tours" / "islet-basics.tour.yaml"


@pytest.fixture(scope="module")
def islet():
    game, _ = load_game(SCENES / "islet" / "game.yaml", SCENES)
    scene, _ = load_scene(SCENES / "islet" / "scene.yaml")
    world = tour_world_of(scene)
    pois, items = game_points(game, scene, world.ground)
    return game, scene, world, pois, items


def visit(islet, answers, roam):
    """A tour (its events fed to the rules as they happen), then free-roam events."""
    game, scene, world, pois, items = islet
    saved, shown = [], []
    rules = GameRules(game, pois, items, persist=lambda kind, item, points, **_: saved.append((kind, item)))

    def on_event(event):
        for out in rules.handle(event):
            shown.append(out)
            if out["type"] in ("stamp", "collectible", "badge"):
                assert (out["type"], out["id"]) in saved, "shown before it was saved"

    tour, _, _ = load_tour(TOUR, SCENES)
    result = run_tour(tour, TOUR, world, answers=answers, on_event=on_event)
    t = result.duration_s
    for event in roam:
        t += 5.0
        on_event({"t": t, **event})
    return rules.progress, shown


def test_a_whole_visit_earns_what_the_rules_say(islet):
    game, scene, world, pois, items = islet
    bell = items["bell"]
    roam = [
        {"type": "camera", "pos": list(bell + np.array([60.0, 0, 5]))},  # too far: nothing
        {"type": "camera", "pos": list(bell + np.array([10.0, 5.0, 3.0]))},  # near the bell: found
        {"type": "quiz_answer", "quiz": "quiz_hill", "option": "m40"},
        {"type": "poi_tap", "poi": "chapel"},  # already stamped by the tour: no second stamp
    ]
    progress, shown = visit(islet, {"quiz_chapel": "white"}, roam)
    assert progress.stamps == {"stamp_summit", "stamp_chapel"}
    assert progress.collectibles == {"bell"}
    assert progress.quizzes == {"quiz_chapel": True, "quiz_hill": True}
    assert progress.badges == {"all_stamps", "two_right", "found_bell"}
    # 10 + 10 stamps, 20 + 20 quizzes, 30 bell, 25 for both stamps in time (the tour reaches the
    # chapel at about 65 s, inside the challenge's 120 s)
    assert progress.challenges == {"quick_stamps"}
    assert progress.score == 10 + 10 + 20 + 20 + 30 + 25
    kinds = [e["type"] for e in shown]
    assert kinds.count("stamp") == 2 and kinds.count("badge") == 3 and kinds.count("collectible") == 1
    summit = next(e for e in shown if e["type"] == "stamp" and e["id"] == "stamp_summit")
    assert summit["by"] == "near"
    assert shown[-1] == {"t": shown[-1]["t"], "type": "score", "total": progress.score}


def test_a_wrong_answer_breaks_the_streak_and_tapping_a_marker_stamps(islet):
    game, scene, world, pois, items = islet
    rules = GameRules(game, pois, items)
    events = rules.handle({"t": 1, "type": "quiz_answer", "quiz": "quiz_chapel", "option": "red"})
    assert events[0] == {"t": 1, "type": "quiz_result", "quiz": "quiz_chapel", "option": "red", "right": False,
                         "answer": "white", "points": 0}
    rules.handle({"t": 2, "type": "quiz_answer", "quiz": "quiz_hill", "option": "m40"})
    rules.handle({"t": 3, "type": "quiz_answer", "quiz": "quiz_chapel", "option": "white"})  # the first answer counts
    assert rules.progress.quizzes == {"quiz_chapel": False, "quiz_hill": True}
    assert "two_right" not in rules.progress.badges
    tapped = rules.handle({"t": 4, "type": "poi_tap", "poi": "summit"})
    assert [e["type"] for e in tapped][:1] == ["stamp"] and tapped[0]["by"] == "tap"


def test_a_challenge_missed_by_time_is_not_awarded(islet):
    game, scene, world, pois, items = islet
    rules = GameRules(game, pois, items)
    rules.handle({"t": 10, "type": "poi_tap", "poi": "summit"})
    rules.handle({"t": 130, "type": "poi_tap", "poi": "chapel"})  # the second stamp after 120 s
    assert rules.progress.stamps == {"stamp_summit", "stamp_chapel"}
    assert rules.progress.challenges == set() and "all_stamps" in rules.progress.badges
