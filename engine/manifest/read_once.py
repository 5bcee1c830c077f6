"""Within `files_read_once()`, each content file is parsed and checked once, however many other
files ask for it: `validate` checks every tour, and every game and event reads its scene's tours
and scenes again (the three shipped scenes were parsed 48 times in one run, two thirds of its time).

Only inside that block, never process-wide: the callers there share what was loaded and must not
change it (a read-only run such as `validate`), and what a file's checks read from other files (a
tour's scene) must not change inside the block either. A file is known by its path and its bytes:
one changed in between is read again."""
from __future__ import annotations

import hashlib
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Callable, TypeVar

from engine.diagnostics import ContentError
from engine.manifest.yaml_loader import MAX_FILE_BYTES

T = TypeVar("T")

# (what, resolved path, digest of the bytes, *extra) -> (True, what the loader returned) or (False, its diagnostics)
_MEMO: ContextVar[dict | None] = ContextVar("files_read_once", default=None)


@contextmanager
def files_read_once():
    """A block in which read_once() remembers; inside another such block, that block's memory."""
    token = _MEMO.set({}) if _MEMO.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _MEMO.reset(token)


def read_once(what: str, path: str | Path, load: Callable[[], T], *extra) -> T:
    """load(), or what it returned (or raised) for the same file with the same bytes before in this block."""
    memo = _MEMO.get()
    if memo is None:
        return load()
    try:
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            return load()  # refused by its size before it is read: never read it whole here
        digest = hashlib.blake2b(Path(path).read_bytes(), digest_size=16).digest()
    except OSError:
        return load()  # unreadable: the loader says why, every time
    key = (what, Path(path).resolve(), digest, *extra)
    if key not in memo:
        try:
            memo[key] = (True, load())
        except ContentError as exc:
            memo[key] = (False, exc.diagnostics)
    ok, found = memo[key]
    if not ok:
        raise ContentError(list(found))
    return found
