"""A resumed visit pays nothing twice: quiz answers, streaks and challenges come back with the stamps,
finds, badges and score, so replaying the same tour and answering again changes no score, badge or
leaderboard place."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.settings import Settings
from engine.tour.headless import run_tour
from engine.tour.loader import load_tour
from engine.visit import HeadlessVisit
from tests.conftest import DATA, ROOT

HIGHLIGHTS = ROOT / "scripts" / "gulangyu-highlights.tour.yaml"
# a visit, its tour and its resume each read the same scene (and its game the scene again)
pytestmark = pytest.mark.usefixtures("content_parsed_once")


def _visit(settings: Settings, scene: str, tour_path: Path, answers: dict, code: str | None = None):
    visit = HeadlessVisit.open(settings, scene, scene, resume_code=code)
    tour, _, _ = load_tour(tour_path, settings.scenes_dir)
    result = run_tour(tour, tour_path, visit.world, lang="en", answers=answers, on_event=visit.on_event)
    return visit, result


def _state(visit: HeadlessVisit, scene: str):
    store, p = visit.game.store, visit.game.progress
    board = [(r.nickname, r.score) for r in store.leaderboard("scene", scene)]
    return store.progress(visit.game.session.id), p.score, set(p.badges), board


def test_a_resumed_tour_answered_again_pays_nothing_twice(tmp_path):
    settings = Settings(data_dir=tmp_path, lang="en")  # the shipped Gulangyu scene and its tours
    answers = {"sunlight_rock_height": "height_92"}
    first, run = _visit(settings, "gulangyu", HIGHLIGHTS, answers)
    kinds = {e["type"] for e in run.events}
    assert {"quiz_result", "challenge", "stamp"} <= kinds, kinds  # the tour pays for a quiz and a challenge
    first.sign("Egret")
    before = _state(first, "gulangyu")
    code = first.game.session.resume_code
    first.game.store.close()

    again, rerun = _visit(settings, "gulangyu", HIGHLIGHTS, answers, code)
    assert again.game.session.resume_code == code
    paid = [e for e in rerun.events if e["type"] in ("stamp", "collectible", "quiz_result", "challenge", "badge")]
    assert paid == []
    again.sign("Egret")
    assert _state(again, "gulangyu") == before
    assert before[1] < 200  # the expert badge (200 points) stays out of reach of a replay
    again.game.store.close()


def test_a_streak_goes_on_across_a_resume(tmp_path):
    settings = Settings(data_dir=tmp_path, scenes_dir=DATA / "scenes", scripts_dir=DATA / "tours", lang="en")
    first, _ = _visit(settings, "islet", DATA / "tours" / "islet-basics.tour.yaml", {"quiz_chapel": "white"})
    code = first.game.session.resume_code
    first.game.store.close()
    again = HeadlessVisit.open(settings, "islet", "islet", resume_code=code)
    assert again.game.progress.quizzes == {"quiz_chapel": True} and again.game.progress.best_streak == 1
    assert again.on_event({"t": 1.0, "type": "quiz_answer", "quiz": "quiz_chapel", "option": "red"}) == []
    gained = again.on_event({"t": 2.0, "type": "quiz_answer", "quiz": "quiz_hill", "option": "m40"})
    assert ("badge", "two_right") in {(e["type"], e.get("id")) for e in gained}  # two right in a row
    again.game.store.close()


def test_a_timed_challenge_counts_from_the_first_start_not_the_resume(tmp_path):
    from datetime import datetime, timedelta, timezone

    from engine.game.loader import load_game
    from engine.game.session import GameSession
    from engine.manifest.scene_loader import load_scene
    from engine.store import Store
    from engine.tour_worlds import tour_world_of

    now = [datetime(2025, 5, 1, 2, 0, tzinfo=timezone.utc)]
    store = Store(tmp_path / "ludao.db", clock=lambda: now[0])
    game, _ = load_game(DATA / "scenes" / "islet" / "game.yaml", DATA / "scenes")
    scene, _ = load_scene(DATA / "scenes" / "islet" / "scene.yaml")
    ground = tour_world_of(scene).ground
    first = GameSession(game, scene, ground, lang="en", store=store)
    first.handle({"t": 10.0, "type": "poi_tap", "poi": "summit"})  # one stamp of the two in 120 s
    now[0] += timedelta(minutes=30)  # the visitor comes back half an hour later
    again = GameSession(game, scene, ground, lang="en", store=store, resume_code=first.session.resume_code)
    gained = again.handle({"t": 5.0, "type": "poi_tap", "poi": "chapel"})
    assert [e["type"] for e in gained if e["type"] == "challenge"] == []  # its two minutes were long over
    assert "quick_stamps" not in again.progress.challenges
    store.close()
