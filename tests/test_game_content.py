"""The shipped game content (scenes/<id>/game.yaml): it validates cleanly, every guided tour's question
is a quiz with the same options (so answering in the tour scores), each tour earns stamps with the
rules attached, and a free-roam walk to each hidden collectible finds it."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine.game.loader import GAME_FILE, game_files, load_game
from engine.game.rules import GameRules, game_points
from engine.manifest.scene_loader import load_scene
from engine.tour.checks import walk
from engine.tour.headless import run_tour
from engine.tour.loader import load_tour, tour_files
from engine.tour_worlds import tour_world_of

ROOT = Path(__file__).resolve().parents[1]
SCENES = ROOT / "scenes"
SCRIPTS = ROOT / "scripts"
SCENE_IDS = sorted(p.parent.name for p in SCENES.glob("*/scene.yaml"))
GAMES = game_files(SCENES)
TOURS = tour_files(SCRIPTS)
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/game.schema.json"

# its tests load every tour and game, and each of those its scene again
pytestmark = pytest.mark.usefixtures("content_parsed_once")


def _tour_id(path: Path) -> str:
    return path.name.removesuffix(".tour.yaml")


@pytest.fixture(scope="module")
def scenes():
    """scene id -> (game, scene, world, POI points, collectible points), built once."""
    cache = {}

    def get(scene_id: str):
        if scene_id not in cache:
            game, _ = load_game(SCENES / scene_id / GAME_FILE, SCENES)
            scene, _ = load_scene(SCENES / scene_id / "scene.yaml")
            world = tour_world_of(scene)
            pois, items = game_points(game, scene, world.ground)
            cache[scene_id] = (game, scene, world, pois, items)
        return cache[scene_id]

    return get


def _choices(tour):
    return [step.choice for _, step in walk(tour.steps) if step.choice is not None]


# ---- the files -------------------------------------------------------------------------------------

def test_every_scene_ships_a_game_and_every_tour_is_of_a_shipped_scene():
    assert [p.parent.name for p in GAMES] == SCENE_IDS and len(SCENE_IDS) == 3
    assert len(TOURS) >= 6


@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.parent.name)
def test_shipped_game_validates_without_warnings(path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    game, doc = load_game(path, SCENES)
    assert doc.warnings == [], [d.format() for d in doc.warnings]
    assert game.scene == path.parent.name


@pytest.mark.parametrize("scene_id", SCENE_IDS)
def test_game_has_what_a_visit_needs(scenes, scene_id):
    game, scene, world, pois, items = scenes(scene_id)
    assert sorted(c.poi for c in game.checkins) == sorted(p.id for p in scene.pois), "one stamp per POI"
    assert all(c.points == 10 for c in game.checkins)
    tours = [load_tour(p, SCENES)[0] for p in TOURS]
    tour_questions = [c.id for tour in tours if tour.scene == scene_id for c in _choices(tour)]
    assert 2 <= len(game.quizzes) - len(tour_questions) <= 3, "2-3 quizzes beyond the tours' questions"
    assert 2 <= len(game.collectibles) <= 3 and all(25 <= c.radius_m <= 40 for c in game.collectibles)
    whens = [b.when for b in game.badges]
    assert any(w.all_checkins for w in whens) and any(w.quiz_streak == 3 for w in whens)
    assert any(w.score_at_least for w in whens)
    for item in game.collectibles:
        assert any(w.collectibles == [item.id] for w in whens), f"no badge for finding {item.id}"
    assert game.challenges
    best = (sum(c.points for c in game.checkins) + sum(q.points for q in game.quizzes)
            + sum(c.points for c in game.collectibles) + sum(c.points for c in game.challenges))
    assert all(w.score_at_least <= best for w in whens if w.score_at_least), "a score badge no one can reach"


@pytest.mark.parametrize("scene_id", SCENE_IDS)
def test_collectibles_lie_on_land(scenes, scene_id):
    game, scene, world, pois, items = scenes(scene_id)
    for item in game.collectibles:
        x, y, _ = items[item.id]
        assert world.ground.height_at(x, y) > scene.water.level_m + 0.5, f"{item.id} is in the water"


# ---- tour questions are quizzes --------------------------------------------------------------------

@pytest.mark.parametrize("path", TOURS, ids=_tour_id)
def test_every_tour_question_is_a_quiz_with_the_same_options(path):
    tour, _, _ = load_tour(path, SCENES)
    game, _ = load_game(SCENES / tour.scene / GAME_FILE, SCENES)
    quizzes = {q.id: q for q in game.quizzes}
    choices = _choices(tour)
    assert choices, "a shipped tour asks at least one question"
    for choice in choices:
        assert choice.id in quizzes, f"question '{choice.id}' has no quiz of the same id"
        quiz = quizzes[choice.id]
        assert [o.id for o in quiz.options] == [o.id for o in choice.options]
        assert [(o.text.zh, o.text.en) for o in quiz.options] == [(o.text.zh, o.text.en) for o in choice.options]


# ---- a guided tour with the rules attached ---------------------------------------------------------

def _play(scenes, path, answer):
    """Run the tour headless, every event to the rules; `answer(quiz)` picks the visitor's option."""
    tour, _, _ = load_tour(path, SCENES)
    game, scene, world, pois, items = scenes(tour.scene)
    quizzes = {q.id: q for q in game.quizzes}
    saved, shown = [], []
    rules = GameRules(game, pois, items, persist=lambda kind, item, points, **_: saved.append((kind, item)))

    def on_event(event):
        for out in rules.handle(event):
            if out["type"] in ("stamp", "collectible", "badge"):
                assert (out["type"], out["id"]) in saved, "shown before it was saved"
            shown.append(out)

    answers = {c.id: answer(quizzes[c.id]) for c in _choices(tour)}
    result = run_tour(tour, path, world, answers=answers, on_event=on_event)
    assert result.finished
    return tour, game, rules.progress, shown


