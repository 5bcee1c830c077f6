"""The store a VR visit writes through: its writes happen on a thread of their own, never on the
frame loop's, and still reach the database."""
from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest

from engine.store import Store, StoreError
from engine.store.background import BackgroundStore


def _clock():
    return datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)


def test_a_write_happens_off_the_calling_thread_and_returns_at_once(tmp_path):
    threads = {}
    release = threading.Event()

    class Watched(Store):
        def record_gain(self, session_id, kind, item, points):
            threads["write"] = threading.get_ident()
            release.wait(10)  # a slow disk: the caller must not wait for it
            return super().record_gain(session_id, kind, item, points)

    store = BackgroundStore(lambda: Watched(tmp_path / "ludao.db", clock=_clock))
    session = store.start_session("islet", "en")  # a read: answered, on the writer's thread too
    assert store.record_gain(session.id, "stamp", "lighthouse", 10) is True  # queued, not yet written
    assert "write" not in threads or threads["write"] != threading.get_ident()
    release.set()
    store.flush()
    assert threads["write"] not in (None, threading.get_ident()) and threads["write"] == store.thread_id
    assert "lighthouse" in store.progress(session.id).stamps
    store.close()
    with Store(tmp_path / "ludao.db", clock=_clock) as again:  # on disk once closed
        assert "lighthouse" in again.progress(session.id).stamps


def test_a_failed_write_is_logged_and_the_visit_goes_on(tmp_path, caplog):
    store = BackgroundStore(lambda: Store(tmp_path / "ludao.db", clock=_clock))
    store.record_gain("no-such-session", "stamp", "x", 1)
    store.flush()
    assert store.failures and "database write failed" in caplog.text
    assert store.start_session("islet", "en").scene == "islet"
    store.close()


def test_the_stores_own_errors_reach_the_caller(tmp_path):
    bad = tmp_path / "ludao.db"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        BackgroundStore(lambda: Store(bad, clock=_clock))
    store = BackgroundStore(lambda: Store(tmp_path / "other.db", clock=_clock))
    with pytest.raises(StoreError):
        store.progress("no-such-session")  # a read's error comes back to the caller
    store.close()
    with pytest.raises(RuntimeError):
        store.record_stat("quiz", "x")


def test_a_window_or_vr_visit_s_game_writes_through_the_background_store(tmp_path):
    from engine.app import game_maker
    from engine.settings import Settings
    from tests.conftest import ISLET
    settings = Settings.from_environment({"LUDAO_DATA": str(tmp_path)})
    maker = game_maker(ISLET, None, settings)
    assert isinstance(maker.store, BackgroundStore)
    maker.store.close()


def test_work_submitted_runs_on_the_writer_and_its_writes_answer_truly(tmp_path):
    """A game handling its event on the writer's thread: its writes are made there at once and
    answer for real (a gain already saved is not new), and the work's answer comes in a Future."""
    store = BackgroundStore(lambda: Store(tmp_path / "ludao.db", clock=_clock))
    session = store.start_session("islet", "en")

    def gain_twice():
        return (threading.get_ident(), store.record_gain(session.id, "stamp", "lighthouse", 10),
                store.record_gain(session.id, "stamp", "lighthouse", 10), store.progress(session.id).stamps)
    thread, first, second, stamps = store.submit(gain_twice).result(timeout=10)
    assert thread == store.thread_id != threading.get_ident()
    assert (first, second) == (True, False) and "lighthouse" in stamps
    failed = store.submit(lambda: store.record_gain("no-such-session", "stamp", "x", 1))
    with pytest.raises(StoreError):
        failed.result(timeout=10)  # the work's own error, for its caller to handle
    with pytest.raises(RuntimeError):
        store.submit(store.close).result(timeout=10)
    store.close()
