"""T104: `validate` warns at a camera move's duration_s when the comfort limit will stretch it, by how much,
on any path through the tour (engine/tour_comfort_check.py runs the tour in simulated time)."""
from __future__ import annotations

import re
from pathlib import Path

from engine.cli.main import main
from tests.conftest import DATA
from tests.corpus import swapped

SCENES = DATA / "scenes"
ISLET_TOUR = DATA / "tours" / "islet-basics.tour.yaml"


def validate(capsys, path: Path, tmp_path: Path) -> tuple[int, list[str]]:
    code = main(["validate", str(path), "--scenes", str(SCENES), "--data", str(tmp_path / "data")])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if "[T104]" in line]


def islet_tour(tmp_path: Path, swaps: list[tuple[str, str]]) -> Path:
    path = tmp_path / ISLET_TOUR.name
    path.write_text(swapped(ISLET_TOUR.read_text(encoding="utf-8"), swaps), encoding="utf-8")
    return path


def test_the_islet_tour_turns_to_the_chapel_too_fast(capsys, tmp_path):
    """Its face_chapel look_at (3 s) is stretched to 3.4 s: the warning sits on that duration_s."""
    code, found = validate(capsys, ISLET_TOUR, tmp_path)
    assert code == 0
    assert len(found) == 1, found
    assert re.search(r"islet-basics\.tour\.yaml:22:43: warning: this look_at turns the view faster than 40°/s: "
                     r"the tour will stretch it by 0\.\d s, from 3 s to 3\.\d s \[T104\] \(set duration_s: 4 or more",
                     found[0]), found[0]


def test_a_move_given_time_enough_is_not_reported(capsys, tmp_path):
    path = islet_tour(tmp_path, [("look_at: {target: chapel, duration_s: 3}", "look_at: {target: chapel, duration_s: 4}")])
    assert validate(capsys, path, tmp_path) == (0, [])


def test_a_move_on_a_branch_the_default_answer_skips_is_checked(capsys, tmp_path):
    """`wrong` is reached only when the visitor answers red; the quick turn there is found all the same."""
    path = islet_tour(tmp_path, [
        ("look_at: {target: chapel, duration_s: 3}", "look_at: {target: chapel, duration_s: 4}"),
        ('    narrate: {id: wrong_line, zh: 其实是白色的。, en: "It is white, in fact."}',
         "    look_at: {target: summit, duration_s: 1}")])
    code, found = validate(capsys, path, tmp_path)
    assert code == 0  # (the flight after it, which starts facing the summit, turns too fast too)
    assert any(":37:43: warning: this look_at turns the view" in line for line in found), found


def test_a_flight_inside_parallel_is_reported_at_its_own_duration(capsys, tmp_path):
    path = islet_tour(tmp_path, [
        ("look_at: {target: chapel, duration_s: 3}", "look_at: {target: chapel, duration_s: 4}"),
        ("fly_to: {target: summit, duration_s: 10, height_m: 60", "fly_to: {target: summit, duration_s: 1, height_m: 60")])
    code, found = validate(capsys, path, tmp_path)
    assert code == 0 and len(found) == 1, found
    assert ":16:46: warning: this fly_to turns the view" in found[0], found[0]
