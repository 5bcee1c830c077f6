"""The operator's status lines: uptime, restarts, visits today (the real store), the last problems of
DATA/logs/ludao.log and free disk space; a locked or missing source shows as such, never a crash."""
from __future__ import annotations

from collections import namedtuple
from datetime import datetime, timedelta, timezone

import time

from engine.service import status
from engine.service.status import format_duration, last_log_problems, service_status, status_lines
from engine.store import Store

Usage = namedtuple("Usage", "total used free")
LOG = """2026-12-06 09:00:00,001 INFO ludao.service: first frame drawn: ready (kiosk)
2026-12-06 09:05:00,002 WARNING ludao.cache: cache entry for islet damaged: rebuilt
2026-12-06 09:06:00,003 WARNING ludao.service: previous run ended: it was killed by a signal \
(result=signal code=killed status=KILL); restarts: 1
2026-12-06 09:07:00,004 ERROR ludao.store: the database could not be written
  a continuation line of a traceback
2026-12-06 09:08:00,005 WARNING ludao.service: previous run ended: it stopped answering \
(watchdog timeout) (result=watchdog code=killed status=ABRT); restarts: 2
2026-12-06 09:09:00,006 INFO ludao.printing: postcard sent
"""


def _data(tmp_path, log: str | None = LOG):
    if log is not None:
        (tmp_path / "logs").mkdir()
        (tmp_path / "logs" / "ludao.log").write_text(log, encoding="utf-8")
    return tmp_path


def _disk(path):
    return Usage(100 * 2**30, 75 * 2**30, 25 * 2**30)


def test_every_line_of_the_panel(tmp_path):
    lines = status_lines(started_at=10.0, now=10.0 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5, data_dir=_data(tmp_path),
                         restarts=7, visits_today=lambda: 42, disk_usage=_disk)
    assert lines == [
        ("uptime", "2 d 03:04:05"), ("restarts", "7"), ("visits today", "42"),
        ("free disk", "25.0 GiB of 100.0 GiB (25 %)"),
        ("last error", "2026-12-06 09:06:00 WARNING: previous run ended: it was killed by a signal "
                       "(result=signal code=killed status=KILL); restarts: 1"),
        ("last error", "2026-12-06 09:07:00 ERROR: the database could not be written"),
        ("last error", "2026-12-06 09:08:00 WARNING: previous run ended: it stopped answering (watchdog timeout) "
                       "(result=watchdog code=killed status=ABRT); restarts: 2"),
    ]


def test_without_systemd_the_restarts_are_counted_from_the_log(tmp_path):
    lines = dict(status_lines(started_at=0, now=61, data_dir=_data(tmp_path), disk_usage=_disk))
    assert lines["restarts"] == "2" and lines["uptime"] == "00:01:01"


def test_a_fresh_install_has_no_log_and_no_errors(tmp_path):
    lines = status_lines(started_at=0, now=0, data_dir=_data(tmp_path, None), disk_usage=_disk)
    assert ("restarts", "0") in lines and ("last error", "none") in lines and ("visits today", "-") in lines


def test_a_store_that_fails_and_a_disk_that_cannot_be_read_still_give_a_panel(tmp_path):
    def locked():
        raise TimeoutError("database is locked")

    def no_disk(path):
        raise FileNotFoundError(2, "No such file or directory")
    lines = dict(status_lines(started_at=0, now=0, data_dir=tmp_path / "gone", visits_today=locked,
                              disk_usage=no_disk))
    assert lines["visits today"] == "unknown (TimeoutError)"
    assert lines["free disk"] == "unknown (No such file or directory)"


def test_visits_today_counts_this_kiosks_visits_since_local_midnight(tmp_path):
    beijing = timezone(timedelta(hours=8))
    now = [datetime(2026, 12, 6, 0, 30, tzinfo=beijing)]  # 16:30 UTC the day before
    store = Store(tmp_path / "ludao.db", clock=lambda: now[0], kiosk_id="hall-a")
    other = Store(tmp_path / "ludao.db", clock=lambda: now[0], kiosk_id="hall-b")
    try:
        now[0] = datetime(2026, 12, 5, 23, 50, tzinfo=beijing)
        store.start_session("islet", "zh")  # yesterday, Beijing time
        now[0] = datetime(2026, 12, 6, 0, 10, tzinfo=beijing)
        store.start_session("islet", "zh")
        store.start_session("islet", "en")
        other.start_session("islet", "en")  # another kiosk on the same database
        now[0] = datetime(2026, 12, 6, 18, 0, tzinfo=beijing)
        assert store.visits_today() == 2
        lines = dict(status_lines(started_at=0, now=0, data_dir=tmp_path, visits_today=store.visits_today,
                                  disk_usage=_disk))
        assert lines["visits today"] == "2"
    finally:
        store.close()
        other.close()


def test_the_real_disk_and_short_forms(tmp_path):
    assert dict(status_lines(started_at=0, now=0, data_dir=tmp_path))["free disk"].endswith("%)")
    assert format_duration(-3) == "00:00:00" and format_duration(59.9) == "00:00:59"
    assert last_log_problems(_data(tmp_path) / "logs" / "ludao.log", 1)[0].startswith("2026-12-06 09:08:00 WARNING")


def test_the_live_panel_asks_systemd_only_when_supervised(tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(status, "systemd_restarts", lambda unit: asked.append(unit) or 5)
    monkeypatch.setattr(status, "unit_name", lambda: "ludao-kiosk.service")
    lines = dict(service_status(_data(tmp_path), time.monotonic() - 3, environ={}))
    assert lines["restarts"] == "2" and not asked  # counted from the log
    lines = dict(service_status(tmp_path, time.monotonic(), lambda: 1, environ={"NOTIFY_SOCKET": "/run/x"}))
    assert lines["restarts"] == "5" and asked == ["ludao-kiosk.service"] and lines["visits today"] == "1"
