"""What the commands share about overlays: the events found (a broken overlay file is skipped and
reported, never fatal: a kiosk keeps serving without it), or only those that dress one scene (the
others' files are read as plain YAML for their `scenes`, never checked: a one-scene command does not
parse the scenes other events dress), the forced `--event` ids checked against a scene, the
calendar's clock (`--date`, or now in Beijing), and a one-line summary of when each event is next on
for `list`."""
from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from engine.diagnostics import ContentError, Diagnostic
from engine.errors import UsageError
from engine.manifest.yaml_loader import load_yaml
from engine.overlays.calendar import BEIJING, Span, preview_moment
from engine.overlays.files import SUFFIX, event_files
from engine.overlays.resolve import NONE

if TYPE_CHECKING:
    from engine.overlays.loader import Event

log = logging.getLogger("ludao.overlays")


def usable_events(scenes_dir: Path, scene_id: str | None = None) -> tuple[list[Event], list[Diagnostic]]:
    """Every event that loads; with `scene_id`, only those that dress that scene (and any whose file
    cannot say which scenes it dresses: it is loaded, so its problems are logged as before)."""
    from engine.overlays.loader import load_event  # with the game's checks: only when an event is read
    events, problems = [], []
    paths = event_files(scenes_dir)
    if scene_id is not None:
        named = event_scenes(scenes_dir)
        paths = [p for p in paths if named[_stem(p)] is None or scene_id in named[_stem(p)]]
    for path in paths:
        try:
            events.append(load_event(path, scenes_dir)[0])
        except ContentError as exc:
            problems += exc.diagnostics
            log.warning("event overlay %s skipped: %s", path.name, exc.diagnostics[0].format() if exc.diagnostics else "")
    return events, problems


def _stem(path: Path) -> str:
    return path.name[:-len(SUFFIX)]


def event_scenes(scenes_dir: Path) -> dict[str, tuple[str, ...] | None]:
    """Each event file's id (its name, which a usable event's `id` must equal: E002) -> the scenes
    its `scenes` names, read as plain YAML without the event's checks; None where the file cannot
    be read or its `scenes` is not a list of ids."""
    found: dict[str, tuple[str, ...] | None] = {}
    for path in event_files(scenes_dir):
        try:
            data = load_yaml(path).data
        except ContentError:
            data = None
        scenes = data.get("scenes") if isinstance(data, dict) else None
        ok = isinstance(scenes, list) and all(isinstance(s, str) for s in scenes)
        found[_stem(path)] = tuple(scenes) if ok else None
    return found


def forced_for_scene(scenes_dir: Path, scene_id: str, forced: tuple[str, ...], *, strict: bool) -> tuple[str, ...]:
    """The `--event` ids for one scene. An id no event file has is a UsageError; one that does not
    dress the scene is a UsageError naming the scenes it dresses when `strict` (a command about this
    one scene: render, play, export), else left out (the hall's `events`, `showcase`: every scene
    gets those that dress it). Forced ids that all dress other scenes leave ('none',), never the calendar;
    'none' among them wins, unchecked, as `resolve.active` has it."""
    wanted = [i for i in forced if i != NONE]
    if not wanted or NONE in forced:  # 'none' wins over any id beside it, as in resolve.active
        return forced
    named = event_scenes(scenes_dir)
    for event_id in wanted:
        if event_id not in named:
            raise UsageError(f"no event '{event_id}'; known events: {', '.join(sorted(named)) or 'none'}")
    others = [i for i in wanted if named[i] is not None and scene_id not in named[i]]
    if others and strict:
        raise UsageError(f"event '{others[0]}' does not dress scene '{scene_id}' "
                         f"(it dresses: {', '.join(named[others[0]]) or 'no scene'})")
    kept = tuple(i for i in forced if i not in others)
    return kept or (NONE,)


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
