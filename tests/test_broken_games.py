"""Broken game content: each file gives positioned diagnostics (FILE:LINE:COL, code, message), never a traceback.

The corpus is tests/data/broken_games/islet-bNN-short-name.game.yaml. Each file is a copy of the islet's game
(tests/data/scenes/islet/game.yaml) with ONE thing broken, and starts with what it must produce:

    # expect: LINE:COL CODE substring of the message
    # expect: LINE:COL CODE substring of the message | substring of the hint

followed by one comment line saying what is broken, in place of the islet game's two header comments, so
that line numbers are the islet game's (a removed line is kept as a comment). Every expected diagnostic must
be present with exactly that line, column and code; others may be too.

The files are named `<name>.game.yaml`, not `game.yaml`: `validate` takes a file ending in `.game.yaml` as game
content, and only a file named exactly game.yaml must sit in the folder of the scene it names (P002), so the
corpus can live outside tests/data/scenes. The end of the file holds gaps the corpus found, now checked.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.diagnostics import ContentError, Diagnostic
from engine.game.loader import load_game
from tests import corpus
from tests.corpus import (ROOT, Expect, assert_every_file, assert_exits, assert_no_crash, diagnostics_from_json,
                          diagnostics_from_text, expectations, expected_by_name, refusal, run_validate,
                          says_what_it_expects, swapped)

BROKEN = ROOT / "tests" / "data" / "broken_games"
SCENES = ROOT / "tests" / "data" / "scenes"
ISLET_GAME = SCENES / "islet" / "game.yaml"
SUFFIX = ".game.yaml"
CASES = sorted(BROKEN.glob(f"islet-b[0-9][0-9]-*{SUFFIX}"))


def _stem(path: Path) -> str:
    return path.name.removesuffix(SUFFIX)


def assert_expected(diagnostics: list[Diagnostic], expected: list[Expect]) -> None:
    """corpus.assert_expected: errors only, no message says 'None', and never P002."""
    corpus.assert_expected(diagnostics, expected, forbid={"message": "'None'"})
    for d in diagnostics:
        assert d.code != "P002", f"a file not named game.yaml is not tied to a scene folder: {d.format()}"


def diagnostics_of(path: Path, scenes: Path = SCENES) -> list[Diagnostic]:
    """load_game must refuse the file with a ContentError (any other exception fails the test as is)."""
    return refusal(load_game, path, scenes, require_error=True)


def _everything_said(path: Path, scenes: Path = SCENES) -> list[Diagnostic]:
    """Errors or warnings, whichever load_game gives."""
    try:
        return load_game(path, scenes)[1].warnings
    except ContentError as exc:
        return exc.diagnostics


def _islet_game(folder: Path, swaps: list[tuple[str, str]], name: str = "islet.game.yaml") -> Path:
    """The islet game with `swaps` made, written to folder/name."""
    text = swapped(ISLET_GAME.read_text(encoding="utf-8"), swaps)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- the committed corpus ------------------------------------------------------------------------

def test_the_corpus_is_there_and_every_file_says_what_it_expects():
    assert len(CASES) >= 15
    assert sorted(BROKEN.iterdir()) == CASES, "a file in the corpus folder that the tests do not pick up"
    for path in CASES:
        says_what_it_expects(path)
    numbers = [p.name.split("-")[1] for p in CASES]
    assert len(set(numbers)) == len(numbers), "two files share a number"


def test_the_corpus_covers_every_game_check():
    codes = {e.code for path in CASES for e in expectations(path)}
    assert {"P001", "P003", "P004", "P005", "P006", "Y009", "S001", "S002", "S010", "S011"} <= codes, codes


@pytest.mark.parametrize("path", CASES, ids=_stem)
def test_broken_game_gives_the_expected_diagnostics(path):
    assert_expected(diagnostics_of(path), expectations(path))


def test_the_islet_game_the_corpus_copies_is_clean():
    _, doc = load_game(ISLET_GAME, SCENES)
    assert doc.warnings == []


# ---- where a game file lives ---------------------------------------------------------------------

def test_game_yaml_in_another_scenes_folder_is_refused(tmp_path):
    path = _islet_game(tmp_path / "harbour", [], name="game.yaml")
    (found,) = [d for d in diagnostics_of(path) if d.code == "P002"]
    assert (found.line, found.col) == (3, 8) and "'harbour'" in found.message and "'islet'" in found.message


def test_a_game_file_with_another_name_may_live_anywhere(tmp_path):
    path = _islet_game(tmp_path / "harbour", [], name="anything.game.yaml")
    game, doc = load_game(path, SCENES)
    assert game.scene == "islet" and doc.warnings == []


def test_a_scene_with_errors_of_its_own_is_named_as_such(tmp_path):
    scenes = tmp_path / "scenes"
    (scenes / "islet").mkdir(parents=True)
    shutil.copy(SCENES / "islet" / "scene.yaml", scenes / "islet" / "scene.yaml")
    scene = scenes / "islet" / "scene.yaml"
    scene.write_text(scene.read_text(encoding="utf-8").replace("extent_m: 600", "extent_m: -600"), encoding="utf-8")
    (found,) = [d for d in diagnostics_of(ISLET_GAME, scenes) if d.code == "P001"]
    assert (found.line, found.col) == (3, 8) and "errors of its own" in found.message


# ---- inputs beyond the corpus: never a traceback ---------------------------------------------------

@pytest.mark.parametrize("text, line, code", [
    ("", 1, "S006"),
    ("- a\n- b\n", 1, "S006"),
    ("scene: islet\nquizzes:\n  - null\n", 3, "S006"),
    ("scene: islet\nbadges: [{id: a, name: {zh: 甲, en: A}, description: {zh: 甲, en: A}, when: null}]\n", 2, "S006"),
    ("scene: islet\nchallenges: [{id: a, name: {zh: 甲, en: A}, description: {zh: 甲, en: A}, within_s: 1e400, "
     "goal: {checkins: 1}}]\n", 2, "S004"),
    ("scene: islet\ncheckins: [{id: a, poi: summit, name: {zh: 甲, en: A}, radius_m: .nan}]\n", 2, "S004"),
])
def test_hostile_documents_are_diagnosed(tmp_path, text, line, code):
    path = tmp_path / "hostile.game.yaml"
    path.write_text(text, encoding="utf-8")
    assert any((d.line, d.code) == (line, code) for d in diagnostics_of(path)), \
        [d.format() for d in diagnostics_of(path)]


# ---- the command line, the whole corpus in one call per format -----------------------------------

def test_cli_text_names_file_line_and_col_and_exits_2(tmp_path):
    result = run_validate(CASES, tmp_path, scenes=SCENES)
    assert_exits(result, 2)
    errors = result.stderr.count(": error: ")
    assert f"{len(CASES)} file(s) checked, {errors} error(s), 0 warning(s)" in result.stdout
    expected = expected_by_name(CASES)
    assert_every_file(diagnostics_from_text(result.stderr, expected), expected, assert_expected, nothing_else=True)


def test_cli_json_lists_file_line_col_code_and_exits_2(tmp_path):
    result = run_validate(CASES, tmp_path, "--format", "json", scenes=SCENES)
    assert_exits(result, 2)
    assert_every_file(diagnostics_from_json(result.stdout), expected_by_name(CASES), assert_expected,
                      nothing_else=True)


def test_cli_exits_0_for_the_clean_islet_game(tmp_path):
    result = run_validate([ISLET_GAME], tmp_path, scenes=SCENES)
    assert_no_crash(result)
    assert result.returncode == 0 and "1 file(s) checked, 0 error(s), 0 warning(s)" in result.stdout, result.stderr


# ---- gaps found by the corpus, now checked ------------------------------------------------------------

def test_validate_a_folder_of_game_files(tmp_path):
    result = run_validate([BROKEN], tmp_path, scenes=SCENES)
    assert_no_crash(result)
    assert f"{len(CASES)} file(s) checked" in result.stdout, result.stdout + result.stderr[-2000:]


def test_a_challenge_goal_beyond_what_the_game_has_is_reported(tmp_path):
    path = _islet_game(tmp_path, [("goal: {checkins: 2}", "goal: {checkins: 3}")])
    assert any(d.line == 31 and d.code == "P007" for d in _everything_said(path))


def test_a_quiz_streak_longer_than_the_quizzes_is_reported(tmp_path):
    path = _islet_game(tmp_path, [("when: {quiz_streak: 2}", "when: {quiz_streak: 3}")])
    assert any(d.line == 41 and d.code == "P007" for d in _everything_said(path))


def test_a_stamp_circle_inside_another_is_a_warning_at_its_radius(tmp_path):
    """The summit's circle grown to take in the whole of the chapel's (about 151 m apart): the chapel's
    stamp is never earned alone. Overlapping circles (as the islet's are) are not reported."""
    path = _islet_game(tmp_path, [("radius_m: 170,", "radius_m: 260,")])
    game, doc = load_game(path, SCENES)
    said = [(d.line, d.col, d.code, d.severity) for d in doc.warnings]
    assert said == [(6, 83, "P009", "warning")], [d.format() for d in doc.warnings]
    assert "stamp 'stamp_chapel' is never earned alone" in doc.warnings[0].message
    assert "less than 241" in doc.warnings[0].hint


def test_two_stamps_for_one_poi_are_a_warning(tmp_path):
    path = _islet_game(tmp_path, [("poi: chapel, name: {zh: 教堂印章", "poi: summit, name: {zh: 教堂印章")])
    assert [(d.line, d.code) for d in load_game(path, SCENES)[1].warnings] == [(6, "P009")]
