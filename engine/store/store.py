"""The store: sessions and progress, nicknames and leaderboards, anonymous statistics, retention.

Every method that changes something runs in one BEGIN IMMEDIATE ... COMMIT and returns only after
the commit, which with synchronous=FULL means the change is on disk: once the kiosk shows a visitor
"saved", a crash or a power cut cannot take it back. Time comes only from the injected clock.
"""
from __future__ import annotations

import math
import re
import sqlite3
import uuid
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable, Iterator, Literal

from engine.store import resume_code as codes
from engine.store import timestamps as ts
from engine.store.connection import open_database
from engine.store.errors import NoNickname, StoreError, UnknownSession
from engine.store.models import LeaderboardRow, Progress, Session
from engine.store.nickname import Blocklist, default_blocklist, normalise_nickname
from engine.store.schema import user_version
from engine.store.stats_export import write_stats_csv

Scope = Literal["kiosk", "day", "scene"]
_SCOPE_COLUMNS = {"kiosk": "kiosk", "day": "day", "scene": "scene"}
_STAT_KIND = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
MAX_TEXT = 200  # ids, keys and reasons come from content and code, never from a visitor
CODE_ATTEMPTS = 100
DEFAULT_RESUME_WINDOW = timedelta(hours=2)


def _points(points: object) -> int:
    if not isinstance(points, int) or isinstance(points, bool):
        raise ValueError(f"points must be a whole number, not {points!r}")
    return points


