"""Opening the database file: refuse what is not ours or too new, then the settings that make a
committed write survive a crash or a power cut (WAL, synchronous=FULL), then migrate."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from engine.store import schema
from engine.store.errors import StoreError

BUSY_TIMEOUT_MS = 5000


def open_database(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), at the newest schema version."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the database {path}: {exc}") from exc
    try:
        try:
            # the first read of the file: fails here if it is not an SQLite database at all
            schema.check_not_newer(conn, str(path))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a Ludao database ({exc}); move it aside or use another --data "
                             "folder") from exc
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        _use_wal(conn, busy_timeout_ms / 1000)
        conn.execute("PRAGMA synchronous = FULL")  # in WAL mode: every commit is fsynced before it returns
        conn.execute("PRAGMA fullfsync = ON")  # macOS: a real flush to the disk, not to its cache
        schema.migrate(conn)
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection, patience_s: float) -> None:
    """Switch to WAL. Two kiosks opening a new database at the same moment can both ask for it, and
    SQLite answers the loser "database is locked" at once, without waiting on its busy handler: ask
    again until the patience runs out."""
    deadline = time.monotonic() + patience_s
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
