"""validate's text output: each diagnostic's first line as before, then the source line with a caret."""
from __future__ import annotations

from engine.diagnostic_excerpt import MAX_WIDTH, excerpt, format_with_excerpts
from engine.diagnostics import Diagnostic
from tests.corpus import DIAGNOSTIC_LINE, EXCERPT_LINE


def test_the_caret_stands_under_the_column(tmp_path):
    path = tmp_path / "scene.yaml"
    path.write_text("pois:\n  - id: summit\n    lat: north\n", encoding="utf-8")
    d = Diagnostic(str(path), 3, 10, "S004", "pois[0].lat: expected a number, got 'north'")
    lines = format_with_excerpts([d]).splitlines()
    assert lines == [d.format(), "    3 |     lat: north", "      |          ^"]
    assert DIAGNOSTIC_LINE.match(lines[0]) and all(EXCERPT_LINE.match(line) for line in lines[1:])


def test_tabs_and_wide_characters_keep_the_caret_aligned():
    shown, caret = excerpt("\tname: 鼓浪屿 x", 7, 12)  # column 12 is the 'x' after three wide characters
    before = shown[:shown.index("x")]
    assert caret.index("^") == len(before) + 3  # a terminal shows each of 鼓浪屿 two columns wide
    assert "\t" not in shown


def test_a_long_line_is_clipped_around_the_column():
    shown, caret = excerpt("a" * 5000 + "X" + "b" * 5000, 1, 5001)
    assert len(shown) < MAX_WIDTH + 20 and shown.count("...") == 2
    assert shown[caret.index("^")] == "X"


def test_no_excerpt_for_a_missing_file_or_a_line_not_there(tmp_path):
    short = tmp_path / "short.yaml"
    short.write_text("a: 1\n", encoding="utf-8")
    problems = [Diagnostic(str(tmp_path / "gone.yaml"), 3, 1, "Y001", "cannot read file"),
                Diagnostic(str(short), 9, 1, "S001", "missing"), Diagnostic(str(tmp_path), 1, 1, "C002", "no scene")]
    assert format_with_excerpts(problems).splitlines() == [d.format() for d in sorted(problems)]
