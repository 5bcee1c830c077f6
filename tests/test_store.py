"""The store: sessions and resume codes, progress, leaderboards, statistics, retention, durability
settings. Time is a fake clock the tests move; nothing reads the wall clock."""
from __future__ import annotations

import csv
import sqlite3
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from engine.store import NicknameRefused, NoNickname, Progress, SchemaTooNew, Store, StoreError, UnknownSession
from engine.store.resume_code import ALPHABET, normalise_code

XIAMEN = timezone(timedelta(hours=8))


class FakeClock:
    """A clock the test moves by hand; aware, in Xiamen's time zone, like a kiosk's."""

    def __init__(self, start: datetime = datetime(2025, 5, 1, 10, 0, tzinfo=XIAMEN)):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "ludao.sqlite3"


@pytest.fixture
def store(db_path, clock):
    with Store(db_path, clock=clock) as s:
        yield s


# --- the database file ---------------------------------------------------------------------------

def test_durability_settings_are_on(store):
    db = store._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_a_record_is_committed_when_it_returns(store, db_path):
    s = store.start_session("gulangyu", "zh")
    assert store.record_stamp(s.id, "piano_museum")
    # another connection (another process, after a crash) sees it without the store closing
    other = sqlite3.connect(db_path)
    try:
        rows = other.execute("SELECT item FROM progress WHERE session_id = ?", (s.id,)).fetchall()
        assert rows == [("piano_museum",)]
    finally:
        other.close()


def test_data_survives_closing_and_reopening(db_path, clock):
    with Store(db_path, clock=clock) as first:
        s = first.start_session("shapowei", "en")
        first.record_badge(s.id, "night_owl")
        first.add_score(s.id, 30, "quiz")
    with Store(db_path, clock=clock) as again:
        assert again.progress(s.id) == Progress(frozenset(), frozenset(), frozenset({"night_owl"}), 30)


def test_not_a_database_is_refused_clearly(tmp_path, clock):
    bogus = tmp_path / "ludao.sqlite3"
    bogus.write_bytes(b"this is a postcard, not a database" * 100)
    with pytest.raises(StoreError, match="not a Ludao database"):
        Store(bogus, clock=clock)


def test_a_naive_clock_is_refused_with_advice(db_path):
    with Store(db_path, clock=lambda: datetime(2025, 5, 1, 10, 0)) as s:
        with pytest.raises(StoreError, match="timezone-aware"):
            s.start_session("gulangyu", "zh")


def test_a_closed_store_says_so(db_path, clock):
    s = Store(db_path, clock=clock)
    s.close()
    s.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        s.start_session("gulangyu", "zh")


def test_bad_settings_are_refused(db_path, clock):
    with pytest.raises(ValueError, match="retention_days"):
        Store(db_path, clock=clock, retention_days=0)
    with pytest.raises(ValueError, match="kiosk_id"):
        Store(db_path, clock=clock, kiosk_id="")


# --- sessions and resume codes --------------------------------------------------------------------

def test_a_session_is_an_anonymous_random_id_with_a_short_code(store, clock):
    s = store.start_session("gulangyu", "zh")
    assert uuid.UUID(hex=s.id).version == 4 and len(s.id) == 32
    assert len(s.resume_code) == 6 and set(s.resume_code) <= set(ALPHABET)
    assert s.started_at == clock.now and s.started_at.tzinfo is not None
    assert (s.scene, s.lang) == ("gulangyu", "zh")
    assert not set("01OIL") & set(ALPHABET)


def test_resume_codes_are_unique_on_a_kiosk(store):
    codes = [store.start_session("gulangyu", "en").resume_code for _ in range(300)]
    assert len(set(codes)) == len(codes)


def test_a_taken_code_is_never_handed_out_twice(db_path, clock):
    given = iter(["AAAAAA", "AAAAAA", "AAAAAA", "BBBBBB"])
    with Store(db_path, clock=clock, new_resume_code=lambda: next(given)) as s:
        assert s.start_session("gulangyu", "zh").resume_code == "AAAAAA"
        assert s.start_session("gulangyu", "zh").resume_code == "BBBBBB"
    # another kiosk sharing the file may use the same code: codes are per kiosk
    with Store(db_path, clock=clock, kiosk_id="kiosk-2", new_resume_code=lambda: "AAAAAA") as other:
        assert other.start_session("gulangyu", "zh").resume_code == "AAAAAA"


