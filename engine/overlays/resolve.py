"""Which overlays are on: from the injected clock, or as the command line forces them
(`--event ID`, `--event none`, `--date YYYY-MM-DD`). Several may be on at once; they are applied
in `order`, then by id, so a later one's lighting wins and the result never depends on file order."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from engine.errors import UsageError

if TYPE_CHECKING:
    from engine.overlays.loader import Event

NONE = "none"


@dataclass(frozen=True)
class Choice:
    """What the visitor's command asked for: `forced` ids ('none' for no overlay), or the calendar."""

    forced: tuple[str, ...] = ()

    @staticmethod
    def from_args(event_ids: list[str] | None) -> "Choice":
        return Choice(tuple(event_ids or ()))


BY_CALENDAR = Choice()


def ordered(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.overlay.order, e.id))


def active(events: list[Event], scene_id: str, moment: datetime, choice: Choice | None = None) -> list[Event]:
    """The overlays on for a scene at a moment, in the order they are applied."""
    dressing = [e for e in events if scene_id in e.overlay.scenes]
    if choice is not None and choice.forced:
        if NONE in choice.forced:
            return []
        known = {e.id: e for e in events}
        missing = [i for i in choice.forced if i not in known]
        if missing:
            raise UsageError(f"no event '{missing[0]}'; known events: {', '.join(sorted(known)) or 'none'}")
        return ordered([e for e in dressing if e.id in choice.forced])
    return ordered([e for e in dressing if e.is_on(moment)])
