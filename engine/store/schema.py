"""Versioned schema migrations: migrations/NNNN_what.sql, applied in order, one transaction each.

The version lives in PRAGMA user_version. A database newer than the newest migration is refused
before anything is written to it. Migration files hold plain statements only (no BEGIN/COMMIT):
the runner wraps each in BEGIN IMMEDIATE ... COMMIT with foreign keys off, checks the foreign
keys before committing (SQLite's procedure for changing tables), and rolls back on any error, so a
database is always at exactly one version.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from engine.store.errors import SchemaTooNew, StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path

    def statements(self) -> list[str]:
        return split_statements(self.path.read_text("utf-8"), self.path.name)


def migrations(folder: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Every migration in the folder, checked to be numbered 1, 2, 3, ... with no gaps."""
    found = []
    for path in sorted(Path(folder).glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise StoreError(f"migration file {path.name} is not named NNNN_description.sql")
        found.append(Migration(int(match.group(1)), path))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise StoreError(f"migration {migration.path.name} should be number {expected:04d}: no gaps, no repeats")
    return found


def latest_version(folder: Path = MIGRATIONS_DIR) -> int:
    return len(migrations(folder))


def split_statements(sql: str, name: str = "<sql>") -> list[str]:
    """One string a statement; semicolons inside strings, comments and triggers are understood."""
    statements, start = [], 0
    for end in (m.end() for m in re.finditer(";", sql)):
        candidate = sql[start:end]
        if sqlite3.complete_statement(candidate):
            statements.append(candidate.strip())
            start = end
    rest = "\n".join(line for line in sql[start:].splitlines() if not line.strip().startswith("--"))
    if rest.strip():
        raise StoreError(f"migration {name} ends with an incomplete statement: {rest.strip()[:60]!r}")
    return statements


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def check_not_newer(conn: sqlite3.Connection, where: str, folder: Path = MIGRATIONS_DIR) -> int:
    """The database's version; raises SchemaTooNew if this code does not know it."""
    version, known = user_version(conn), latest_version(folder)
    if version > known:
        raise SchemaTooNew(f"{where} is at schema version {version}, but this Ludao knows only up to version "
                           f"{known}: it was written by a newer Ludao. Upgrade Ludao, or point --data at "
                           "another folder; the database was left untouched")
    return version


def migrate(conn: sqlite3.Connection, target: int | None = None, folder: Path = MIGRATIONS_DIR) -> int:
    """Bring the database up to `target` (default: the newest version); returns the version reached.
    The connection must be in autocommit mode (isolation_level=None) with no transaction open."""
    steps = migrations(folder)
    target = len(steps) if target is None else target
    if not 0 <= target <= len(steps):
        raise StoreError(f"no schema version {target}; known versions are 0 to {len(steps)}")
    check_not_newer(conn, "the database", folder)
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction, so set it out here
    try:
        for migration in steps[:target]:
            _apply(conn, migration)
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    return user_version(conn)


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    statements = migration.statements()
    conn.execute("BEGIN IMMEDIATE")
    try:
        # read again inside the write lock: another process may have migrated while we waited
        if user_version(conn) >= migration.version:
            conn.execute("COMMIT")
            return
        for statement in statements:
            conn.execute(statement)
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StoreError(f"{len(broken)} rows break a foreign key, e.g. {tuple(broken[0])}")
        conn.execute(f"PRAGMA user_version = {migration.version:d}")
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, (StoreError, sqlite3.Error)):
            raise StoreError(f"migration {migration.path.name} failed and was rolled back: {exc}") from exc
        raise
