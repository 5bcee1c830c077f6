"""One registry entry: what a diagnostic code means to a content author."""
from __future__ import annotations

import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class CodeInfo:
    code: str
    severity: str  # "error" stops the file being used; "warning" does not
    title: str
    explanation: str  # one paragraph for an author who writes YAML, not Python
    wrong: str  # a short YAML example that gives this diagnostic
    right: str  # the same example, corrected


def entry(code: str, severity: str, title: str, explanation: str, wrong: str, right: str) -> CodeInfo:
    """A CodeInfo from indented triple-quoted text: the paragraph joined, the examples dedented."""
    return CodeInfo(code, severity, title, " ".join(explanation.split()),
                    textwrap.dedent(wrong).strip("\n"), textwrap.dedent(right).strip("\n"))