def _text(name: str, value: object, max_length: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or not value or len(value) > max_length:
        raise ValueError(f"{name} must be non-empty text of at most {max_length} characters, not {value!r}")
    return value


class Store:
    """One kiosk's view of one database file. Not shared between threads (sqlite3's rule); several
    processes may open the same file (WAL readers do not block the writer)."""

    def __init__(self, path: Path, *, clock: Callable[[], datetime], kiosk_id: str = "kiosk-1",
                 retention_days: int = 180, blocklist: Blocklist | None = None,
                 new_resume_code: Callable[[], str] = codes.random_code):
        if not isinstance(retention_days, int) or isinstance(retention_days, bool) or retention_days < 1:
            raise ValueError(f"retention_days must be a whole number of days, at least 1, not {retention_days!r}")
        self.path = Path(path)
        self.kiosk_id = _text("kiosk_id", kiosk_id, 64)
        self.retention = timedelta(days=retention_days)
        self._clock = clock
        self._blocklist = default_blocklist() if blocklist is None else blocklist  # a broken install fails now
        self._new_resume_code = new_resume_code
        self._conn: sqlite3.Connection | None = open_database(self.path)

    # --- plumbing ---------------------------------------------------------------------------------

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def schema_version(self) -> int:
        return user_version(self._db)

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store for {self.path} is closed")
        return self._conn

    def _now(self) -> datetime:
        return ts.checked(self._clock())

    def today(self) -> date:
        """The kiosk's date by the injected clock (the day leaderboards and souvenirs carry)."""
        return self._now().date()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; committed (and so on disk) when the block ends, rolled back on error."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"the database {self.path} could not be written, nothing was saved: {exc}") from exc

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot across several SELECTs."""
        db = self._db
        try:
            db.execute("BEGIN")
            try:
                yield db
            finally:
                db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StoreError(f"the database {self.path} could not be read: {exc}") from exc

    def _touch(self, db: sqlite3.Connection, session_id: str, now: datetime) -> None:
        """Mark the session active now (the resume window counts from here); UnknownSession if none."""
        cur = db.execute("UPDATE sessions SET last_active_at = ? WHERE id = ?", (ts.to_db(now), session_id))
        if cur.rowcount != 1:
            raise UnknownSession(f"no session {session_id!r}: never started here, or purged")

    # --- sessions ---------------------------------------------------------------------------------

    def start_session(self, scene: str, lang: str) -> Session:
        _text("scene", scene)
        _text("lang", lang, 16)
        now = self._now()
        session_id = uuid.uuid4().hex
        with self._write() as db:
            code = self._free_resume_code(db)
            db.execute("INSERT INTO sessions (id, kiosk, scene, lang, resume_code, started_at, last_active_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (session_id, self.kiosk_id, scene, lang, code, ts.to_db(now), ts.to_db(now)))
        return Session(session_id, code, ts.from_db(ts.to_db(now)), scene, lang)

    def _free_resume_code(self, db: sqlite3.Connection) -> str:
        """A code no session kept on this kiosk has (the database's UNIQUE (kiosk, resume_code) backs
        this up): so a code always resumes the one visit it was shown for."""
        for _ in range(CODE_ATTEMPTS):
            code = self._new_resume_code()
            if not codes.is_code(code):
                raise StoreError(f"resume code generator gave {code!r}, not {codes.LENGTH} of {codes.ALPHABET}")
            taken = db.execute("SELECT 1 FROM sessions WHERE kiosk = ? AND resume_code = ?",
                               (self.kiosk_id, code)).fetchone()
            if not taken:
                return code
        raise StoreError(f"no free resume code after {CODE_ATTEMPTS} tries")

    def resume(self, code: str, within: timedelta = DEFAULT_RESUME_WINDOW) -> Session | None:
        """The session with this code on this kiosk, if it was last active no longer than `within`
        ago; None otherwise (unknown, another kiosk's, or too old). Resuming counts as activity."""
        normalised = codes.normalise_code(code)
        if normalised is None:
            return None
        now = self._now()
        with self._write() as db:
            row = db.execute("SELECT id, resume_code, started_at, scene, lang FROM sessions "
                             "WHERE kiosk = ? AND resume_code = ? AND last_active_at >= ?",
                             (self.kiosk_id, normalised, ts.to_db(now - within))).fetchone()
            if row is None:
                return None
            self._touch(db, row[0], now)
        return Session(row[0], row[1], ts.from_db(row[2]), row[3], row[4])

    def visits_today(self) -> int:
        """Visits started on this kiosk since the start of its day (by the injected clock)."""
        now = self._now()
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        with self._read() as db:
            return db.execute("SELECT count(*) FROM sessions WHERE kiosk = ? AND started_at >= ?",
                              (self.kiosk_id, ts.to_db(midnight))).fetchone()[0]

    def seconds_since_start(self, session_id: str) -> float:
        """How long ago the session started, by the injected clock: a resumed visit's timed
        challenges count from its first start, not from the resume."""
        with self._read() as db:
            row = db.execute("SELECT started_at FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise UnknownSession(f"no session {session_id!r}: never started here, or purged")
        return max(0.0, (self._now() - ts.from_db(row[0])).total_seconds())

    def touch(self, session_id: str) -> None:
        """The visitor did something that is not recorded otherwise: keep the session resumable."""
        now = self._now()
        with self._write() as db:
            self._touch(db, session_id, now)

    # --- progress ---------------------------------------------------------------------------------

    def _record(self, session_id: str, kind: str, item: str) -> bool:
        _text(f"{kind} id", item)
        now = self._now()
        with self._write() as db:
            self._touch(db, session_id, now)
            cur = db.execute("INSERT OR IGNORE INTO progress (session_id, kind, item, at) VALUES (?, ?, ?, ?)",
                             (session_id, kind, item, ts.to_db(now)))
            return cur.rowcount == 1

    def record_stamp(self, session_id: str, stamp_id: str) -> bool:
        """True if the stamp is new to this session. On disk when this returns."""
        return self._record(session_id, "stamp", stamp_id)

    def record_collectible(self, session_id: str, collectible_id: str) -> bool:
        return self._record(session_id, "collectible", collectible_id)

    def record_badge(self, session_id: str, badge_id: str) -> bool:
        return self._record(session_id, "badge", badge_id)

    def record_challenge(self, session_id: str, challenge_id: str) -> bool:
        return self._record(session_id, "challenge", challenge_id)

    def record_gain(self, session_id: str, kind: str, item: str, points: int) -> bool:
        """A stamp, find, badge or challenge and its points in one transaction: True if it is new to the
        session; one it already holds adds nothing, so nothing pays twice (a resumed visit included)."""
        if kind not in ("stamp", "collectible", "badge", "challenge"):
            raise ValueError(f"a gain is a stamp, collectible, badge or challenge, not {kind!r}")
        _text(f"{kind} id", item)
        _points(points)
        now = self._now()
        with self._write() as db:
            self._touch(db, session_id, now)
            new = db.execute("INSERT OR IGNORE INTO progress (session_id, kind, item, at) VALUES (?, ?, ?, ?)",
                             (session_id, kind, item, ts.to_db(now))).rowcount == 1
            if new:
                self._add_points(db, session_id, points, f"{kind}:{item}", now)
        return new

    def record_answer(self, session_id: str, quiz_id: str, option: str, correct: bool, points: int) -> bool:
        """The session's first answer to a quiz and its points, in one transaction: True if it is the
        first; a later answer to the same quiz changes nothing and pays nothing."""
        _text("quiz id", quiz_id)
        _text("option id", option)
        _points(points)
        now = self._now()
        with self._write() as db:
            self._touch(db, session_id, now)
            new = db.execute("INSERT OR IGNORE INTO quiz_answers (session_id, quiz, option, correct, at) "
                             "VALUES (?, ?, ?, ?, ?)",
                             (session_id, quiz_id, option, int(bool(correct)), ts.to_db(now))).rowcount == 1
            if new:
                self._add_points(db, session_id, points, f"quiz:{quiz_id}:{option}", now)
        return new

    def add_score(self, session_id: str, points: int, reason: str) -> int:
        """Add (or, negative, take away) points; returns the new total. On disk when this returns."""
        _points(points)
        _text("reason", reason)
        now = self._now()
        with self._write() as db:
            self._touch(db, session_id, now)
            self._add_points(db, session_id, points, reason, now)
            return db.execute("SELECT score FROM sessions WHERE id = ?", (session_id,)).fetchone()[0]

    def _add_points(self, db: sqlite3.Connection, session_id: str, points: int, reason: str, now: datetime) -> None:
        seq = db.execute("INSERT INTO score_events (session_id, points, reason, at) VALUES (?, ?, ?, ?)",
                         (session_id, points, reason, ts.to_db(now))).lastrowid
        if points:
            db.execute("UPDATE sessions SET score = score + ?, score_at = ?, score_seq = ? WHERE id = ?",
                       (points, ts.to_db(now), seq, session_id))

    def progress(self, session_id: str) -> Progress:
        with self._read() as db:
            row = db.execute("SELECT score FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                raise UnknownSession(f"no session {session_id!r}: never started here, or purged")
            held: dict[str, set[str]] = {"stamp": set(), "collectible": set(), "badge": set(), "challenge": set()}
            for kind, item in db.execute("SELECT kind, item FROM progress WHERE session_id = ?", (session_id,)):
                held[kind].add(item)
            answers = tuple((quiz, bool(correct)) for quiz, correct in db.execute(
                "SELECT quiz, correct FROM quiz_answers WHERE session_id = ? ORDER BY id", (session_id,)))
        return Progress(frozenset(held["stamp"]), frozenset(held["collectible"]), frozenset(held["badge"]), row[0],
                        challenges=frozenset(held["challenge"]), answers=answers)

    # --- nicknames and leaderboards -----------------------------------------------------------------

    def set_nickname(self, session_id: str, raw: str) -> str:
        """The nickname as it will be shown, or NicknameRefused(reason). A leaderboard entry the
        session already has shows the new nickname at once."""
        nickname = normalise_nickname(raw, self._blocklist)
        now = self._now()
        with self._write() as db:
            self._touch(db, session_id, now)
            db.execute("UPDATE sessions SET nickname = ? WHERE id = ?", (nickname, session_id))
            db.execute("UPDATE leaderboard SET nickname = ? WHERE session_id = ?", (nickname, session_id))
        return nickname

    def submit_to_leaderboard(self, session_id: str) -> None:
        """Put the session's nickname and current score on the leaderboards (for its scene, this kiosk
        and today). Submitting again updates the one entry; a tie goes to whoever reached the score first."""
        now = self._now()
        with self._write() as db:
            row = db.execute("SELECT scene, nickname, score, started_at, score_at, score_seq FROM sessions "
                             "WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                raise UnknownSession(f"no session {session_id!r}: never started here, or purged")
            scene, nickname, score, started_at, score_at, score_seq = row
            if nickname is None:
                raise NoNickname(f"session {session_id!r} has no nickname: call set_nickname first")
            self._touch(db, session_id, now)
            db.execute(
                "INSERT INTO leaderboard (session_id, kiosk, scene, day, nickname, score, reached_at, reached_seq, "
                "submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id) DO UPDATE SET kiosk = excluded.kiosk, scene = excluded.scene, "
                "day = excluded.day, nickname = excluded.nickname, score = excluded.score, "
                "reached_at = excluded.reached_at, reached_seq = excluded.reached_seq, "
                "submitted_at = excluded.submitted_at",
                (session_id, self.kiosk_id, scene, ts.day_of(now), nickname, score, score_at or started_at,
                 score_seq or 0, ts.to_db(now)))

    def leaderboard(self, scope: Scope, key: str | date, limit: int = 10) -> list[LeaderboardRow]:
        """The best entries for one kiosk (key: kiosk id), one day (key: 'YYYY-MM-DD' or a date) or
        one scene (key: scene id), highest score first; equal scores in the order they were reached."""
        if scope not in _SCOPE_COLUMNS:
            raise ValueError(f"leaderboard scope must be one of {sorted(_SCOPE_COLUMNS)}, not {scope!r}")
        if isinstance(key, date):
            key = key.isoformat()
        _text("leaderboard key", key)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise ValueError(f"limit must be a positive whole number, not {limit!r}")
        with self._read() as db:
            rows = db.execute(
                f"SELECT nickname, score, scene, day, kiosk FROM leaderboard WHERE {_SCOPE_COLUMNS[scope]} = ? "
                "ORDER BY score DESC, reached_at, reached_seq, id LIMIT ?", (key, limit)).fetchall()
        return [LeaderboardRow(rank, *row) for rank, row in enumerate(rows, start=1)]

    # --- statistics ---------------------------------------------------------------------------------

    def record_stat(self, kind: str, key: str, seconds: float | None = None, session_id: str | None = None) -> None:
        """One anonymous observation: ("scene", "gulangyu", 180), ("quiz", "sunlight_rock_height:right")."""
        if not isinstance(kind, str) or not _STAT_KIND.match(kind):
            raise ValueError(f"stat kind must be a short lower-case name such as 'scene' or 'quiz', not {kind!r}")
        _text("stat key", key)
        if seconds is not None:
            if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds) \
                    or seconds < 0:
                raise ValueError(f"seconds must be a finite number >= 0 or None, not {seconds!r}")
            seconds = float(seconds)
        now = self._now()
        with self._write() as db:
            if session_id is not None:
                self._touch(db, session_id, now)
            db.execute("INSERT INTO stats (kind, key, day, at, seconds, session_id) VALUES (?, ?, ?, ?, ?, ?)",
                       (kind, key, ts.day_of(now), ts.to_db(now), seconds, session_id))

    def export_stats(self, out: Path) -> int:
        """CSV (kind, key, count, total_seconds, day): one row per kind and key a day, no session ids.
        Returns the number of rows written."""
        with self._read() as db:
            rows = db.execute("SELECT kind, key, COUNT(*), SUM(seconds), day FROM stats "
                              "GROUP BY day, kind, key ORDER BY day, kind, key").fetchall()
        return write_stats_csv(rows, Path(out))

    # --- retention ----------------------------------------------------------------------------------

    def purge(self, now: datetime | None = None) -> int:
        """Delete what is older than the retention: sessions last active before the cut-off (with their
        progress, score history and leaderboard entry), leaderboard entries submitted before it and
        statistics recorded before it. Returns the number of rows deleted."""
        now = self._now() if now is None else ts.checked(now)
        cutoff = ts.to_db(now - self.retention)
        old = "SELECT id FROM sessions WHERE last_active_at < ?"
        deleted = 0
        with self._write() as db:
            deleted += db.execute("DELETE FROM stats WHERE at < ?", (cutoff,)).rowcount
            deleted += db.execute(f"DELETE FROM leaderboard WHERE submitted_at < ? OR session_id IN ({old})",
                                  (cutoff, cutoff)).rowcount
            deleted += db.execute(f"DELETE FROM progress WHERE session_id IN ({old})", (cutoff,)).rowcount
            deleted += db.execute(f"DELETE FROM quiz_answers WHERE session_id IN ({old})", (cutoff,)).rowcount
            deleted += db.execute(f"DELETE FROM score_events WHERE session_id IN ({old})", (cutoff,)).rowcount
            db.execute(f"UPDATE stats SET session_id = NULL WHERE session_id IN ({old})", (cutoff,))
            deleted += db.execute("DELETE FROM sessions WHERE last_active_at < ?", (cutoff,)).rowcount
        return deleted
