"""Text in content that could not be shown or written safely, found while the YAML is read.

- Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the other invisible
  formatting characters (Unicode category Cf) can make a line read differently from what it says
  (a right-to-left override flips the text after it) or hide words from a reviewer. Visitor-facing
  text never needs them; nicknames refuse them too (engine/store/nickname.py). Zero-width joiner and
  non-joiner (U+200D, U+200C) stay allowed: emoji sequences and some scripts need them.
- A lone surrogate (U+D800-U+DFFF, only reachable through a `"\\ud800"` escape) is no character at all:
  it cannot be encoded as UTF-8, so printing or saving the text would fail.
Checked on every scalar, not only on bilingual texts: no id, path or other field needs them either.
"""
from __future__ import annotations

import unicodedata

MAX_INT_DIGITS = 1000  # Python refuses to print ints over 4,300 digits; no content needs a tenth of that
ALLOWED_FORMAT = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner


def _bad(ch: str) -> str | None:
    """The diagnostic code for a character content may not hold, or None."""
    if "\ud800" <= ch <= "\udfff":
        return "Y016"
    if ch not in ALLOWED_FORMAT and unicodedata.category(ch) == "Cf":
        return "Y015"
    return None


def text_problem(value: str, source: str, start: int, end: int) -> tuple[int | None, str, str, str] | None:
    """(index in `source` or None, code, message, hint) for the first bad character of a scalar
    whose source text is source[start:end]; None when the value is clean."""
    if value.isascii():
        return None
    for ch in value:
        code = _bad(ch)
        if code is None:
            continue
        where = source.find(ch, start, end)  # absent when it was written as an escape
        index = where if where >= 0 else None
        if code == "Y016":
            return (index, code, f"a lone surrogate U+{ord(ch):04X} is not a character",
                    "write the character itself, or a \\U escape of its code point")
        name = unicodedata.name(ch, "a formatting character")
        return (index, code, f"invisible formatting character U+{ord(ch):04X} ({name}) in text",
                "remove it: it can reverse or hide text on screen")
    return None
