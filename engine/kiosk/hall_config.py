"""hall.yaml: an exhibition hall's day, validated like every content file (positioned FILE:LINE:COL
diagnostics, codes H0xx; JSON Schema schemas/hall.schema.json).

    tours: [{scene: gulangyu, tour: gulangyu-highlights}, {scene: yundang}]   in order, looping
    languages: [zh, en]            each loop of the list speaks the next language ([zh]: always zh)
    events: calendar               which event overlays dress the scenes: calendar, none, or [ids]
    open: {days: "09:00-17:30", mon: closed}     Beijing time; a day: closed, a range or ranges
    closed_dates: ["2026-10-01"]   quiet: ["12:00-13:00"]     pause_s: 10     vr: false
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional, Union

from pydantic import Field

from engine.diagnostics import ContentError, Diagnostic, did_you_mean
from engine.kiosk.hall_schedule import DAYS, Hours, HoursError, parse_date, parse_day
from engine.manifest.common import Id, Strict
from engine.manifest.kinds import ContentKind, register
from engine.manifest.schema_errors import validate_model
from engine.manifest.yaml_loader import Document, load_yaml

CONFIG_FILE = "hall.yaml"
Lang = Literal["zh", "en"]
DayHours = Optional[Union[str, list[str]]]
_DAY = "'closed', a time range like 09:00-17:30, or a list of ranges"


class HallTour(Strict):
    scene: Id
    tour: Optional[str] = Field(None, pattern=r"^[a-z][a-z0-9_-]*$", max_length=64,
                                description="a tour of the scene, by id; default: each tour of the scene in turn")


class OpenHours(Strict):
    """Opening hours in Beijing time. `days` is every day's; a named day overrides it."""

    days: DayHours = Field(None, description=_DAY + "; default: open all day")
    mon: DayHours = None
    tue: DayHours = None
    wed: DayHours = None
    thu: DayHours = None
    fri: DayHours = None
    sat: DayHours = None
    sun: DayHours = None


class HallConfig(Strict):
    """An exhibition hall: tours in a loop all day, a still screen when closed or quiet."""

    tours: list[HallTour] = Field([], max_length=100, description="played in order, then again; default: every "
                                                                   "tour of every scene")
    languages: list[Lang] = Field(["zh", "en"], min_length=1, max_length=2,
                                  description="each loop of the tours speaks the next one")
    events: Union[Literal["calendar", "none"], list[Id]] = Field(
        "calendar", description="the event overlays that dress the scenes: as the calendar says, none, or these")
    open: OpenHours = OpenHours()
    closed_dates: list[str] = Field([], max_length=400, description="days the hall is closed, YYYY-MM-DD")
    quiet: list[str] = Field([], max_length=20, description="quiet hours inside the opening hours: a still screen")
    pause_s: float = Field(10.0, ge=0, le=600, description="seconds between two tours")
    vr: bool = Field(False, description="mirror a VR headset's view on the screen when an OpenXR runtime is there")


register(ContentKind("hall", HallConfig, "hall.schema.json"))


@dataclass(frozen=True)
class PlayItem:
    scene: str
    tour: str
    path: Path


@dataclass
class Hall:
    """A checked hall.yaml: the config, its scenes (id -> manifest), the tours in playing order and
    the opening hours."""

    config: HallConfig
    path: Path
    scenes: dict[str, Path]
    playlist: list[PlayItem]
    hours: Hours

    @property
    def event_ids(self) -> tuple[str, ...]:
        """As Settings.event_ids: () for the calendar, ('none',) for none."""
        events = self.config.events
        return () if events == "calendar" else ("none",) if events == "none" else tuple(events)


def _tour_scenes(scripts_dir: Path) -> dict[str, tuple[Path, object]]:
    """Tour id -> (path, its scene id as written), read without the tour checks (the tour's own
    validation reports a broken tour)."""
    from engine.tour.loader import TOUR_SUFFIX, tour_files
    found = {}
    for path in tour_files(scripts_dir):
        try:
            data = load_yaml(path).data
        except ContentError:
            data = None
        found[path.name.removesuffix(TOUR_SUFFIX)] = (path, data.get("scene") if isinstance(data, dict) else None)
    return found


