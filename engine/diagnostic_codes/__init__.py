"""Every diagnostic code `validate` can report, explained for a content author: a title, a paragraph,
and a wrong and a right YAML example. `run_tour.py validate --explain CODE` prints one entry;
docs/diagnostics.md is all of them, rendered by `markdown()` (regenerate it with
`python -m engine.diagnostic_codes docs/diagnostics.md`; a test fails when it is out of date).

Pure data and text: nothing here imports the engine, so the registry can be read without Panda3D.
tests/test_diagnostic_codes.py checks that every code raised under engine/ is here, with the severity
it is raised with, and that nothing here is dead.
"""
from __future__ import annotations

import textwrap

from engine.diagnostic_codes import (event_codes, game_codes, hall_codes, kiosk_codes, scene_codes, schema_codes, tour_codes,
                                     ui_codes, yaml_codes)
from engine.diagnostic_codes.entry import CodeInfo

__all__ = ["CodeInfo", "CODES", "FAMILIES", "lookup", "explain", "markdown"]

# (heading, entries) in the order an author meets them: reading the file, its fields, then the checks.
FAMILIES: list[tuple[str, list[CodeInfo]]] = [
    ("Y: reading the YAML file", yaml_codes.ENTRIES),
    ("S: fields and their values (scenes, tours, games, events)", schema_codes.ENTRIES),
    ("R, A, G, C: scenes (references, asset files, geometry, scene names)", scene_codes.ENTRIES),
    ("T: guided tours", tour_codes.ENTRIES),
    ("P, I: games and translations", game_codes.ENTRIES),
    ("E: event overlays", event_codes.ENTRIES),
    ("U: texts on screen", ui_codes.ENTRIES),
    ("K: the kiosk (kiosk.yaml)", kiosk_codes.ENTRIES),
    ("H: the exhibition hall (hall.yaml)", hall_codes.ENTRIES),
]

CODES: dict[str, CodeInfo] = {info.code: info for _, entries in FAMILIES for info in entries}

DOC_PATH = "docs/diagnostics.md"
_WIDTH = 100


def lookup(code: str) -> CodeInfo | None:
    """The entry for `code` (case does not matter), or None."""
    return CODES.get(code.strip().upper())


def explain(info: CodeInfo) -> str:
    """One entry as plain text for a terminal."""
    paragraph = textwrap.fill(info.explanation, _WIDTH)
    wrong, right = (textwrap.indent(example, "    ") for example in (info.wrong, info.right))
    return (f"{info.code} ({info.severity}): {info.title}\n\n{paragraph}\n\n"
            f"Wrong:\n{wrong}\n\nRight:\n{right}\n\nEvery code: {DOC_PATH}")


def markdown() -> str:
    """docs/diagnostics.md: a table of every code, then each entry with its examples."""
    header = (f"<!-- Generated from engine/diagnostic_codes/ by `python -m engine.diagnostic_codes {DOC_PATH}`; "
              "do not edit by hand (tests/test_diagnostic_codes.py fails when it is out of date). -->")
    intro = ("What `python run_tour.py validate` reports, as `FILE:LINE:COL: severity: message [CODE]`. An "
             "**error** stops the file being used; a **warning** does not. "
             "`python run_tour.py validate --explain CODE` prints one entry in the terminal.")
    out = ["# Diagnostic codes", "", header, "", intro, "", "| Code | Severity | What it means |", "|---|---|---|"]
    out += [f"| [{c.code}](#{c.code.lower()}) | {c.severity} | {c.title} |" for c in CODES.values()]
    for heading, entries in FAMILIES:
        out += ["", f"## {heading}"]
        for c in entries:
            out += ["", f"### {c.code}", "", f"**{c.title}** ({c.severity})", "", textwrap.fill(c.explanation, _WIDTH),
                    "", "Wrong:", "", "```yaml", c.wrong, "```", "", "Right:", "", "```yaml", c.right, "```"]
    return "\n".join(out) + "\n"
