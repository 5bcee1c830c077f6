"""What the commands share about overlays: the events found (a broken overlay file is skipped and
reported, never fatal: a kiosk keeps serving without it), the calendar's clock (`--date`, or now
in Beijing), and a one-line summary of when each event is next on for `list`."""
from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Callable

from engine.diagnostics import ContentError, Diagnostic
from engine.overlays.calendar import BEIJING, Span, preview_moment
from engine.overlays.loader import Event, event_files, load_event

log = logging.getLogger("ludao.overlays")


def usable_events(scenes_dir: Path) -> tuple[list[Event], list[Diagnostic]]:
    events, problems = [], []
    for path in event_files(scenes_dir):
        try:
            events.append(load_event(path, scenes_dir)[0])
        except ContentError as exc:
            problems += exc.diagnostics
            log.warning("event overlay %s skipped: %s", path.name, exc.diagnostics[0].format() if exc.diagnostics else "")
    return events, problems


def calendar_clock(preview_date: str | None) -> Callable[[], datetime]:
    """The clock overlays are chosen by: a fixed moment for `--date`, else the wall clock."""
    if preview_date:
        moment = preview_moment(preview_date)
        return lambda: moment
    return lambda: datetime.now(BEIJING)


def when_text(event: Event, now: datetime) -> str:
    span = event.next_span(now)
    if span is None:
        return "no date ahead"
    state = "on now" if span.contains(now) else "next"
    return f"{state} {_day_range(span)} (Beijing time)"


def _day_range(span: Span) -> str:
    start, end = span.start.astimezone(BEIJING), span.end.astimezone(BEIJING)
    if start.time() == end.time() == time(0):  # whole days: say the last day it is on
        last = (end - timedelta(days=1)).date()
        return start.date().isoformat() if last == start.date() else f"{start.date().isoformat()} to {last.isoformat()}"
    return f"{start.strftime('%Y-%m-%d %H:%M')} to {end.strftime('%Y-%m-%d %H:%M')}"
