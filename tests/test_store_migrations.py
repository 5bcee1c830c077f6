"""Schema migrations: numbered files applied in order, each in one transaction; a database at every
earlier version opens at the newest with its data intact; a database from the future is refused."""
from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from engine.store import Progress, SchemaTooNew, Store, StoreError
from engine.store.schema import MIGRATIONS_DIR, latest_version, migrate, migrations, split_statements, user_version

CLOCK = lambda: datetime(2025, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=8)))  # noqa: E731
SID = "0123456789abcdef0123456789abcdef"
AT = "2025-05-01T02:00:00.000000Z"  # 10:00 in Xiamen, two hours before CLOCK


def test_migrations_are_numbered_without_gaps_and_hold_plain_statements():
    found = migrations()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert len(found) >= 2
    for m in found:
        for statement in m.statements():
            first = statement.split(None, 1)[0].upper()
            assert first not in ("BEGIN", "COMMIT", "END", "ROLLBACK", "PRAGMA", "VACUUM"), (m.path.name, statement)


def test_a_new_database_is_at_the_newest_version(tmp_path):
    with Store(tmp_path / "new.sqlite3", clock=CLOCK) as store:
        assert store.schema_version == latest_version()


# Representative data as each version's schema can hold it: what an older Ludao would have written.
def _data_v1(db: sqlite3.Connection) -> None:
    db.execute("INSERT INTO sessions (id, kiosk, scene, lang, resume_code, started_at, last_active_at, nickname, "
               "score, score_at, score_seq) VALUES (?, 'kiosk-1', 'gulangyu', 'zh', 'ABC234', ?, ?, ?, 35, ?, 2)",
               (SID, AT, AT, "小明", AT))
    db.executemany("INSERT INTO progress (session_id, kind, item, at) VALUES (?, ?, ?, ?)",
                   [(SID, "stamp", "piano_museum", AT), (SID, "stamp", "sunlight_rock", AT),
                    (SID, "collectible", "shell", AT), (SID, "badge", "explorer", AT)])
    db.executemany("INSERT INTO score_events (session_id, points, reason, at) VALUES (?, ?, ?, ?)",
                   [(SID, 10, "stamp", AT), (SID, 25, "quiz:sunlight_rock_height:height_92", AT)])
    db.execute("INSERT INTO leaderboard (session_id, kiosk, scene, day, nickname, score, reached_at, reached_seq, "
               "submitted_at) VALUES (?, 'kiosk-1', 'gulangyu', '2025-05-01', '小明', 35, ?, 2, ?)", (SID, AT, AT))
    db.executemany("INSERT INTO stats (kind, key, day, at, session_id) VALUES (?, ?, '2025-05-01', ?, ?)",
                   [("scene", "gulangyu", AT, SID), ("quiz", "sunlight_rock_height:right", AT, None),
                    # quiz answers and challenges were only statistics linked to the session until version 3
                    ("quiz", "gulangyu/sunlight_rock_height:height_92", AT, SID),
                    ("quiz", "gulangyu/piano_count:pianos_10", AT, SID),
                    ("challenge", "gulangyu/five_stamps_quick", AT, SID)])


def _data_v2(db: sqlite3.Connection) -> None:
    _data_v1(db)
    db.execute("INSERT INTO stats (kind, key, day, at, seconds) VALUES ('step', 'gulangyu-highlights/welcome', "
               "'2025-05-01', ?, 12.5)", (AT,))


def _data_v3(db: sqlite3.Connection) -> None:
    _data_v2(db)
    db.executemany("INSERT INTO quiz_answers (session_id, quiz, option, correct, at) VALUES (?, ?, ?, ?, ?)",
                   [(SID, "sunlight_rock_height", "height_92", 1, AT), (SID, "piano_count", "pianos_10", 0, AT)])
    db.execute("INSERT INTO progress (session_id, kind, item, at) VALUES (?, 'challenge', 'five_stamps_quick', ?)",
               (SID, AT))


DATA_AT_VERSION = {1: _data_v1, 2: _data_v2, 3: _data_v3}
# What every version's data reads as at the newest version (answers in the order given)
KEPT = Progress(frozenset({"piano_museum", "sunlight_rock"}), frozenset({"shell"}), frozenset({"explorer"}), 35,
                challenges=frozenset({"five_stamps_quick"}),
                answers=(("sunlight_rock_height", True), ("piano_count", False)))


def test_every_version_has_representative_data():
    assert set(DATA_AT_VERSION) == set(range(1, latest_version() + 1))


def _database_at(path: Path, version: int) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    try:
        assert migrate(db, target=version) == version
        if version:
            db.execute("BEGIN")
            DATA_AT_VERSION[version](db)
            db.execute("COMMIT")
    finally:
        db.close()


