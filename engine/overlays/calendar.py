"""When an event is on, in the calendar's own terms: dated editions, an RFC 5545 recurrence rule
(read by python-dateutil), or an iCalendar file a tourism bureau publishes (read by icalendar and
expanded, RRULE, RDATE and EXDATE included, by recurring-ical-events).

Every time is Beijing time (Asia/Shanghai), whatever zone the machine runs in: a kiosk in Xiamen
set to UTC still dresses for the Marathon at midnight in Xiamen. An edition's `end` day is the
last day it is on (inclusive), so an event of 10-14 November is on from 10 Nov 00:00 until 15 Nov
00:00 Beijing time. Spans are half-open: [start, end).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
HORIZON_YEARS = 12  # how far ahead `next` looks for a recurring event
YEARS = range(1900, 2200)  # the years a date may name
TOO_OFTEN = re.compile(r"FREQ\s*=\s*(MINUTELY|SECONDLY)", re.IGNORECASE)  # expanding them takes minutes


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
    whole_day = "T" not in text and " " not in text
    try:
        if whole_day:
            moment = datetime.combine(date.fromisoformat(text), time(0), BEIJING)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise CalendarError(f"'{text}' is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)") from exc
    if moment.year not in YEARS:  # a typo; and near year 9999, adding a day or two overflows
        raise CalendarError(f"'{text}' is not in the years {YEARS[0]} to {YEARS[-1]}")
    if whole_day:
        return moment + timedelta(days=1) if end_of_day else moment
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=BEIJING)


def edition_span(start: str, end: str) -> Span:
    span = Span(parse_moment(start), parse_moment(end, end_of_day=True))
    if span.end <= span.start:
        raise CalendarError(f"it ends ({end}) before it starts ({start})")
    return span


def rule_spans(rule: str, first: str, days: float, exdates: list[str], until: datetime, *,
               limit: int | None = None) -> list[Span]:
    """Occurrences of an RRULE from its first day, each lasting `days`, up to `until`; with `limit`, a
    rule that has more occurrences than that by then is refused (the loader's check)."""
    from dateutil.rrule import rrulestr

    start = parse_moment(first)
    if TOO_OFTEN.search(rule):
        raise CalendarError("the recurrence rule repeats every minute or second: an event recurs hourly at most")
    try:
        occurrences = rrulestr(rule, dtstart=start, forceset=True)
    except (ValueError, TypeError, KeyError) as exc:
        raise CalendarError(f"the recurrence rule cannot be read: {exc}") from exc
    for text in exdates:
        occurrences.exdate(parse_moment(text))
    length = timedelta(days=days)
    spans = []
    for moment in occurrences.xafter(start - length, inc=True):
        if moment > until:
            break
        if limit is not None and len(spans) == limit:
            raise CalendarError(f"the recurrence rule is on more than {limit:,} times by {beijing_day(until)}")
        spans.append(Span(moment, moment + length))
    return spans


def read_ics(path: Path):
    """The parsed calendar of an .ics file (read once; expanding it is ics_spans'). A rule that
    repeats every minute or second is refused: an event recurs hourly at most."""
    import icalendar

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CalendarError(f"the calendar file cannot be read: {exc}") from exc
    if TOO_OFTEN.search(data.decode("utf-8", errors="replace")):
        raise CalendarError("the calendar file has a rule that repeats every minute or second: "
                            "an event recurs hourly at most")
    try:
        return icalendar.Calendar.from_ical(data)
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise CalendarError(f"the calendar file cannot be read: {exc}") from exc


def ics_spans(calendar_or_path, since: datetime, until: datetime, *, limit: int | None = None) -> list[Span]:
    """Every VEVENT occurrence in an .ics calendar (parsed, or its path) between two moments.
    All-day events are taken as Beijing days; floating times as Beijing time. With `limit`, a file
    with more occurrences than that in the window is refused (the loader's check)."""
    import recurring_ical_events

    calendar = read_ics(calendar_or_path) if isinstance(calendar_or_path, (str, Path)) else calendar_or_path
    spans = []
    try:
        # one occurrence at a time, in order of start: an hourly rule is not expanded for 50 years
        for event in recurring_ical_events.of(calendar).after(since.astimezone(BEIJING).replace(tzinfo=None)):
            start, end = _aware(event.get("DTSTART").dt), event.get("DTEND")
            if start >= until:
                break
            if limit is not None and len(spans) == limit:
                raise CalendarError(f"the calendar file has more than {limit:,} occurrences "
                                    f"from {beijing_day(since)} to {beijing_day(until)}")
            end = _aware(end.dt) if end is not None else start + timedelta(days=1)
            if end > start:
                spans.append(Span(start, end))
    except CalendarError:
        raise
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise CalendarError(f"the calendar file cannot be read: {exc}") from exc
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