def test_when_no_code_is_free_it_says_so(db_path, clock):
    with Store(db_path, clock=clock, new_resume_code=lambda: "AAAAAA") as s:
        s.start_session("gulangyu", "zh")
        with pytest.raises(StoreError, match="no free resume code"):
            s.start_session("gulangyu", "zh")


def test_a_bad_code_generator_is_caught(db_path, clock):
    with Store(db_path, clock=clock, new_resume_code=lambda: "O0O0O0") as s:
        with pytest.raises(StoreError, match="resume code generator"):
            s.start_session("gulangyu", "zh")


def test_resume_on_the_same_kiosk_within_the_window(store, clock):
    s = store.start_session("yundang", "en")
    store.record_stamp(s.id, "egret_island")
    clock.advance(hours=1, minutes=59)
    back = store.resume(s.resume_code)
    assert back == s
    assert store.progress(back.id).stamps == {"egret_island"}


def test_resume_forgives_case_spaces_dashes_and_full_width(store):
    s = store.start_session("yundang", "zh")
    code = s.resume_code
    typed = [code.lower(), f" {code[:3]} {code[3:]} ", f"{code[:3]}-{code[3:]}",
             "".join(chr(ord(ch) + 0xFEE0) for ch in code)]  # full-width, as a Chinese IME types it
    for text in typed:
        assert store.resume(text) == s, text
    assert normalise_code("ABC") is None and normalise_code("ABCDE0") is None and normalise_code(None) is None


def test_resume_fails_after_the_window(store, clock):
    s = store.start_session("yundang", "en")
    clock.advance(hours=2, seconds=1)
    assert store.resume(s.resume_code) is None
    assert store.resume(s.resume_code, within=timedelta(hours=3)) == s


def test_the_window_counts_from_the_last_activity(store, clock):
    s = store.start_session("gulangyu", "en")
    clock.advance(hours=1, minutes=30)
    store.record_stamp(s.id, "sunlight_rock")
    clock.advance(hours=1, minutes=30)  # three hours after the start, 90 minutes after the stamp
    assert store.resume(s.resume_code) == s


def test_resume_is_for_the_same_kiosk_only(db_path, clock):
    with Store(db_path, clock=clock, kiosk_id="kiosk-1") as one, \
            Store(db_path, clock=clock, kiosk_id="kiosk-2") as two:
        s = one.start_session("gulangyu", "zh")
        assert two.resume(s.resume_code) is None
        assert one.resume(s.resume_code) == s


def test_unknown_codes_resume_nothing(store):
    store.start_session("gulangyu", "zh")
    assert store.resume("ZZZZZZ") is None
    assert store.resume("") is None


def test_sessions_need_a_scene_and_a_language(store):
    with pytest.raises(ValueError):
        store.start_session("", "zh")
    with pytest.raises(ValueError):
        store.start_session("gulangyu", "")


# --- progress and score ---------------------------------------------------------------------------

def test_stamps_collectibles_and_badges_count_once(store):
    s = store.start_session("gulangyu", "zh")
    assert store.record_stamp(s.id, "piano_museum") is True
    assert store.record_stamp(s.id, "piano_museum") is False
    assert store.record_stamp(s.id, "sunlight_rock") is True
    assert store.record_collectible(s.id, "piano_museum") is True  # its own kind: no clash with the stamp
    assert store.record_collectible(s.id, "piano_museum") is False
    assert store.record_badge(s.id, "explorer") is True
    assert store.progress(s.id) == Progress(frozenset({"piano_museum", "sunlight_rock"}), frozenset({"piano_museum"}),
                                            frozenset({"explorer"}), 0)


def test_progress_is_per_session(store):
    a, b = store.start_session("gulangyu", "zh"), store.start_session("gulangyu", "en")
    store.record_stamp(a.id, "piano_museum")
    store.add_score(a.id, 10, "stamp")
    assert store.progress(b.id) == Progress(frozenset(), frozenset(), frozenset(), 0)


