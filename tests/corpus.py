"""What the broken-content corpora share (tests/test_broken_manifests.py, _tours.py, _games.py).

Each corpus file starts with the diagnostics it must produce:

    # expect: LINE:COL CODE substring of the message
    # expect: LINE:COL CODE substring of the message | substring of the hint

Here: reading those lines (`expectations`), checking diagnostics against them (`assert_expected`), getting
the diagnostics of a refused file (`refusal`), and running `run_tour.py validate` on a set of files and
reading its output back, text or JSON, as diagnostics by file.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

import pytest

from engine.diagnostics import ContentError, Diagnostic

ROOT = Path(__file__).resolve().parents[1]  # the working folder of every `validate` run

_EXPECT = re.compile(r"^#\s*expect:\s*(\d+):(\d+)\s+([A-Z]\d{3})\s+(.+?)\s*$")

DIAGNOSTIC_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): "
                             r"(?P<message>.*) \[(?P<code>[A-Z]\d{3})\](?: \((?P<hint>.*)\))?$")
"""One diagnostic as `validate` prints it to stderr: FILE:LINE:COL: SEVERITY: MESSAGE [CODE] (HINT)."""

EXCERPT_LINE = re.compile(r"^ *(\d+)? \|( |$)")
"""A line of the source excerpt `validate` prints under a diagnostic: `   42 |   lat: north`, `      |   ^`."""


@dataclass(frozen=True)
class Expect:
    """One `# expect:` line: a diagnostic that must be among those the file gives."""

    line: int
    col: int
    code: str
    message: str  # a substring of the message
    hint: str = ""  # a substring of the hint ('' : not checked)

    def matches(self, d: Diagnostic) -> bool:
        return ((d.line, d.col, d.code) == (self.line, self.col, self.code) and self.message in d.message
                and self.hint in d.hint)

    def __str__(self) -> str:
        return f"{self.line}:{self.col} {self.code} {self.message!r}" + (f" hint {self.hint!r}" if self.hint else "")


def expectations(path: Path) -> list[Expect]:
    """The `# expect:` lines of the file's leading comment block."""
    found = []
    with path.open(encoding="utf-8") as f:
        for raw in f:
            if not raw.startswith("#"):
                break
            m = _EXPECT.match(raw)
            if m:
                message, _, hint = m.group(4).partition(" | ")
                found.append(Expect(int(m.group(1)), int(m.group(2)), m.group(3), message.strip(), hint.strip()))
    return found


def says_what_it_expects(path: Path) -> list[Expect]:
    """The file's expectations; it must have some, and the comment line after them says what is broken."""
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect: LINE:COL CODE text' line"
    header = path.read_text(encoding="utf-8").splitlines()[:len(expected) + 1]
    assert header[-1].startswith("# ") and "expect:" not in header[-1], f"{path.name}: say what is broken"
    return expected


def listing(diagnostics: Iterable[Diagnostic]) -> str:
    """The diagnostics as the CLI prints them, sorted, one a line: for assertion messages."""
    return "\n".join(d.format() for d in sorted(diagnostics))


def assert_expected(diagnostics: list[Diagnostic], expected: list[Expect], *, warnings: str = "",
                    forbid: Mapping[str, str] | None = None) -> None:
    """Every expectation is met by one of the diagnostics, and every diagnostic is well formed.

    Well formed: positioned (line and column >= 1), a warning if its code starts with `warnings` ('' : none
    is) and an error otherwise, and for each `field: text` of `forbid`, `text` is not in that field (say
    {"message": "'None'"}).
    """
    shown = listing(diagnostics)
    for e in expected:
        assert any(e.matches(d) for d in diagnostics), f"expected {e}; got:\n{shown}"
    for d in diagnostics:
        assert d.severity in ("error", "warning") and d.line >= 1 and d.col >= 1, d.format()
        assert d.severity == ("warning" if warnings and d.code.startswith(warnings) else "error"), d.format()
        for name, text in (forbid or {}).items():
            assert text not in getattr(d, name), d.format()


def refusal(load: Callable, *args, require_error: bool = False) -> list[Diagnostic]:
    """`load(*args)` must refuse with a ContentError that has diagnostics (any other exception fails the test
    as is), with at least one error among them if `require_error`; its diagnostics."""
    with pytest.raises(ContentError) as info:
        load(*args)
    assert info.value.diagnostics, "ContentError without diagnostics"
    if require_error:
        assert any(d.severity == "error" for d in info.value.diagnostics), "refused with warnings only"
    return info.value.diagnostics