def _visited_pois(tour, scene) -> set[str]:
    """POIs the tour flies to or circles (not those it only looks at from afar)."""
    poi_ids = {p.id for p in scene.pois}
    found = set()
    for _, step in walk(tour.steps):
        for move in (step.fly_to, step.orbit):
            if move is not None and move.target in poi_ids:
                found.add(move.target)
    return found


@pytest.mark.parametrize("path", TOURS, ids=_tour_id)
def test_a_tour_answered_right_earns_stamps_and_scores_its_question(scenes, path):
    tour, game, progress, shown = _play(scenes, path, lambda quiz: quiz.answer)
    assert progress.stamps
    questions = [c.id for c in _choices(tour)]
    assert {q: progress.quizzes.get(q) for q in questions} == {q: True for q in questions}
    results = [e for e in shown if e["type"] == "quiz_result"]
    assert [e["quiz"] for e in results] == questions and all(e["points"] > 0 for e in results)
    # every POI the tour flies to or circles is stamped by coming near it
    scene = scenes(tour.scene)[1]
    near = {e["poi"] for e in shown if e["type"] == "stamp" and e["by"] == "near"}
    assert _visited_pois(tour, scene) <= near, f"stamp radius too small for {_visited_pois(tour, scene) - near}"
    assert shown[-1]["type"] == "score" and shown[-1]["total"] == progress.score


@pytest.mark.parametrize("path", TOURS, ids=_tour_id)
def test_a_wrong_answer_in_a_tour_counts_as_that_quiz_answered_wrong(scenes, path):
    wrong = lambda quiz: next(o.id for o in quiz.options if o.id != quiz.answer)  # noqa: E731
    tour, game, progress, shown = _play(scenes, path, wrong)
    assert progress.stamps
    assert {c.id: progress.quizzes.get(c.id) for c in _choices(tour)} == {c.id: False for c in _choices(tour)}


# ---- free roaming ----------------------------------------------------------------------------------

@pytest.mark.parametrize("scene_id", SCENE_IDS)
def test_a_free_roam_walk_to_each_collectible_finds_it(scenes, scene_id):
    game, scene, world, pois, items = scenes(scene_id)
    for item in game.collectibles:
        rules = GameRules(game, pois, items)
        point = items[item.id]
        found_at = None
        for k, step_m in enumerate(np.arange(150.0, -0.1, -5.0)):  # walk in from 150 m east, at its height
            pos = point + np.array([step_m, 0.0, 0.0])
            events = rules.handle({"t": float(k), "type": "camera", "pos": [float(v) for v in pos]})
            got = [e for e in events if e["type"] == "collectible"]
            if got:
                assert found_at is None and got == [{"t": float(k), "type": "collectible", "id": item.id,
                                                     "by": "near", "points": item.points}]
                found_at = step_m
        assert found_at is not None, f"{item.id} not found at its own point"
        assert found_at <= item.radius_m < found_at + 5.0, f"{item.id} found {found_at} m away"
        assert rules.progress.collectibles == {item.id}
        badges = {b.id for b in game.badges if b.when.collectibles == [item.id]}
        assert badges <= rules.progress.badges, f"no badge for finding {item.id}"


@pytest.mark.parametrize("scene_id", SCENE_IDS)
def test_tapping_every_marker_and_finding_everything_earns_every_badge(scenes, scene_id):
    game, scene, world, pois, items = scenes(scene_id)
    rules = GameRules(game, pois, items)
    t = 0.0
    for quiz in game.quizzes:
        t += 5
        rules.handle({"t": t, "type": "quiz_answer", "quiz": quiz.id, "option": quiz.answer})
    for poi in scene.pois:
        t += 5
        rules.handle({"t": t, "type": "poi_tap", "poi": poi.id})
    for item in game.collectibles:
        t += 5
        rules.handle({"t": t, "type": "collectible_click", "collectible": item.id})
    assert t < min(c.within_s for c in game.challenges)
    p = rules.progress
    assert p.stamps == {c.id for c in game.checkins} and p.collectibles == {c.id for c in game.collectibles}
    assert p.challenges == {c.id for c in game.challenges}
    assert p.badges == {b.id for b in game.badges}