@pytest.mark.parametrize("version", range(0, latest_version()))
def test_an_older_database_is_migrated_with_its_data(tmp_path, version):
    path = tmp_path / "old.sqlite3"
    _database_at(path, version)
    with Store(path, clock=CLOCK) as store:
        assert store.schema_version == latest_version()
        assert store._db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if version >= 1:
            assert store.progress(SID) == KEPT
            # what paid before the upgrade does not pay again after it
            assert not store.record_answer(SID, "sunlight_rock_height", "height_92", True, 25)
            assert not store.record_gain(SID, "challenge", "five_stamps_quick", 50)
            assert [(r.nickname, r.score) for r in store.leaderboard("day", "2025-05-01")] == [("小明", 35)]
            resumed = store.resume("ABC234")
            assert resumed is not None and resumed.id == SID
            assert store.add_score(SID, 5, "after the upgrade") == 40
        # the newest schema works in full, including what later versions added
        s = store.start_session("shapowei", "en")
        store.record_stat("scene", "shapowei", 42.0, session_id=s.id)
        out = tmp_path / "stats.csv"
        store.export_stats(out)
        lines = out.read_text("utf-8").splitlines()
        assert "scene,shapowei,1,42,2025-05-01" in lines
        if version >= 1:
            assert "scene,gulangyu,1,,2025-05-01" in lines  # recorded before seconds existed
            assert "quiz,sunlight_rock_height:right,1,,2025-05-01" in lines
        if version >= 2:
            assert "step,gulangyu-highlights/welcome,1,12.5,2025-05-01" in lines
    with Store(path, clock=CLOCK) as again:  # and opening it again changes nothing
        assert again.schema_version == latest_version()


def test_migrating_step_by_step_and_at_once_give_the_same_schema(tmp_path):
    def schema_of(path):
        db = sqlite3.connect(path)
        try:
            return sorted(db.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        finally:
            db.close()

    at_once = tmp_path / "at_once.sqlite3"
    Store(at_once, clock=CLOCK).close()
    for version in range(0, latest_version()):
        stepwise = tmp_path / f"from_{version}.sqlite3"
        _database_at(stepwise, version)
        Store(stepwise, clock=CLOCK).close()
        assert schema_of(stepwise) == schema_of(at_once)


def test_a_database_from_the_future_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE from_the_future (x)")
    db.execute(f"PRAGMA user_version = {latest_version() + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew, match=f"version {latest_version() + 1}.*newer Ludao"):
        Store(path, clock=CLOCK)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_a_failing_migration_is_rolled_back_whole(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    shutil.copy(MIGRATIONS_DIR / "0001_initial.sql", folder / "0001_initial.sql")
    (folder / "0002_broken.sql").write_text(
        "CREATE TABLE half_done (x);\nINSERT INTO half_done VALUES (1);\nTHIS IS NOT SQL;\n", "utf-8")
    db = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    try:
        with pytest.raises(StoreError, match="0002_broken.sql failed and was rolled back"):
            migrate(db, folder=folder)
        assert user_version(db) == 1
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
        assert not db.in_transaction
    finally:
        db.close()


def test_a_migration_that_breaks_a_foreign_key_is_rolled_back(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_parent.sql").write_text("CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
                                            "CREATE TABLE child (p INTEGER REFERENCES parent (id));\n", "utf-8")
    (folder / "0002_orphan.sql").write_text("INSERT INTO child VALUES (7);\n", "utf-8")
    db = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    try:
        with pytest.raises(StoreError, match="foreign key"):
            migrate(db, folder=folder)
        assert user_version(db) == 1
        assert db.execute("SELECT COUNT(*) FROM child").fetchone()[0] == 0
    finally:
        db.close()


def test_misnumbered_migrations_are_refused(tmp_path):
    (tmp_path / "0001_a.sql").write_text("CREATE TABLE a (x);", "utf-8")
    (tmp_path / "0003_c.sql").write_text("CREATE TABLE c (x);", "utf-8")
    with pytest.raises(StoreError, match="should be number 0002"):
        migrations(tmp_path)
    (tmp_path / "0003_c.sql").rename(tmp_path / "two.sql")
    with pytest.raises(StoreError, match="NNNN_description"):
        migrations(tmp_path)


def test_statements_are_split_where_sqlite_says_they_end():
    sql = """-- a comment; with a semicolon
CREATE TABLE t (x TEXT DEFAULT 'a;b');
CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = 'c;d'; END;
-- trailing comment
"""
    assert split_statements(sql) == [
        "-- a comment; with a semicolon\nCREATE TABLE t (x TEXT DEFAULT 'a;b');",
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = 'c;d'; END;"]
    with pytest.raises(StoreError, match="incomplete statement"):
        split_statements("CREATE TABLE t (x);\nCREATE TABLE u (y)")


def test_an_unknown_target_is_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    try:
        with pytest.raises(StoreError, match="no schema version"):
            migrate(db, target=latest_version() + 1)
    finally:
        db.close()
