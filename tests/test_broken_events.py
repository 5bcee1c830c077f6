"""Broken event overlays: each one gives positioned diagnostics (FILE:LINE:COL, code, message), never a traceback.

The corpus is tests/data/broken_events/bNN_short_name.event.yaml: a small overlay that dresses the islet test
scene (tests/data/scenes/islet), with ONE thing broken, starting with what it must produce:

    # expect: LINE:COL CODE substring of the message
    # expect: LINE:COL CODE substring of the message | substring of the hint

then a comment line saying what is broken. Each file's id is its file name (E002 is checked on every file),
so only b14 is refused for its id. The corpus sits outside tests/data/scenes (so that `validate
tests/data/scenes` never picks it up), and names its scene `islet`: the scenes folder is given explicitly,
to load_event and as `validate --scenes tests/data/scenes`. The .ics files beside them are the broken
calendar files (not_a_calendar.ics is also the model that is not a model). The 0-byte file cannot say what
it expects: UNSAID does.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from engine.diagnostics import Diagnostic
from engine.overlays import calendar
from engine.overlays.loader import load_event
from tests import corpus
from tests.corpus import (ROOT, Expect, assert_every_file, assert_exits, diagnostics_from_json, expected_by_name,
                          expectations, refusal, run_validate, says_what_it_expects)

BROKEN = ROOT / "tests" / "data" / "broken_events"
SCENES = ROOT / "tests" / "data" / "scenes"
CASES = sorted(BROKEN.glob("b[0-9][0-9]_*.event.yaml"))

UNSAID = {"b35_zero_bytes.event.yaml": [Expect(1, 1, "S006", "event overlay must be a mapping of fields")]}
"""Files that cannot carry `# expect:` lines -> what they must give."""

CODES_COVERED = {"Y005", "Y009", "Y010", "Y017", "S001", "S002", "S006", "S007", "S010", "S011",
                 "E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "A001", "A002", "R001", "P004", "A008"}


def expected_of(path: Path) -> list[Expect]:
    return UNSAID.get(path.name) or says_what_it_expects(path)


def diagnostics_of(path: Path) -> list[Diagnostic]:
    """load_event must refuse the file with a ContentError (any other exception fails the test as is)."""
    return refusal(load_event, path, SCENES, require_error=True)


def assert_expected(diagnostics: list[Diagnostic], expected: list[Expect]) -> None:
    """corpus.assert_expected: errors only, and no message or hint shows a Python 'None'."""
    corpus.assert_expected(diagnostics, expected, forbid={"message": "'None'", "hint": "'None'"})


# ---- the committed corpus ------------------------------------------------------------------------

def test_the_corpus_is_there_and_every_file_says_what_it_expects():
    assert len(CASES) >= 24
    assert len({p.name[:3] for p in CASES}) == len(CASES), "two files share a number"
    for path in CASES:
        assert expected_of(path), path.name
    for name in UNSAID:
        assert (BROKEN / name).stat().st_size == 0, name
    covered = {e.code for path in CASES for e in expected_of(path)}
    assert covered >= CODES_COVERED, sorted(CODES_COVERED - covered)


@pytest.mark.parametrize("path", CASES, ids=[p.name.split(".")[0] for p in CASES])
def test_broken_overlay_gives_the_expected_diagnostics(path):
    assert_expected(diagnostics_of(path), expected_of(path))


def test_each_file_but_b14_is_named_after_its_id():
    """A file refused for its id would hide what else it shows: only b14 breaks the E002 rule."""
    for path in CASES:
        if path.stat().st_size == 0:
            continue
        codes = {d.code for d in diagnostics_of(path)}
        assert ("E002" in codes) == path.name.startswith("b14_"), path.name


# ---- what must stay valid ------------------------------------------------------------------------

def _valid_copy(tmp_path: Path, old: str, new: str) -> Path:
    """b12 (which only names an unknown scene) repaired, with `old` made `new`, as tmp/<id>.event.yaml."""
    text = (BROKEN / "b12_unknown_scene.event.yaml").read_text(encoding="utf-8")
    text = corpus.swapped(text, [("scenes: [harbour]", "scenes: [islet]"), (old, new),
                                 ("id: b12_unknown_scene", "id: fair")])
    path = tmp_path / "fair.event.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_corpus_base_is_valid_once_repaired(tmp_path):
    event, _ = load_event(_valid_copy(tmp_path, "order: 5", "order: 5"), SCENES)
    assert event.editions[0].start == calendar.parse_moment("2026-11-10")


@pytest.mark.parametrize("start, end", [("2026-11-10", "2026-11-14"),  # YAML 1.1 would make them dates
                                        ("2026-11-10 18:00", "2026-11-10 22:00"),  # ... and these timestamps
                                        ("2026-11-10T18:00", "2026-11-10T22:00"),
                                        ('"2026-11-10"', "'2026-11-14'")])
def test_unquoted_dates_stay_text(tmp_path, start, end):
    path = _valid_copy(tmp_path, "{start: 2026-11-10, end: 2026-11-14}", f"{{start: {start}, end: {end}}}")
    event, _ = load_event(path, SCENES)
    assert event.overlay.when.editions[0].start == start.strip("\"'")
    assert event.editions[0].start == calendar.parse_moment(start.strip("\"'"))


# ---- bugs found while building the corpus ----------------------------------------------------------

def test_a_bad_except_on_day_does_not_hide_a_bad_ics(tmp_path):
    """A bad `except_on` day used to end the calendar checks, so the missing .ics went unreported."""
    path = _valid_copy(tmp_path, "  editions:\n    - {start: 2026-11-10, end: 2026-11-14}\n",
                       "  rrule: FREQ=YEARLY\n  first: 2024-11-12\n  except_on: [2025-13-12]\n  ics: nowhere.ics\n")
    found = {(d.line, d.col, d.code) for d in diagnostics_of(path)}
    assert found == {(9, 15, "E003"), (10, 8, "E005")}


def test_a_rule_that_is_on_too_often_is_refused(tmp_path):
    """Sixty times a day passes the FREQ check: the occurrence limit stops it, quickly."""
    path = _valid_copy(tmp_path, "  editions:\n    - {start: 2026-11-10, end: 2026-11-14}\n",
                       "  rrule: FREQ=DAILY;BYHOUR=8,9,10,11,12,13;BYMINUTE=0,10,20,30,40,50\n  first: 2024-11-12\n")
    diagnostics = diagnostics_of(path)
    assert [(d.line, d.col, d.code) for d in diagnostics] == [(7, 10, "E004")]
    assert "more than 20,000 times" in diagnostics[0].message


@pytest.mark.parametrize("text", ["1899-12-31", "2200-01-01", "9999-12-31", "9999-12-31T23:00", "0001-01-01"])
def test_dates_outside_the_years_are_refused_not_overflowed(text):
    with pytest.raises(calendar.CalendarError, match="not in the years 1900 to 2199"):
        calendar.parse_moment(text, end_of_day=True)


def test_the_last_day_of_the_years_still_ends():
    assert calendar.parse_moment("2199-12-31", end_of_day=True) == datetime(2200, 1, 1, tzinfo=calendar.BEIJING)


# ---- the command line: the whole folder in one call ---------------------------------------------

def test_cli_over_the_folder_lists_every_file_and_exits_2(tmp_path):
    result = run_validate([BROKEN.relative_to(ROOT).as_posix()], tmp_path, "--format", "json", scenes=SCENES)
    assert_exits(result, 2)
    expected = expected_by_name(CASES)
    expected.update({corpus.cli_name(BROKEN / name): wanted for name, wanted in UNSAID.items()})
    assert_every_file(diagnostics_from_json(result.stdout), expected, assert_expected, nothing_else=True)


def test_cli_text_names_file_line_and_col(tmp_path):
    paths = [BROKEN / "b13_scene_typo.event.yaml", BROKEN / "b35_zero_bytes.event.yaml"]
    result = run_validate(paths, tmp_path, scenes=SCENES)
    assert_exits(result, 2)
    by_file = corpus.diagnostics_from_text(result.stderr, [corpus.cli_name(p) for p in paths])
    assert_every_file(by_file, {corpus.cli_name(p): expected_of(p) for p in paths}, assert_expected)


def test_expectations_are_read_from_the_header_only():
    assert expectations(BROKEN / "b35_zero_bytes.event.yaml") == []


def test_an_ics_with_more_occurrences_than_the_limit_is_refused_without_expanding_them_all(tmp_path):
    path = tmp_path / "hourly.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260614T100000\r\n"
                    "DTEND:20260614T100500\r\nRRULE:FREQ=HOURLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    since, until = calendar.parse_moment("2026-06-14"), calendar.parse_moment("2076-06-14")
    with pytest.raises(calendar.CalendarError, match="more than 10 occurrences"):
        calendar.ics_spans(path, since, until, limit=10)
    assert len(calendar.ics_spans(path, since, calendar.parse_moment("2026-06-15"))) == 14  # 10:00 to 23:00
