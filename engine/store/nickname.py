"""Leaderboard nicknames: normalised, length-limited, nothing invisible, nothing on the blocklist.

Normalising: NFKC (full-width letters become ASCII, compatibility forms fold), whitespace collapsed to
single spaces and stripped. Refused: empty; longer than MAX_LENGTH code points (counted after
normalising); any control, format, private-use, surrogate or unassigned character (Unicode
categories C*: right-to-left overrides, zero-width joiners, tabs, newlines); a blocklisted word.

Blocklist matching works on a folded form of the nickname: accents dropped, case folded, common
Cyrillic/Greek look-alikes mapped to Latin letters, leetspeak read in words that have letters ("sh1t",
"$hit", but never a plain number like "455"), and everything but letters and digits removed, so
"F.U.C.K", "ｆｕｃｋ" and "f u c k" all fold to "fuck". A plain entry matches anywhere in that folded
text (right for Chinese, which has no spaces, and for words that are never innocent inside another
word). An entry written `=word` matches only a whole word, or the whole nickname, so "=ass" refuses
"ass" and "a.s.s" but not "Cassandra".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from engine.store.errors import NicknameRefused

MAX_LENGTH = 16
BLOCKLIST_FILE = Path(__file__).resolve().parent / "blocklist.txt"

# Letters from other scripts that look like Latin ones, and digits/symbols used as letters.
_LOOKALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "α": "a", "β": "b", "ε": "e", "ι": "i",
    "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
                       "!": "i"})


def _fold(text: str) -> str:
    """Accents off, case folded, look-alikes mapped; punctuation and spaces still there."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFKC", bare.casefold()).translate(_LOOKALIKES)


def _unleet(text: str) -> str:
    """Digits and symbols read as letters, but only in words that have letters: "sh1t" is a word,
    "455" is a number and stays one."""
    return " ".join(chunk.translate(_LEET) if any(ch.isalpha() for ch in chunk) else chunk
                    for chunk in text.split())


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN"


def _squash(text: str) -> str:
    return "".join(ch for ch in text if _is_word_char(ch))


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\W+|_", text) if w]


@dataclass(frozen=True)
class Blocklist:
    anywhere: frozenset[str]
    whole_words: frozenset[str]

    @classmethod
    def parse(cls, text: str, source: str = "<blocklist>") -> "Blocklist":
        anywhere, whole = set(), set()
        for number, line in enumerate(text.splitlines(), start=1):
            entry = line.split("#", 1)[0].strip()
            if not entry:
                continue
            target = whole if entry.startswith("=") else anywhere
            folded = _squash(_fold(entry.removeprefix("=")))
            if not folded:
                raise ValueError(f"{source}:{number}: blocklist entry {entry!r} has no letters or digits")
            target.add(folded)
        return cls(frozenset(anywhere), frozenset(whole))

    @classmethod
    def load(cls, path: Path = BLOCKLIST_FILE) -> "Blocklist":
        return cls.parse(Path(path).read_text("utf-8"), str(path))

    def match(self, nickname: str) -> str | None:
        """The entry the nickname hits, or None."""
        folded = _fold(nickname)
        forms = {folded, _unleet(folded)}
        squashed = {_squash(form) for form in forms}
        words = squashed | {w for form in forms for w in _words(form)}
        hits = {entry for entry in self.anywhere if any(entry in s for s in squashed)} | (self.whole_words & words)
        return min(hits) if hits else None


_DEFAULT: Blocklist | None = None


def default_blocklist() -> Blocklist:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Blocklist.load()
    return _DEFAULT


def normalise_nickname(raw: str, blocklist: Blocklist | None = None) -> str:
    """The nickname as it will be shown, or NicknameRefused saying why not."""
    if not isinstance(raw, str):
        raise TypeError(f"a nickname is text, not {type(raw).__name__}")
    text = unicodedata.normalize("NFKC", raw)
    for ch in text:
        if unicodedata.category(ch).startswith("C"):
            raise NicknameRefused(f"the nickname contains an invisible or control character (U+{ord(ch):04X}); "
                                  "use letters, digits and spaces", "invisible_character")
    text = " ".join(text.split())
    if not text:
        raise NicknameRefused("the nickname is empty; type at least one letter", "empty")
    if len(text) > MAX_LENGTH:
        raise NicknameRefused(f"the nickname is too long: {len(text)} characters, at most {MAX_LENGTH}", "too_long")
    if (default_blocklist() if blocklist is None else blocklist).match(text):
        raise NicknameRefused("the nickname contains a word that is not allowed; please choose another",
                              "blocked_word")
    return text
