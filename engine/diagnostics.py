"""Positioned problems in content files, printed the yamllint way: FILE:LINE:COL: severity: message.

Every layer that reads content (YAML, schema, references, assets) reports through these, so an
author sees all the problems of a file at once with the line and column of the offending node.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field
from typing import Iterable


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int  # 1-based
    col: int  # 1-based
    code: str
    message: str
    severity: str = "error"  # "error" | "warning"
    hint: str = ""

    def format(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"
        if self.hint:
            text += f" ({self.hint})"
        return _one_line(text)

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class ContentError(Exception):
    """Raised when a content file cannot be used; carries every problem found in it."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(d.format() for d in sorted(self.diagnostics))


def _one_line(text: str) -> str:
    """One diagnostic, one line: a line break echoed from content would split it (and fool tools)."""
    return text.replace("\r", "\\r").replace("\n", "\\n") if "\n" in text or "\r" in text else text


def format_all(diagnostics: Iterable[Diagnostic], fmt: str = "text") -> str:
    ordered = sorted(diagnostics)
    if fmt == "json":
        return json.dumps([d.to_json() for d in ordered], ensure_ascii=False, indent=2)
    return "\n".join(d.format() for d in ordered)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known name, or '' when nothing is close."""
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""
