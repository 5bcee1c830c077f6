"""An unanswered question is never praised: at its timeout (or a skip) the tour says the right answer
neutrally and goes on where the branches meet, past the default option's "Spot on!" branch; the game
does not pay it."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from engine.manifest.scene_loader import load_scene
from engine.tour.headless import run_tour
from engine.tour.loader import load_tour
from engine.tour.runner import TourRunner
from engine.tour.time_up import rejoin
from engine.tour.checks import jump_targets
from engine.tour_worlds import tour_world_of
from tests.conftest import DATA, ROOT
from tests.tour_checks import steps_run

SCENES = DATA / "scenes"
TOUR = DATA / "tours" / "islet-basics.tour.yaml"
# one test loads every shipped tour, and each tour its scene again
pytestmark = pytest.mark.usefixtures("content_parsed_once")


@pytest.fixture(scope="module")
def islet():
    tour, _, _ = load_tour(TOUR, SCENES)
    scene, _ = load_scene(SCENES / "islet" / "scene.yaml")
    return tour, tour_world_of(scene)


def test_a_timed_out_question_says_the_answer_and_skips_the_praise(islet):
    tour, world = islet
    events = run_tour(tour, TOUR, world, lang="en", right_answers={"quiz_chapel": "white"}).events
    choice = next(e for e in events if e["type"] == "choice")
    assert (choice["option"], choice["by"]) == ("white", "timeout")
    said = [e["text"] for e in events if e["type"] == "narrate"]
    assert "Time's up: the answer is White." in said
    assert "Right." not in said  # the default's branch praises: never for an unanswered question
    run = steps_run(events)
    assert "right" not in run and "wrong" not in run and run[run.index("quiz") + 1] == "chapel_visit"


def test_without_a_quiz_for_it_the_line_only_says_times_up(islet):
    tour, world = islet
    said = [e["text"] for e in run_tour(tour, TOUR, world, lang="zh").events if e["type"] == "narrate"]
    assert "时间到。" in said and "答对了。" not in said


def test_an_answer_still_takes_its_branch(islet):
    tour, world = islet
    events = run_tour(tour, TOUR, world, lang="en", answers={"quiz_chapel": "white"},
                      right_answers={"quiz_chapel": "white"}).events
    said = [e["text"] for e in events if e["type"] == "narrate"]
    assert "Right." in said and not any(t.startswith("Time's up") for t in said)


def test_a_skipped_question_is_not_praised_either_and_counts_down_until_then(islet):
    tour, world = islet
    runner = TourRunner(tour, world, lang="en", right_answers={"quiz_chapel": "white"})
    runner.start()
    while runner.pending_choice is None:
        runner.tick(0.1)
    runner.tick(5.0)
    assert runner.question_seconds_left == pytest.approx(15.0, abs=0.11)
    runner.skip()
    assert runner.question_seconds_left is None
    while not runner.state.finished and tour.steps[runner.state.pc].id == "quiz":
        runner.tick(0.1)
    assert tour.steps[runner.state.pc].id == "chapel_visit"


def test_every_shipped_question_has_a_point_where_its_branches_meet():
    for path in sorted((ROOT / "scripts").glob("*.tour.yaml")):
        tour, _, _ = load_tour(path, ROOT / "scenes")
        targets = jump_targets(tour)
        for step in tour.steps:
            if step.choice is not None and any(o.goto for o in step.choice.options):
                assert rejoin(tour, step, targets) is not None, f"{path.name}: {step.id}"


def test_a_shipped_tour_left_alone_never_says_spot_on(tmp_path):
    """shapowei-harbour's default option is the right one and its branch begins "Spot on!"."""
    log = tmp_path / "tour.jsonl"
    result = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "play", "shapowei", "--tour", "shapowei-harbour",
                             "--headless", "--log", str(log), "--lang", "en", "--data", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    said = [e["text"] for e in events if e["type"] == "narrate"]
    assert "Time's up: the answer is 2003." in said
    assert not any(t.startswith("Spot on") for t in said)
    assert not any(e["type"] == "quiz_result" for e in events)  # the game pays no unanswered question