def test_score_adds_up_and_can_go_down(store):
    s = store.start_session("gulangyu", "zh")
    assert store.add_score(s.id, 10, "stamp piano_museum") == 10
    assert store.add_score(s.id, 25, "quiz right") == 35
    assert store.add_score(s.id, -5, "hint") == 30
    assert store.add_score(s.id, 0, "nothing") == 30
    assert store.progress(s.id).score == 30
    reasons = store._db.execute("SELECT points, reason FROM score_events WHERE session_id = ? ORDER BY id",
                                (s.id,)).fetchall()
    assert reasons == [(10, "stamp piano_museum"), (25, "quiz right"), (-5, "hint"), (0, "nothing")]


@pytest.mark.parametrize("points", [1.5, "10", True, None])
def test_points_are_whole_numbers(store, points):
    s = store.start_session("gulangyu", "zh")
    with pytest.raises(ValueError, match="points"):
        store.add_score(s.id, points, "quiz")
    assert store.progress(s.id).score == 0


def test_unknown_sessions_are_refused_everywhere(store):
    ghost = uuid.uuid4().hex
    calls = [lambda: store.record_stamp(ghost, "x"), lambda: store.record_collectible(ghost, "x"),
             lambda: store.record_badge(ghost, "x"), lambda: store.add_score(ghost, 1, "x"),
             lambda: store.progress(ghost), lambda: store.set_nickname(ghost, "Ann"),
             lambda: store.submit_to_leaderboard(ghost), lambda: store.record_stat("scene", "x", session_id=ghost),
             lambda: store.touch(ghost)]
    for call in calls:
        with pytest.raises(UnknownSession):
            call()
    # and nothing half-written was left behind
    assert store._db.execute("SELECT COUNT(*) FROM score_events").fetchone()[0] == 0
    assert store._db.execute("SELECT COUNT(*) FROM stats").fetchone()[0] == 0


def test_item_ids_must_be_sensible_text(store):
    s = store.start_session("gulangyu", "zh")
    for bad in ("", None, "x" * 201):
        with pytest.raises(ValueError):
            store.record_stamp(s.id, bad)


# --- nicknames and leaderboards -------------------------------------------------------------------

def _player(store, nickname, points, scene="gulangyu"):
    s = store.start_session(scene, "zh")
    store.set_nickname(s.id, nickname)
    if points:
        store.add_score(s.id, points, "quiz")
    return s


def test_set_nickname_returns_the_normalised_form(store):
    s = store.start_session("gulangyu", "zh")
    assert store.set_nickname(s.id, "  Ｌｉ　　Ｗｅｉ ") == "Li Wei"
    assert store.set_nickname(s.id, "小白鹭") == "小白鹭"
    with pytest.raises(NicknameRefused) as refused:
        store.set_nickname(s.id, "f.u.c.k")
    assert refused.value.code == "blocked_word"
    assert store._db.execute("SELECT nickname FROM sessions WHERE id = ?", (s.id,)).fetchone()[0] == "小白鹭"


def test_leaderboard_ranks_by_score(store, clock):
    for name, points in [("Ann", 30), ("小明", 50), ("Bo", 10)]:
        store.submit_to_leaderboard(_player(store, name, points).id)
        clock.advance(minutes=1)
    rows = store.leaderboard("scene", "gulangyu")
    assert [(r.rank, r.nickname, r.score, r.scene) for r in rows] == [
        (1, "小明", 50, "gulangyu"), (2, "Ann", 30, "gulangyu"), (3, "Bo", 10, "gulangyu")]
    assert [r.nickname for r in store.leaderboard("scene", "gulangyu", limit=2)] == ["小明", "Ann"]


def test_a_tie_goes_to_who_got_there_first(store, clock):
    early = _player(store, "Early", 40)
    clock.advance(minutes=5)
    late = _player(store, "Late", 40)
    clock.advance(minutes=5)
    store.submit_to_leaderboard(late.id)  # submitting first does not matter
    clock.advance(minutes=5)
    store.submit_to_leaderboard(early.id)
    assert [r.nickname for r in store.leaderboard("kiosk", "kiosk-1")] == ["Early", "Late"]