def swapped(text: str, swaps: Iterable[tuple[str, str]]) -> str:
    """`text` with each (old, new) of `swaps` made; each `old` must occur exactly once."""
    for old, new in swaps:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# ---- the command line --------------------------------------------------------------------------------

def cli_name(arg: str | Path) -> str:
    """How `validate` names a file it was given: relative to the working folder (ROOT)."""
    return os.path.relpath(arg, ROOT) if Path(arg).is_absolute() else str(arg)


def run_validate(paths: Iterable[str | Path], data_dir: Path, *extra: str,
                 scenes: Path | None = None) -> subprocess.CompletedProcess:
    """`run_tour.py validate PATHS... EXTRA... [--scenes SCENES] --data DATA_DIR` in ROOT, output captured.

    A Path (absolute) is passed relative to ROOT, as the CLI names it; a str exactly as given (an absolute
    one stays absolute). `scenes`, if given, is passed relative to ROOT too.
    """
    args = [cli_name(p) if isinstance(p, Path) else p for p in paths]
    where = ["--scenes", cli_name(scenes)] if scenes is not None else []
    return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "validate", *args, *extra, *where,
                           "--data", str(data_dir)], capture_output=True, text=True, cwd=ROOT, timeout=300)


def assert_no_crash(result: subprocess.CompletedProcess) -> None:
    """Neither output stream of the run shows a traceback or an internal error."""
    for stream in (result.stderr, result.stdout):
        assert "Traceback" not in stream and "internal error" not in stream, stream[-3000:]


def assert_exits(result: subprocess.CompletedProcess, status: int) -> None:
    """No crash (assert_no_crash), and the run's exit status is `status`."""
    assert_no_crash(result)
    assert result.returncode == status, result.stderr[-3000:]


def diagnostics_from_text(stderr: str, names: Iterable[str]) -> dict[str, list[Diagnostic]]:
    """The run's stderr read back by file; every line must be a DIAGNOSTIC_LINE of one of `names` (CLI names),
    or a line of the source excerpt under one (EXCERPT_LINE)."""
    names = set(names)
    by_file: dict[str, list[Diagnostic]] = {}
    for text in stderr.splitlines():
        if EXCERPT_LINE.match(text):
            continue
        m = DIAGNOSTIC_LINE.match(text)
        assert m and m["file"] in names, f"not a FILE:LINE:COL diagnostic of a file we passed: {text!r}"
        by_file.setdefault(m["file"], []).append(Diagnostic(m["file"], int(m["line"]), int(m["col"]), m["code"],
                                                            m["message"], m["severity"], m["hint"] or ""))
    return by_file


def diagnostics_from_json(stdout: str) -> dict[str, list[Diagnostic]]:
    """The run's `--format json` output read back by file; it must be a non-empty list of whole diagnostics."""
    listed = json.loads(stdout)
    assert isinstance(listed, list) and listed, f"not a non-empty list: {stdout[:3000]}"
    by_file: dict[str, list[Diagnostic]] = {}
    for item in listed:
        assert set(item) >= {"file", "line", "col", "code", "message", "severity", "hint"}, item
        by_file.setdefault(item["file"], []).append(Diagnostic(**item))
    return by_file


def expected_by_name(paths: Iterable[Path]) -> dict[str, list[Expect]]:
    """CLI name -> the file's own expectations, for each of `paths`."""
    return {cli_name(p): expectations(p) for p in paths}


def assert_every_file(by_file: dict[str, list[Diagnostic]], expected: Mapping[str, list[Expect]],
                      check: Callable[[list[Diagnostic], list[Expect]], None] = assert_expected, *,
                      nothing_else: bool = False) -> None:
    """Each file of `expected` (by CLI name) has diagnostics in `by_file` that pass `check(diagnostics,
    expectations)`; with `nothing_else`, no other file has any."""
    if nothing_else:
        assert set(by_file) == set(expected), \
            f"diagnostics for {sorted(set(by_file) - set(expected))}, none for {sorted(set(expected) - set(by_file))}"
    for name, wanted in expected.items():
        assert name in by_file, f"no diagnostic for {name}"
        check(by_file[name], wanted)
