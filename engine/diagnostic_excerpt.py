"""Diagnostics as text with the offending source line and a caret under the column, as compilers
print them:

    scenes/x/scene.yaml:42:10: error: pois[3].lat: expected a number, got 'north' [S006]
       42 |   lat: north
          |        ^

The first line is exactly Diagnostic.format(), so tools that read FILE:LINE:COL lines still work.
Files are read only when a diagnostic points into them; a file that cannot be read, or a line that
is not there, gives no excerpt (never an error: the diagnostic itself is what matters).
"""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Iterable

from engine.diagnostics import Diagnostic

TAB_WIDTH = 8  # as terminals show a tab; the caret line is computed with the same width
MAX_WIDTH = 100  # a longer line is clipped to a window around the column
_YAML_ONLY_BREAKS = "\x85\u2028\u2029"  # line breaks to PyYAML's marks, not to Python's file reading
_GUTTER = 5  # "   42" in the example: enough for files under 100,000 lines


def format_with_excerpts(diagnostics: Iterable[Diagnostic]) -> str:
    ordered = sorted(diagnostics)
    wanted: dict[str, set[int]] = {}
    for d in ordered:
        wanted.setdefault(d.file, set()).add(d.line)
    source = {name: _read_lines(name, numbers) for name, numbers in wanted.items()}  # each file read once
    out = []
    for d in ordered:
        out.append(d.format())
        text = source[d.file].get(d.line)
        if text is not None:
            out += excerpt(text, d.line, d.col)
    return "\n".join(out)


def excerpt(text: str, line: int, col: int) -> list[str]:
    """The two excerpt lines for `text` (line number `line`) with a caret at 1-based column `col`."""
    text = text.rstrip("\r\n")
    col = min(max(col, 1), len(text) + 1)
    if len(text) > 2 * MAX_WIDTH:  # bound the work on a huge line before measuring it
        start = max(0, col - 1 - MAX_WIDTH)
        text, col = text[start:col - 1 + MAX_WIDTH], col - start
    whole = _shown(text)
    before = _shown(text[:col - 1])  # tabs before the column expand the same way in both
    after = whole[len(before):]
    if _width(before) + _width(after) > MAX_WIDTH:
        before, after = _clip(before, after)
    gutter = max(_GUTTER, len(str(line)))
    return [f"{line:>{gutter}} | {before}{after}".rstrip(),
            f"{'':>{gutter}} | {' ' * _width(before)}^"]


def _read_lines(name: str, numbers: set[int]) -> dict[int, str]:
    """The lines `numbers` (1-based) of the file, read up to the last of them; {} when it cannot be read."""
    found: dict[int, str] = {}
    last = max(numbers)
    try:
        with Path(name).open(encoding="utf-8", errors="replace", newline="") as f:
            for number, text in enumerate(f, start=1):
                if any(c in text for c in _YAML_ONLY_BREAKS):
                    break  # YAML counts a line here that Python does not: later numbers would be wrong
                if number in numbers:
                    found[number] = text
                if number >= last:
                    break
    except (OSError, ValueError):  # missing, a folder, unreadable, a name the OS refuses
        return {}
    return found


def _shown(text: str) -> str:
    """Tabs expanded; control characters (which a content file may hold, Y012) shown as '?'."""
    text = text.expandtabs(TAB_WIDTH)
    return "".join("?" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


def _width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _clip(before: str, after: str) -> tuple[str, str]:
    """Keep about a third of the window before the column and the rest after it, marking cuts."""
    keep_before = MAX_WIDTH // 3
    if _width(before) > keep_before:
        while _width(before) > keep_before - 3:
            before = before[1:]
        before = "..." + before
    room = MAX_WIDTH - _width(before)
    if _width(after) > room:
        while _width(after) > room - 3:
            after = after[:-1]
        after += "..."
    return before, after
