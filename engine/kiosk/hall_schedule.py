"""An exhibition hall's day, as pure data: at a moment (Beijing time) the hall is "open" (the tours
play), "quiet" (quiet hours inside the opening hours: a still screen) or "closed" (a still screen
with the opening hours), until the next change. No Panda3D, no wall clock: the caller hands in
the moment, so tests walk through days in no time. Asia/Shanghai has kept UTC+8 without daylight
saving since 1991, so a day is always 24 hours here.

    hours = Hours.parse(week={"days": "09:00-17:30", "mon": "closed"}, quiet=["12:00-13:00"],
                        closed_dates=["2026-10-01"])
    phase_at(hours, moment) -> Phase(state, until, caption)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CLOSED = "closed"
DAY_MIN = 24 * 60
LOOK_AHEAD_DAYS = 400  # a hall closed longer than this says "closed" with no next change
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class HoursError(ValueError):
    """A time range, day or date that cannot be read; the message says what was expected."""


@dataclass(frozen=True, order=True)
class Span:
    """Minutes since midnight, start included, end excluded (end may be 1440: midnight after)."""
    start: int
    end: int

    def text(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end)}"

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def within(self, other: "Span") -> bool:
        return other.start <= self.start and self.end <= other.end


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_span(text: str) -> Span:
    """'09:00-17:30' -> Span(540, 1050); '24:00' only as an end; the start before the end."""
    match = _RANGE.match(str(text))
    if match is None:
        raise HoursError(f"expected a time range like 09:00-17:30, got '{text}'")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
        raise HoursError(f"'{text}' is not a time of day (00:00 to 24:00)")
    span = Span(h1 * 60 + m1, h2 * 60 + m2)
    if span.start >= span.end:
        raise HoursError(f"'{text}' ends before it starts (a range may not run past midnight: "
                         "split it as ..-24:00 and 00:00-..)")
    return span


def parse_day(value) -> tuple[Span, ...]:
    """One day's opening hours: 'closed', a range, or a list of ranges; sorted, overlaps refused."""
    if value == CLOSED:
        return ()
    texts = value if isinstance(value, list) else [value]
    spans = sorted(parse_span(t) for t in texts)
    for a, b in zip(spans, spans[1:]):
        if a.overlaps(b):
            raise HoursError(f"{a.text()} and {b.text()} overlap")
    return tuple(spans)


@dataclass(frozen=True)
class Hours:
    week: tuple[tuple[Span, ...], ...]  # Monday first, seven days
    quiet: tuple[Span, ...] = ()
    closed_dates: frozenset[date] = frozenset()

    @staticmethod
    def parse(week: dict, quiet: list[str] = (), closed_dates: list[str] = ()) -> "Hours":
        """week: {"days": default, "mon".."sun": that day}, each 'closed', a range or ranges;
        a day named nowhere is open all day."""
        default = parse_day(week["days"]) if week.get("days") is not None else (Span(0, DAY_MIN),)
        days = tuple(parse_day(week[d]) if week.get(d) is not None else default for d in DAYS)
        return Hours(days, parse_day(list(quiet)) if quiet else (), frozenset(parse_date(d) for d in closed_dates))

    def spans_on(self, day: date) -> tuple[Span, ...]:
        return () if day in self.closed_dates else self.week[day.weekday()]


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        raise HoursError(f"expected a day like 2026-10-01, got '{text}'") from None


@dataclass(frozen=True)
class Phase:
    state: str  # "open", "quiet" or "closed"
    until: datetime | None  # the next change, in Beijing time; None: not within LOOK_AHEAD_DAYS
    caption: dict[str, str]  # {zh, en}: what the still screen says ({} while open)


def _state(hours: Hours, day: date, minute: int) -> str:
    if not any(s.start <= minute < s.end for s in hours.spans_on(day)):
        return "closed"
    return "quiet" if any(q.start <= minute < q.end for q in hours.quiet) else "open"


def _boundaries(hours: Hours, day: date) -> list[int]:
    """The minutes of a day where the state may change."""
    points = {0}
    for span in hours.spans_on(day) + hours.quiet:
        points.update((span.start, span.end))
    return sorted(p for p in points if p < DAY_MIN)


def _next_change(hours: Hours, day: date, minute: int, state: str) -> tuple[date, int] | None:
    for offset in range(LOOK_AHEAD_DAYS + 1):
        d = day + timedelta(days=offset)
        for point in _boundaries(hours, d):
            if (offset or point > minute) and _state(hours, d, point) != state:
                return d, point
    return None


def phase_at(hours: Hours, moment: datetime) -> Phase:
    """The hall's state at an aware moment, when it next changes, and the still screen's caption."""
    if moment.tzinfo is None:
        raise ValueError("the hall's clock must be aware (Beijing time), not naive")
    local = moment.astimezone(BEIJING)
    day, minute = local.date(), local.hour * 60 + local.minute
    state = _state(hours, day, minute)
    change = _next_change(hours, day, minute, state)
    until = None if change is None else datetime.combine(change[0], time(), BEIJING) + timedelta(minutes=change[1])
    return Phase(state, until, caption(hours, state, until))


def caption(hours: Hours, state: str, until: datetime | None) -> dict[str, str]:
    """Closed: the opening hours of the day it opens next; quiet: the quiet hours' own line."""
    if state == "quiet":
        return {"zh": "静音时段", "en": "Quiet hours"}
    if state == "closed":
        if until is None:
            return {"zh": "本馆暂停开放", "en": "Closed"}
        spans = ", ".join(s.text() for s in hours.spans_on(until.date()))
        return {"zh": f"本馆开放时间 {spans}", "en": f"Open {spans}"}
    return {}
