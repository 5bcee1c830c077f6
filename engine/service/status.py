"""The operator's status panel as (label, value) lines: uptime of this run, restarts, visits today,
the last errors of DATA/logs/ludao.log and the data folder's free disk space. Pure: every source is
handed in, so the panel (engine/ui or engine/kiosk) only draws the lines."""
from __future__ import annotations

import os
import re
import shutil
import time
from collections import deque
from collections.abc import Mapping
from pathlib import Path
from typing import Callable

from engine.logs import LOG_NAME
from engine.service.last_run import systemd_restarts, unit_name

LAST_ERRORS = 3
# A line of engine/logs.py's file format: "2026-12-06 17:21:08,123 WARNING ludao.cache: text".
_LOG_LINE = re.compile(r"^(\S+ \S+) (ERROR|WARNING|CRITICAL) \S+: (.*)$")
_PREVIOUS_RUN = "previous run ended:"


def status_lines(*, started_at: float, now: float, data_dir: Path, restarts: int | None = None,
                 visits_today: Callable[[], int] | None = None, last_errors: int = LAST_ERRORS,
                 disk_usage: Callable[[Path], tuple] = shutil.disk_usage) -> list[tuple[str, str]]:
    """started_at, now: monotonic seconds of this run's start and of now. restarts: systemd's
    NRestarts when supervised (engine.service.last_run.systemd_restarts), else None: counted from
    the log's "previous run ended" lines. visits_today: the store's count (it may fail: the panel
    still shows the rest)."""
    log = Path(data_dir) / "logs" / LOG_NAME
    if restarts is None:
        restarts = restarts_in_log(log)
    lines = [("uptime", format_duration(now - started_at)), ("restarts", str(restarts)),
             ("visits today", _visits(visits_today)), ("free disk", _free(data_dir, disk_usage))]
    errors = last_log_problems(log, last_errors)
    lines += [("last error", text) for text in errors] or [("last error", "none")]
    return lines


def service_status(data_dir: Path, started_at: float, visits_today: Callable[[], int] | None = None,
                   environ: Mapping[str, str] = os.environ) -> list[tuple[str, str]]:
    """The panel's lines from the live sources: for the kiosk's operator screen. started_at:
    time.monotonic() when this run started; visits_today: e.g. the store's `visits_today`."""
    restarts = systemd_restarts(unit_name()) if environ.get("NOTIFY_SOCKET") else None
    return status_lines(started_at=started_at, now=time.monotonic(), data_dir=data_dir, restarts=restarts,
                        visits_today=visits_today)


def format_duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{days} d {clock}" if days else clock


def last_log_problems(log: Path, count: int = LAST_ERRORS) -> list[str]:
    """The last `count` ERROR/WARNING lines, newest last, as 'time LEVEL: text'."""
    found: deque[str] = deque(maxlen=count)
    for line in _log_lines(log):
        match = _LOG_LINE.match(line)
        if match:
            when, level, text = match.groups()
            found.append(f"{when.partition(',')[0]} {level}: {text}")
    return list(found)


def restarts_in_log(log: Path) -> int:
    return sum(_PREVIOUS_RUN in line for line in _log_lines(log))


def _log_lines(log: Path):
    try:
        with open(log, encoding="utf-8", errors="replace") as lines:
            yield from (line.rstrip("\n") for line in lines)
    except OSError:
        return  # no log yet: nothing went wrong


def _visits(visits_today) -> str:
    if visits_today is None:
        return "-"
    try:
        return str(visits_today())
    except Exception as exc:  # a locked or damaged database must not blank the panel
        return f"unknown ({type(exc).__name__})"


def _free(data_dir: Path, disk_usage) -> str:
    try:
        usage = disk_usage(data_dir)
    except OSError as exc:
        return f"unknown ({exc.strerror or exc})"
    return f"{usage.free / 2**30:.1f} GiB of {usage.total / 2**30:.1f} GiB ({100 * usage.free / usage.total:.0f} %)"
