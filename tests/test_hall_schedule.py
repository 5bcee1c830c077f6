"""The exhibition hall's day (engine/kiosk/hall_schedule.py), pure: open, quiet or closed at a
moment in Beijing time, the next change, and the still screen's caption."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from engine.kiosk.hall_schedule import BEIJING, Hours, HoursError, Span, parse_day, parse_span, phase_at

WEEK = {"days": "09:00-17:30", "mon": "closed", "sat": ["09:00-12:00", "14:00-20:00"]}
HOURS = Hours.parse(WEEK, quiet=["12:00-13:00"], closed_dates=["2026-12-25"])


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BEIJING)


def test_open_quiet_and_closed_through_a_tuesday():
    # 2026-12-08 is a Tuesday
    assert [phase_at(HOURS, at(f"2026-12-08T{t}")).state for t in
            ("08:59:59", "09:00", "11:59:59", "12:00", "12:59", "13:00", "17:29:59", "17:30", "23:59")] == \
        ["closed", "open", "open", "quiet", "quiet", "open", "open", "closed", "closed"]


def test_each_phase_knows_its_next_change_and_caption():
    morning = phase_at(HOURS, at("2026-12-08T08:00"))
    assert (morning.until, morning.caption) == (at("2026-12-08T09:00"),
                                                {"zh": "本馆开放时间 09:00-17:30", "en": "Open 09:00-17:30"})
    assert phase_at(HOURS, at("2026-12-08T10:00")).until == at("2026-12-08T12:00")
    quiet = phase_at(HOURS, at("2026-12-08T12:30"))
    assert (quiet.until, quiet.caption) == (at("2026-12-08T13:00"), {"zh": "静音时段", "en": "Quiet hours"})
    assert phase_at(HOURS, at("2026-12-08T10:00")).caption == {}


def test_a_closed_monday_and_a_closed_date_are_skipped_to_the_next_opening():
    sunday_night = phase_at(HOURS, at("2026-12-06T18:00"))  # Sunday; Monday closed
    assert sunday_night.state == "closed" and sunday_night.until == at("2026-12-08T09:00")
    christmas_eve = phase_at(HOURS, at("2026-12-24T17:45"))  # Thursday; the 25th closed
    assert christmas_eve.until == at("2026-12-26T09:00")
    assert christmas_eve.caption["en"] == "Open 09:00-12:00, 14:00-20:00"  # the 26th is a Saturday


def test_the_day_boundary_is_midnight_in_beijing_whatever_the_moment_s_zone():
    late = Hours.parse({"days": "20:00-24:00", "mon": "00:00-24:00"})
    utc_sunday = datetime(2026, 12, 6, 15, 59, tzinfo=timezone.utc)  # 23:59 Sunday in Beijing
    phase = phase_at(late, utc_sunday)
    assert phase.state == "open" and phase.until == at("2026-12-08T00:00")  # open through Monday
    assert phase_at(late, utc_sunday + timedelta(minutes=1)).state == "open"  # Monday 00:00 in Beijing
    assert phase_at(late, at("2026-12-08T00:00")).until == at("2026-12-08T20:00")


def test_a_naive_moment_is_refused_and_an_always_open_hall_never_changes():
    with pytest.raises(ValueError):
        phase_at(HOURS, datetime(2026, 12, 8, 10))
    always = phase_at(Hours.parse({}), at("2026-12-08T03:00"))
    assert (always.state, always.until) == ("open", None)
    never = phase_at(Hours.parse({"days": "closed"}), at("2026-12-08T03:00"))
    assert (never.state, never.until, never.caption["en"]) == ("closed", None, "Closed")


def test_ranges_are_read_strictly():
    assert parse_span("9:05-24:00") == Span(545, 1440)
    assert parse_day(["14:00-15:00", "09:00-10:00"]) == (Span(540, 600), Span(840, 900))
    for bad in ("17:30-09:00", "09:00-09:00", "25:00-26:00", "09:60-10:00", "24:30-24:40", "nine to five"):
        with pytest.raises(HoursError):
            parse_span(bad)
    with pytest.raises(HoursError, match="overlap"):
        parse_day(["09:00-13:00", "12:00-18:00"])
