"""Times in the database: the injected clock's aware datetimes, stored as fixed-width UTC text
(so text order is time order), and the clock's own calendar day for leaderboards and statistics."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from engine.store.errors import StoreError

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

Clock = Callable[[], datetime]


def checked(moment: datetime) -> datetime:
    """The datetime itself, if it is timezone-aware; a naive one is ambiguous (which day is it?)."""
    if not isinstance(moment, datetime):
        raise StoreError(f"the store's clock must return a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise StoreError(f"the store's clock returned a naive datetime ({moment.isoformat()}); give it a "
                         "timezone-aware one, e.g. datetime.now().astimezone() for the kiosk's local time")
    return moment


def to_db(moment: datetime) -> str:
    return checked(moment).astimezone(timezone.utc).strftime(_FORMAT)


def from_db(text: str) -> datetime:
    return datetime.strptime(text, _FORMAT).replace(tzinfo=timezone.utc)


def day_of(moment: datetime) -> str:
    """The calendar day in the clock's own timezone (a kiosk's 'today' is local)."""
    return checked(moment).date().isoformat()


def system_clock() -> datetime:
    """The wall clock in local time. For the composition root only: logic takes an injected clock."""
    return datetime.now().astimezone()