def _playlist(doc: Document, config: HallConfig, known: dict[str, Path],
              tours: dict[str, tuple[Path, object]], problems: list[Diagnostic]) -> list[PlayItem]:
    wanted = [(i, t.scene, t.tour) for i, t in enumerate(config.tours)] or [(None, s, None) for s in known]
    items = []
    for i, scene, tour in wanted:
        if scene not in known:
            problems.append(doc.diagnostic(("tours", i, "scene"), "H001", f"no scene '{scene}'",
                                           hint=did_you_mean(scene, known) or f"the scenes: {', '.join(known)}"))
        elif tour is None:
            items += [PlayItem(scene, t, p) for t, (p, s) in sorted(tours.items()) if s == scene]
        elif tour not in tours:
            problems.append(doc.diagnostic(("tours", i, "tour"), "H002", f"no tour '{tour}'",
                                           hint=did_you_mean(tour, tours) or f"the tours: {', '.join(sorted(tours))}"))
        elif tours[tour][1] != scene:
            problems.append(doc.diagnostic(("tours", i, "tour"), "H002",
                                           f"tour '{tour}' shows scene '{tours[tour][1]}', not '{scene}'"))
        else:
            items.append(PlayItem(scene, tour, tours[tour][0]))
    return items


def _hours(doc: Document, config: HallConfig, problems: list[Diagnostic]) -> Hours | None:
    """H003 (unreadable or reversed), H004 (overlapping), H005 (quiet hours outside opening hours)."""
    bad = len(problems)
    week = config.open.model_dump()
    for day in ("days",) + DAYS:
        if week[day] is not None:
            try:
                parse_day(week[day])
            except HoursError as exc:
                overlap = "overlap" in str(exc)
                problems.append(doc.diagnostic(("open", day), "H004" if overlap else "H003", f"open.{day}: {exc}",
                                               hint="" if overlap else _DAY))
    for i, text in enumerate(config.quiet):
        try:
            parse_day(text)
        except HoursError as exc:
            problems.append(doc.diagnostic(("quiet", i), "H003", f"quiet: {exc}"))
    for i, text in enumerate(config.closed_dates):
        try:
            parse_date(text)
        except HoursError as exc:
            problems.append(doc.diagnostic(("closed_dates", i), "H003", str(exc)))
    if len(problems) > bad:
        return None
    try:
        hours = Hours.parse(week, config.quiet, config.closed_dates)
    except HoursError as exc:  # quiet ranges that overlap each other
        problems.append(doc.diagnostic(("quiet",), "H004", f"quiet: {exc}"))
        return None
    for i, text in enumerate(config.quiet):
        quiet = parse_day(text)[0]
        for day, spans in zip(DAYS, hours.week):
            if spans and not any(quiet.within(s) for s in spans):
                problems.append(doc.diagnostic(("quiet", i), "H005", f"quiet hours {quiet.text()} are not inside the "
                                               f"opening hours of {day} ({', '.join(s.text() for s in spans)})"))
                break
    return hours


def load_hall(path: str | Path, scenes_dir: Path, scripts_dir: Path) -> tuple[Hall, Document]:
    from engine.overlays.files import SUFFIX as EVENT_SUFFIX, event_files
    from engine.scene_library import scene_manifests
    doc = load_yaml(path)
    config = validate_model(doc, HallConfig, "hall.yaml")
    known = scene_manifests(scenes_dir)
    problems: list[Diagnostic] = []
    playlist = _playlist(doc, config, known, _tour_scenes(scripts_dir), problems)
    hours = _hours(doc, config, problems)
    if isinstance(config.events, list):
        events = [p.name.removesuffix(EVENT_SUFFIX) for p in event_files(scenes_dir)]
        for i, event in enumerate(config.events):
            if event not in events:
                problems.append(doc.diagnostic(("events", i), "H006", f"no event '{event}'",
                                               hint=did_you_mean(event, events) or f"the events: {', '.join(events)}"))
    if len(set(config.languages)) != len(config.languages):
        problems.append(doc.diagnostic(("languages",), "H007", "a language is named twice"))
    if not problems and not playlist:
        problems.append(doc.diagnostic(("tours",) if config.tours else (), "H008", "the hall has no tour to play",
                                       hint=f"no tour of these scenes under {scripts_dir}"))
    if problems:
        raise ContentError(sorted(problems, key=lambda d: (d.line, d.col)))
    scenes = {item.scene: known[item.scene] for item in playlist}
    return Hall(config, Path(path), scenes, playlist, hours), doc
