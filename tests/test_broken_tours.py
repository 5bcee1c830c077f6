"""Broken guided tours: each one gives positioned diagnostics (FILE:LINE:COL, code, message), never a traceback.

The corpus is tests/data/broken_tours/islet-bNN-short-name.tour.yaml (errors: the tour cannot run) and
islet-wNN-short-name.tour.yaml (warnings only: the tour runs, `validate` exits 0). Each file is a copy of
tests/data/tours/islet-basics.tour.yaml with ONE thing broken, its id renamed to its file name (a tour's id
must be its file name, else T010), and starts with what it must produce:

    # expect: LINE:COL CODE substring of the message
    # expect: LINE:COL CODE substring of the message | substring of the hint

followed by one comment line saying what is broken, in place of the islet tour's two header comments, so
that line numbers are the islet tour's (a removed line is kept as a comment). Every expected diagnostic must
be present with exactly that line, column and code; others may be too (an error often leaves steps
unreachable, say). sounds/twelve-seconds.wav is 12 s of silence for the recording-length warning.

The end of the file holds inputs that once slipped through or crashed.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.diagnostics import ContentError, Diagnostic
from engine.tour.loader import load_tour
from tests import corpus
from tests.corpus import (ROOT, Expect, assert_every_file, assert_exits, cli_name, diagnostics_from_json, diagnostics_from_text,
                          expectations, expected_by_name, refusal, run_validate, says_what_it_expects, swapped)

BROKEN = ROOT / "tests" / "data" / "broken_tours"
SCENES = ROOT / "tests" / "data" / "scenes"
ISLET_TOUR = ROOT / "tests" / "data" / "tours" / "islet-basics.tour.yaml"
ERRORS = sorted(BROKEN.glob("islet-b[0-9][0-9]-*.tour.yaml"))
WARNINGS = sorted(BROKEN.glob("islet-w[0-9][0-9]-*.tour.yaml"))
SUFFIX = ".tour.yaml"


def _stem(path: Path) -> str:
    return path.name.removesuffix(SUFFIX)


def assert_expected(diagnostics: list[Diagnostic], expected: list[Expect]) -> None:
    """corpus.assert_expected: T1xx codes are warnings, no message says 'None', and no T010 unless expected."""
    corpus.assert_expected(diagnostics, expected, warnings="T1", forbid={"message": "'None'"})
    if not any(e.code == "T010" for e in expected):  # every file is named after its id
        assert not any(d.code == "T010" for d in diagnostics), corpus.listing(diagnostics)


def diagnostics_of(path: Path) -> list[Diagnostic]:
    """load_tour must refuse the file with a ContentError (any other exception fails the test as is)."""
    return refusal(load_tour, path, SCENES, require_error=True)


def warnings_of(path: Path) -> list[Diagnostic]:
    """load_tour must accept the file and return its warnings."""
    _, _, warnings = load_tour(path, SCENES)
    assert warnings, "no warnings"
    return warnings


# ---- the committed corpus ------------------------------------------------------------------------

def test_the_corpus_is_there_and_every_file_says_what_it_expects():
    assert len(ERRORS) >= 24 and len(WARNINGS) >= 3
    for path in ERRORS + WARNINGS:
        expected = says_what_it_expects(path)
        if path in WARNINGS:
            assert all(e.code.startswith("T1") for e in expected), f"{path.name} expects an error"
    for group in (ERRORS, WARNINGS):
        numbers = [p.name.split("-")[1] for p in group]
        assert len(set(numbers)) == len(numbers), "two files share a number"


@pytest.mark.parametrize("path", ERRORS, ids=_stem)
def test_broken_tour_gives_the_expected_diagnostics(path):
    assert_expected(diagnostics_of(path), expectations(path))


@pytest.mark.parametrize("path", WARNINGS, ids=_stem)
def test_tour_with_only_warnings_loads_and_warns(path):
    warnings = warnings_of(path)
    assert_expected(warnings, expectations(path))
    assert all(d.severity == "warning" for d in warnings)


def test_the_islet_tour_the_corpus_copies_is_clean():
    _, _, warnings = load_tour(ISLET_TOUR, SCENES)
    assert warnings == []


# ---- tours made from the islet tour in a temporary folder ----------------------------------------

def _islet_tour(folder: Path, swaps: list[tuple[str, str]]) -> Path:
    """The islet tour with `swaps` made, as islet-basics.tour.yaml in `folder` (so its id still fits)."""
    path = folder / ISLET_TOUR.name
    path.write_text(swapped(ISLET_TOUR.read_text(encoding="utf-8"), swaps), encoding="utf-8")
    return path


def _everything_said(path: Path) -> list[Diagnostic]:
    """Errors or warnings, whichever load_tour gives."""
    try:
        return load_tour(path, SCENES)[2]
    except ContentError as exc:
        return exc.diagnostics


def test_yaml_1_1_booleans_dates_and_sexagesimals_stay_text(tmp_path):
    """`no`, `yes`, `on`, `off`, `1:20` and `2024-11-13` are text in YAML 1.2: a VALID tour."""
    path = _islet_tour(tmp_path, [("en: Red}", "en: no}"), ("en: White}", "en: yes}"), ("en: Right.}", "en: on}"),
                                  ("en: Around the islet}", "en: off}"), ("en: A tour for the tests.}", "en: 1:20}"),
                                  ('en: "It is white, in fact."}', "en: 2024-11-13}")])
    tour, _, warnings = load_tour(path, SCENES)
    assert warnings == []
    options = tour.steps[5].choice.options
    assert [o.text.en for o in options] == ["yes", "no"]
    assert (tour.title.en, tour.summary.en) == ("off", "1:20")
    assert tour.steps[6].narrate.en == "on" and tour.steps[8].narrate.en == "2024-11-13"


# ---- the command line, the whole corpus in one call per format -----------------------------------

def test_cli_text_names_file_line_and_col_and_exits_2(tmp_path):
    paths = ERRORS + WARNINGS
    result = run_validate(paths, tmp_path, scenes=SCENES)
    assert_exits(result, 2)
    errors = result.stderr.count(": error: ")
    assert f"{len(paths)} file(s) checked, {errors} error(s)" in result.stdout
    expected = expected_by_name(paths)
    assert_every_file(diagnostics_from_text(result.stderr, expected), expected, assert_expected)


def test_cli_json_lists_file_line_col_code_and_exits_2(tmp_path):
    paths = ERRORS + WARNINGS
    result = run_validate(paths, tmp_path, "--format", "json", scenes=SCENES)
    assert_exits(result, 2)
    assert_every_file(diagnostics_from_json(result.stdout), expected_by_name(paths), assert_expected)


def test_cli_exits_0_when_there_are_only_warnings(tmp_path):
    expected = expected_by_name(WARNINGS)
    text = run_validate(WARNINGS + [ISLET_TOUR], tmp_path, scenes=SCENES)
    assert_exits(text, 0)
    assert f"{len(WARNINGS) + 1} file(s) checked, 0 error(s)" in text.stdout
    by_file = diagnostics_from_text(text.stderr, [*expected, cli_name(ISLET_TOUR)])
    # the islet tour's only warning: its deliberately quick turn to the chapel (test_tour_runner relies on it)
    assert [d.code for d in by_file.pop(cli_name(ISLET_TOUR), [])] == ["T104"]
    assert_every_file(by_file, expected, assert_expected)
    assert all(d.severity == "warning" for found in by_file.values() for d in found)

    listed = run_validate(WARNINGS, tmp_path, "--format", "json", scenes=SCENES)
    assert_exits(listed, 0)
    by_file = diagnostics_from_json(listed.stdout)
    assert_every_file(by_file, expected, assert_expected)
    assert all(d.severity == "warning" for found in by_file.values() for d in found)


# ---- inputs that once slipped through or crashed (the list case is still open) ----------------------

def test_mapping_as_action_parameter_is_reported(tmp_path):
    path = _islet_tour(tmp_path, [("params: {poi: chapel, seconds: 3}", "params: {poi: {id: chapel}, seconds: 3}")])
    diagnostics = diagnostics_of(path)
    assert any((d.line, d.col) == (44, 49) for d in diagnostics)


def test_list_as_action_parameter_is_reported_once(tmp_path):
    path = _islet_tour(tmp_path, [("params: {poi: chapel, seconds: 3}", "params: {poi: [chapel], seconds: 3}")])
    assert len(diagnostics_of(path)) == 1


def test_nul_in_narration_audio_beside_a_flight_is_a_diagnostic(tmp_path):
    line = "en: This is the islet's highest point.}"
    path = _islet_tour(tmp_path, [(line, line[:-1] + ', audio: {en: "line\\0.wav"}}')])
    assert_expected(diagnostics_of(path), [Expect(18, 103, "T008", "control character")])


def test_refused_audio_files_are_never_opened(tmp_path, monkeypatch):
    import engine.tour.timing as timing
    opened = []
    monkeypatch.setattr(timing, "audio_seconds", lambda p: opened.append(p))
    line = "en: This is the islet's highest point.}"
    path = _islet_tour(tmp_path, [(line, line[:-1] + f", audio: {{en: {ROOT / 'README.md'}}}}}")])
    assert any(d.code == "T008" for d in diagnostics_of(path))
    assert opened == []


def test_step_without_id_is_not_called_none(tmp_path):
    path = _islet_tour(tmp_path, [("goto: wrong}", "goto: chapel_visit}"), ("  - id: wrong\n", "  - label: wrong\n")])
    said = _everything_said(path)
    assert any(d.code == "T101" for d in said)
    assert not any("'None'" in d.message for d in said), [d.format() for d in said]


def test_endless_loop_is_reported_where_the_loop_is(tmp_path):
    path = _islet_tour(tmp_path, [("goto: chapel_visit", "goto: wrong"),
                                  ('narrate: {id: wrong_line, zh: 其实是白色的。, en: "It is white, in fact."}',
                                   "goto: skip_wrong")])
    loops = [d for d in _everything_said(path) if d.code == "T009"]
    assert loops and all(d.line in (34, 36) for d in loops), [d.format() for d in loops]  # skip_wrong <-> wrong


@pytest.mark.parametrize("label", ["welcome", "end"])
def test_label_that_cannot_be_jumped_to_is_refused(tmp_path, label):
    path = _islet_tour(tmp_path, [("label: chapel_section", f"label: {label}")])
    said = _everything_said(path)
    assert any(d.severity == "error" and d.line == 39 for d in said), [d.format() for d in said]


def test_label_inside_parallel_is_reported(tmp_path):
    path = _islet_tour(tmp_path, [("      - id: to_summit_line\n",
                                   "      - id: to_summit_line\n        label: summit_line_label\n")])
    said = _everything_said(path)
    assert any(d.line == 18 for d in said), [d.format() for d in said]


def test_goto_into_parallel_branch_says_why():
    (found,) = [d for d in diagnostics_of(BROKEN / "islet-b11-goto-into-parallel-branch.tour.yaml") if d.code == "T004"]
    assert "parallel" in found.message + found.hint and "does not exist" not in found.message, found.format()


def test_orbit_of_a_viewpoint_says_it_is_a_viewpoint():
    (found,) = diagnostics_of(BROKEN / "islet-b07-orbit-a-viewpoint.tour.yaml")
    assert "viewpoint" in found.message + found.hint, found.format()


def test_misplaced_target_is_not_told_look_at(tmp_path):
    path = _islet_tour(tmp_path, [("    fly_to: {target: above, duration_s: 6}", "    fly_to:\n    target: above")])
    said = diagnostics_of(path)
    assert not any("look_at" in d.hint for d in said), [d.format() for d in said]


def test_bad_tour_id_message_mentions_hyphens(tmp_path):
    path = _islet_tour(tmp_path, [("id: islet-basics", "id: Islet-Basics")])
    (found,) = [d for d in diagnostics_of(path) if d.line == 3]
    assert "hyphen" in found.message, found.format()
