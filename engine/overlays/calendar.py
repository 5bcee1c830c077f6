"""When an event is on, in the calendar's own terms: dated editions, an RFC 5545 recurrence rule
(read by python-dateutil), or an iCalendar file a tourism bureau publishes (read by icalendar and
expanded, RRULE, RDATE and EXDATE included, by recurring-ical-events).

Every time is Beijing time (Asia/Shanghai), whatever zone the machine runs in: a kiosk in Xiamen
set to UTC still dresses for the Marathon at midnight in Xiamen. An edition's `end` day is the
last day it is on (inclusive), so an event of 10-14 November is on from 10 Nov 00:00 until 15 Nov
00:00 Beijing time. Spans are half-open: [start, end).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
HORIZON_YEARS = 12  # how far ahead `next` looks for a recurring event


class CalendarError(ValueError):
    """A rule or calendar file that cannot be read; the loader turns it into a positioned diagnostic."""


@dataclass(frozen=True, order=True)
class Span:
    start: datetime  # aware, inclusive
    end: datetime  # aware, exclusive

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def parse_moment(text: str, *, end_of_day: bool = False) -> datetime:
    """'2026-11-10' (a whole day) or '2026-11-10T19:30' (a time), in Beijing time. A day given as an
    end means the end of that day. A time with its own offset ('...+08:00', '...Z') is honoured."""
    text = text.strip()
    try:
        if "T" not in text and " " not in text:
            day = date.fromisoformat(text)
            moment = datetime.combine(day + timedelta(days=1) if end_of_day else day, time(0), BEIJING)
            return moment
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise CalendarError(f"'{text}' is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)") from exc
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=BEIJING)


def edition_span(start: str, end: str) -> Span:
    span = Span(parse_moment(start), parse_moment(end, end_of_day=True))
    if span.end <= span.start:
        raise CalendarError(f"it ends ({end}) before it starts ({start})")
    return span


def rule_spans(rule: str, first: str, days: float, exdates: list[str], until: datetime) -> list[Span]:
    """Occurrences of an RRULE from its first day, each lasting `days`, up to `until`."""
    from dateutil.rrule import rrulestr

    start = parse_moment(first)
    try:
        occurrences = rrulestr(rule, dtstart=start, forceset=True)
    except (ValueError, TypeError, KeyError) as exc:
        raise CalendarError(f"the recurrence rule cannot be read: {exc}") from exc
    for text in exdates:
        occurrences.exdate(parse_moment(text))
    length = timedelta(days=days)
    return [Span(s, s + length) for s in occurrences.between(start - length, until, inc=True)]


def read_ics(path: Path):
    """The parsed calendar of an .ics file (read once; expanding it is ics_spans')."""
    import icalendar

    try:
        return icalendar.Calendar.from_ical(Path(path).read_bytes())
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise CalendarError(f"the calendar file cannot be read: {exc}") from exc


def ics_spans(calendar_or_path, since: datetime, until: datetime) -> list[Span]:
    """Every VEVENT occurrence in an .ics calendar between two moments. All-day events are taken
    as Beijing days; floating times as Beijing time."""
    import recurring_ical_events

    calendar = read_ics(calendar_or_path) if isinstance(calendar_or_path, (str, Path)) else calendar_or_path
    try:
        occurrences = recurring_ical_events.of(calendar).between(since.astimezone(BEIJING).replace(tzinfo=None),
                                                                 until.astimezone(BEIJING).replace(tzinfo=None))
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise CalendarError(f"the calendar file cannot be read: {exc}") from exc
    spans = []
    for event in occurrences:
        start, end = _aware(event.get("DTSTART").dt), event.get("DTEND")
        end = _aware(end.dt) if end is not None else start + timedelta(days=1)
        if end > start:
            spans.append(Span(start, end))
    return sorted(spans)


def _aware(value) -> datetime:
    if not isinstance(value, datetime):  # an all-day DATE
        return datetime.combine(value, time(0), BEIJING)
    return value if value.tzinfo is not None else value.replace(tzinfo=BEIJING)


def beijing_day(moment: datetime) -> date:
    return moment.astimezone(BEIJING).date()


def preview_moment(day: str) -> datetime:
    """`--date YYYY-MM-DD`: noon of that day in Beijing (well inside any whole-day event)."""
    return datetime.combine(date.fromisoformat(day), time(12), BEIJING)
