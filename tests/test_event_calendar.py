"""When event overlays are on: dated editions, a yearly rule, an .ics file with RRULE, RDATE and
EXDATE, both edges at Beijing midnight with the machine in UTC, and overlapping events in order."""
from __future__ import annotations

import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from engine.errors import UsageError
from engine.overlays.calendar import BEIJING, parse_moment, preview_moment
from engine.overlays.loader import load_event, load_events
from engine.overlays.resolve import Choice, active
from tests.conftest import DATA, ROOT

SCENES = DATA / "scenes"


@pytest.fixture(scope="module")
def events():
    return {e.id: e for e in load_events(SCENES)}


@pytest.fixture
def machine_in_utc():
    """The kiosk's own clock set to UTC: the overlays must still follow Beijing's calendar."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def beijing(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BEIJING)


def ids(found) -> list[str]:
    return [e.id for e in found]


def test_an_edition_is_on_from_its_first_beijing_midnight_to_the_one_after_its_last_day(events, machine_in_utc):
    fair = events["islet_fair"]
    first = beijing("2026-11-10T00:00")
    after = beijing("2026-11-15T00:00")
    assert fair.is_on(first)
    assert not fair.is_on(first - timedelta(microseconds=1))
    assert fair.is_on(after - timedelta(microseconds=1))
    assert not fair.is_on(after)
    # the same edges as a UTC kiosk clock reads them: 16:00 UTC the day before
    utc_edge = datetime(2026, 11, 9, 16, 0, tzinfo=timezone.utc)
    assert fair.is_on(utc_edge) and not fair.is_on(utc_edge - timedelta(seconds=1))
    assert datetime.now().astimezone().utcoffset() == timedelta(0)  # the machine really is in UTC here
    # a naive local reading of "10 Nov 00:00" on this machine is 08:00 in Beijing: still on, but a
    # UTC day boundary (14 Nov 23:59 UTC = 15 Nov 07:59 Beijing) is not the event's
    assert not fair.is_on(datetime(2026, 11, 14, 23, 59, tzinfo=timezone.utc))


def test_an_edition_with_times_is_on_only_between_them(events):
    fair = events["islet_fair"]
    assert fair.is_on(beijing("2027-02-01T18:00"))
    assert fair.is_on(beijing("2027-02-01T21:59"))
    assert not fair.is_on(beijing("2027-02-01T22:00"))
    assert not fair.is_on(beijing("2027-02-01T12:00"))


def test_outside_every_edition_nothing_is_on(events):
    moment = beijing("2026-12-06T12:00")
    assert active(list(events.values()), "islet", moment) == []


def test_a_yearly_rule_comes_round_every_year_but_its_exceptions(events):
    festival = events["islet_festival"]
    for year in (2024, 2026, 2027, 2031):
        assert festival.is_on(beijing(f"{year}-11-12T00:00")), year
        assert festival.is_on(beijing(f"{year}-11-14T23:59")), year
        assert not festival.is_on(beijing(f"{year}-11-15T00:00")), year
        assert not festival.is_on(beijing(f"{year}-11-11T23:59")), year
    assert not festival.is_on(beijing("2025-11-13T12:00"))  # except_on: 2025-11-12
    assert festival.next_span(beijing("2026-12-06T12:00")).start == beijing("2027-11-12T00:00")


def test_an_ics_file_with_rrule_rdate_and_exdate(events):
    regatta = events["islet_regatta"]
    assert regatta.is_on(beijing("2025-06-14T09:00"))  # DTSTART, second Saturday of June
    assert regatta.is_on(beijing("2025-06-15T23:59"))  # DTEND is exclusive: two days
    assert not regatta.is_on(beijing("2025-06-16T00:00"))
    assert not regatta.is_on(beijing("2026-06-13T12:00"))  # EXDATE
    assert regatta.is_on(beijing("2026-10-03T12:00"))  # RDATE
    assert regatta.is_on(beijing("2027-06-12T12:00"))  # the rule again
    assert regatta.is_on(beijing("2027-03-20T20:00")) and not regatta.is_on(beijing("2027-03-20T18:59"))  # a timed VEVENT


def test_the_shipped_marathon_follows_its_rule_and_its_dated_editions():
    scenes = ROOT / "scenes"
    marathon, _ = load_event(scenes / "events" / "xiamen_marathon.event.yaml", scenes)
    assert marathon.is_on(beijing("2025-01-05T07:30"))  # the data sheet's 2025 date
    assert marathon.is_on(beijing("2019-01-06T07:30"))
    assert marathon.is_on(beijing("2014-01-02T07:30"))
    assert marathon.next_span(beijing("2026-12-06T12:00")).start == beijing("2027-01-03T00:00")  # first Sunday


def test_overlapping_events_are_applied_in_order_then_by_id(events):
    moment = beijing("2026-11-13T12:00")  # the fair (order 5) and the festival (order 5, yearly)
    assert ids(active(list(events.values()), "islet", moment)) == ["islet_fair", "islet_festival"]
    forced = active(list(events.values()), "islet", moment, Choice(("islet_festival", "islet_regatta")))
    assert ids(forced) == ["islet_regatta", "islet_festival"]  # regatta's order is -5
    assert active(list(events.values()), "islet", moment, Choice(("none",))) == []
    assert active(list(events.values()), "other_scene", moment) == []
    with pytest.raises(UsageError, match="no event 'carnival'"):
        active(list(events.values()), "islet", moment, Choice(("carnival",)))


def test_a_preview_date_is_noon_in_beijing():
    assert preview_moment("2026-11-10") == beijing("2026-11-10T12:00")
    assert parse_moment("2026-11-10T10:00Z") == beijing("2026-11-10T18:00")


def test_event_files_live_beside_the_scenes(events):
    assert all(Path(e.path).parent == SCENES / "events" for e in events.values())
