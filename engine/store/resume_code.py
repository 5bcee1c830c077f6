"""Short resume codes a visitor can read off the screen and type on a touch keyboard."""
from __future__ import annotations

import secrets
import unicodedata

# No 0/O, 1/I/L: nothing that can be mistaken for something else. 31 ** 6 is about 887 million codes.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 6


def random_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def is_code(text: str) -> bool:
    return isinstance(text, str) and len(text) == LENGTH and all(ch in ALPHABET for ch in text)


def normalise_code(typed: str) -> str | None:
    """What the visitor typed, as a code: full-width letters, lower case, spaces and dashes are
    forgiven. None when it cannot be a code at all."""
    if not isinstance(typed, str):
        return None
    text = unicodedata.normalize("NFKC", typed).upper()
    text = "".join(ch for ch in text if not ch.isspace() and ch not in "-_.")
    return text if is_code(text) else None