def test_a_tie_at_the_same_instant_goes_to_the_earlier_score(store, clock):
    a = _player(store, "First", 0)
    b = _player(store, "Second", 0)
    store.add_score(b.id, 20, "quiz")  # same clock reading: order of arrival decides
    store.add_score(a.id, 20, "quiz")
    store.submit_to_leaderboard(a.id)
    store.submit_to_leaderboard(b.id)
    assert [r.nickname for r in store.leaderboard("scene", "gulangyu")] == ["Second", "First"]


def test_submitting_again_updates_the_one_entry(store, clock):
    s = _player(store, "Ann", 10)
    store.submit_to_leaderboard(s.id)
    store.add_score(s.id, 15, "quiz")
    store.submit_to_leaderboard(s.id)
    assert [(r.nickname, r.score) for r in store.leaderboard("scene", "gulangyu")] == [("Ann", 25)]
    store.set_nickname(s.id, "Annie")  # a new nickname shows at once
    assert [r.nickname for r in store.leaderboard("scene", "gulangyu")] == ["Annie"]


def test_leaderboard_scopes(db_path, clock):
    with Store(db_path, clock=clock, kiosk_id="kiosk-1") as one, \
            Store(db_path, clock=clock, kiosk_id="kiosk-2") as two:
        one.submit_to_leaderboard(_player(one, "A", 10, "gulangyu").id)
        two.submit_to_leaderboard(_player(two, "B", 20, "gulangyu").id)
        clock.advance(days=1)
        one.submit_to_leaderboard(_player(one, "C", 30, "shapowei").id)
        assert [r.nickname for r in one.leaderboard("kiosk", "kiosk-1")] == ["C", "A"]
        assert [r.nickname for r in one.leaderboard("kiosk", "kiosk-2")] == ["B"]
        assert [r.nickname for r in one.leaderboard("scene", "gulangyu")] == ["B", "A"]
        assert [r.nickname for r in one.leaderboard("day", "2025-05-01")] == ["B", "A"]
        assert [r.nickname for r in one.leaderboard("day", date(2025, 5, 2))] == ["C"]
        assert one.leaderboard("scene", "yundang") == []
        with pytest.raises(ValueError, match="scope"):
            one.leaderboard("week", "2025-05-01")
        with pytest.raises(ValueError, match="limit"):
            one.leaderboard("scene", "gulangyu", limit=0)


def test_the_day_is_the_kiosks_local_day(store, clock):
    clock.now = datetime(2025, 5, 1, 23, 30, tzinfo=XIAMEN)  # 15:30 UTC: still 1 May in Xiamen
    store.submit_to_leaderboard(_player(store, "Night", 5).id)
    clock.now = datetime(2025, 5, 2, 0, 30, tzinfo=XIAMEN)   # 16:30 UTC on 1 May, but 2 May in Xiamen
    store.submit_to_leaderboard(_player(store, "Morning", 5).id)
    assert [r.day for r in store.leaderboard("kiosk", "kiosk-1")] == ["2025-05-01", "2025-05-02"]


def test_no_nickname_no_leaderboard(store):
    s = store.start_session("gulangyu", "zh")
    with pytest.raises(NoNickname):
        store.submit_to_leaderboard(s.id)
    assert store.leaderboard("scene", "gulangyu") == []


# --- statistics ----------------------------------------------------------------------------------

def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_stats_export_aggregates_per_day(store, clock, tmp_path):
    s = store.start_session("gulangyu", "zh")
    store.record_stat("scene", "gulangyu", 180, session_id=s.id)
    store.record_stat("scene", "gulangyu", 60.25)
    store.record_stat("tour", "gulangyu-highlights", session_id=s.id)
    store.record_stat("step", "gulangyu-highlights/welcome", 12.5)
    store.record_stat("quiz", "sunlight_rock_height:right")
    store.record_stat("quiz", "sunlight_rock_height:right")
    clock.advance(days=1)
    store.record_stat("scene", "gulangyu", 30)
    out = tmp_path / "export" / "stats.csv"
    assert store.export_stats(out) == 5
    rows = _read_csv(out)
    assert rows[0] == ["kind", "key", "count", "total_seconds", "day"]
    assert rows[1:] == [
        ["quiz", "sunlight_rock_height:right", "2", "", "2025-05-01"],
        ["scene", "gulangyu", "2", "240.25", "2025-05-01"],
        ["step", "gulangyu-highlights/welcome", "1", "12.5", "2025-05-01"],
        ["tour", "gulangyu-highlights", "1", "", "2025-05-01"],
        ["scene", "gulangyu", "1", "30", "2025-05-02"],
    ]
    assert s.id not in out.read_text("utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["stats.csv"]  # no partial file left beside it


def test_an_empty_export_has_just_the_header(store, tmp_path):
    out = tmp_path / "stats.csv"
    assert store.export_stats(out) == 0
    assert _read_csv(out) == [["kind", "key", "count", "total_seconds", "day"]]


@pytest.mark.parametrize("kind, key, seconds", [
    ("Scene", "gulangyu", None), ("", "gulangyu", None), ("scene", "", None), ("scene", "gulangyu", -1),
    ("scene", "gulangyu", float("nan")), ("scene", "gulangyu", float("inf")), ("scene", "gulangyu", True),
    ("scene", "gulangyu", "12")])
def test_bad_stats_are_refused(store, kind, key, seconds):
    with pytest.raises(ValueError):
        store.record_stat(kind, key, seconds)


# --- retention -----------------------------------------------------------------------------------

def _count(store, table: str) -> int:
    return store._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_purge_deletes_what_is_older_than_the_retention(db_path, clock):
    with Store(db_path, clock=clock, retention_days=30) as store:
        old = _player(store, "Old", 10)  # session + score event
        store.record_stamp(old.id, "piano_museum")
        store.submit_to_leaderboard(old.id)
        store.record_stat("scene", "gulangyu", 100, session_id=old.id)
        store.record_stat("quiz", "q:right")
        clock.advance(days=20)
        recent = _player(store, "New", 20)
        store.record_stamp(recent.id, "sunlight_rock")
        store.submit_to_leaderboard(recent.id)
        store.record_stat("scene", "gulangyu", 50, session_id=recent.id)
        clock.advance(days=11)  # Old is 31 days old, New 11

        # old: 2 stats + 1 leaderboard entry + 1 stamp + 1 score event + 1 session
        assert store.purge() == 6
        with pytest.raises(UnknownSession):
            store.progress(old.id)
        assert store.progress(recent.id).stamps == {"sunlight_rock"}
        assert [r.nickname for r in store.leaderboard("scene", "gulangyu")] == ["New"]
        assert _count(store, "stats") == 1 and _count(store, "score_events") == 1
        assert store.resume(old.resume_code, within=timedelta(days=365)) is None
        assert store.purge() == 0


def test_purge_keeps_a_session_that_is_still_in_use(db_path, clock):
    with Store(db_path, clock=clock, retention_days=30) as store:
        s = store.start_session("gulangyu", "zh")
        store.record_stat("scene", "gulangyu", 10, session_id=s.id)
        clock.advance(days=29)
        store.record_stamp(s.id, "late")
        clock.advance(days=2)
        assert store.purge() == 1  # the 31-day-old statistic only; the session was active 2 days ago
        assert store.progress(s.id).stamps == {"late"}


def test_purge_takes_an_explicit_time(store, clock):
    store.record_stat("scene", "gulangyu", 10)
    assert store.purge(now=clock.now + timedelta(days=179)) == 0
    assert store.purge(now=clock.now + timedelta(days=181)) == 1
    with pytest.raises(StoreError, match="timezone-aware"):
        store.purge(now=datetime(2030, 1, 1))


def test_a_purged_sessions_statistics_lose_their_link(db_path, clock):
    """A statistic newer than its session's last activity cannot really happen (recording it touches
    the session), but if rows were ever out of step, the foreign key still holds after a purge."""
    with Store(db_path, clock=clock, retention_days=30) as store:
        s = store.start_session("gulangyu", "zh")
        store._db.execute("UPDATE sessions SET last_active_at = '2000-01-01T00:00:00.000000Z' WHERE id = ?", (s.id,))
        store.record_stat("scene", "gulangyu", 10)
        store._db.execute("UPDATE stats SET session_id = ?", (s.id,))
        assert store.purge() == 1
        assert store._db.execute("SELECT session_id FROM stats").fetchall() == [(None,)]
        assert store._db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_schema_too_new_is_importable_from_the_package():
    assert issubclass(SchemaTooNew, StoreError) and issubclass(NicknameRefused, ValueError)
