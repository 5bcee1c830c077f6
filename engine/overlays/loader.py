"""load_event(path, scenes_dir): scenes/events/<id>.event.yaml -> a validated EventOverlay with its
calendar read, or ContentError with every problem at FILE:LINE:COL. Codes E0xx."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from engine.diagnostics import ContentError, Diagnostic, did_you_mean
from engine.game.loader import check_game_links
from engine.game.schema import GameContent
from engine.geo import LocalProjection, within_square
from engine.manifest.content_paths import check_asset_path
from engine.manifest.scene_checks import landmark_shapes
from engine.manifest.sound_files import sound_problem
from engine.manifest.scene_loader import load_scene
from engine.manifest.scene_schema import SceneManifest
from engine.manifest.schema_errors import validate_model
from engine.manifest.yaml_loader import Document, load_yaml
from engine.overlays import calendar
from engine.overlays.files import SUFFIX, event_files
from engine.overlays.schema import GAME_PARTS, EventOverlay

RULE_LIMIT = 20_000  # occurrences of a rule in its first 800 days (hourly is 19,200), of an .ics in 50 years


@dataclass
class Event:
    """An overlay as the runtime uses it: the content, its file, the scenes it dresses and its calendar."""

    overlay: EventOverlay
    path: Path
    scenes: dict[str, SceneManifest]
    editions: list[calendar.Span] = field(default_factory=list)
    ics_path: Path | None = None
    ics: object = None  # the parsed calendar file, read once
    sound_path: Path | None = None  # its ambient sound, checked

    @property
    def id(self) -> str:
        return self.overlay.id

    def spans(self, since: datetime, until: datetime) -> list[calendar.Span]:
        """Every span the event is on that overlaps [since, until), in time order."""
        when = self.overlay.when
        spans = [s for s in self.editions if s.end > since and s.start < until]
        if when.rrule is not None:
            spans += [s for s in calendar.rule_spans(when.rrule, when.first, when.days, when.except_on, until)
                      if s.end > since]
        if self.ics_path is not None:
            spans += calendar.ics_spans(self.ics, since - timedelta(days=400), until)
            spans = [s for s in spans if s.end > since and s.start < until]
        return sorted(set(spans))

    def is_on(self, moment: datetime) -> bool:
        return any(s.contains(moment) for s in self.spans(moment - timedelta(seconds=1), moment + timedelta(seconds=1)))

    def next_span(self, moment: datetime) -> calendar.Span | None:
        """The span on now, or the next one to come (within HORIZON_YEARS)."""
        ahead = self.spans(moment, moment + timedelta(days=366 * calendar.HORIZON_YEARS))
        return ahead[0] if ahead else None


def load_events(scenes_dir: Path) -> list[Event]:
    return [load_event(path, scenes_dir)[0] for path in event_files(scenes_dir)]


def load_event(path: str | Path, scenes_dir: Path) -> tuple[Event, Document]:
    doc = load_yaml(path)
    overlay = validate_model(doc, EventOverlay, "event overlay")
    event, problems = _check(doc, overlay, Path(scenes_dir))
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    doc.warnings = problems
    return event, doc


def _check(doc: Document, overlay: EventOverlay, scenes_dir: Path) -> tuple[Event, list[Diagnostic]]:
    out: list[Diagnostic] = []
    stem = doc.path.name[:-len(SUFFIX)] if doc.path.name.endswith(SUFFIX) else None
    if stem is not None and stem != overlay.id:
        out.append(doc.diagnostic(("id",), "E002", f"event id '{overlay.id}' differs from its file name "
                                  f"'{doc.path.name}'", hint=f"name the file {overlay.id}{SUFFIX} or set id: {stem}"))
    scenes = _scenes(doc, overlay, scenes_dir, out)
    event = Event(overlay, doc.path, scenes)
    _calendar(doc, overlay, event, out)
    out += landmark_shapes(doc, overlay.props, ("props",))
    if overlay.sound is not None:
        event.sound_path, why = check_asset_path(overlay.sound, doc.path)
        if why:
            out.append(doc.diagnostic(("sound",), "A001", why))
        elif why := sound_problem(event.sound_path):
            out.append(doc.diagnostic(("sound",), "A008", why))
    out += _prop_references(doc, overlay)
    if scenes:
        out += _places(doc, overlay, scenes)
        out += _clashes(doc, overlay, scenes)
    if overlay.game is not None and scenes:
        pois = {p.id for p in overlay.pois} | {p.id for s in scenes.values() for p in s.pois}
        game = GameContent.model_construct(scene=overlay.scenes[0], collectibles=[],
                                           **{name: getattr(overlay.game, name) for name in GAME_PARTS})
        out += check_game_links(doc, game, pois, at=("game",))
    return event, out


def _scenes(doc: Document, overlay: EventOverlay, scenes_dir: Path, out: list) -> dict[str, SceneManifest]:
    known = sorted(p.parent.name for p in scenes_dir.glob("*/scene.yaml"))
    scenes = {}
    for i, sid in enumerate(overlay.scenes):
        path = scenes_dir / sid / "scene.yaml"
        if not path.is_file():
            out.append(doc.diagnostic(("scenes", i), "E001", f"scene '{sid}' does not exist",
                                      hint=did_you_mean(sid, known)))
            continue
        try:
            scenes[sid], _ = load_scene(path)
        except ContentError:
            out.append(doc.diagnostic(("scenes", i), "E001", f"scene '{sid}' has errors of its own: validate it first"))
    return scenes


def _calendar(doc: Document, overlay: EventOverlay, event: Event, out: list) -> None:
    when = overlay.when
    for i, edition in enumerate(when.editions):
        try:
            event.editions.append(calendar.edition_span(edition.start, edition.end))
        except calendar.CalendarError as exc:
            bad_start = _unreadable(edition.start)
            out.append(doc.diagnostic(("when", "editions", i, "start" if bad_start else "end"), "E003", str(exc)))
    if when.rrule is not None:
        try:
            calendar.parse_moment(when.first)
            bad_day = False
            for j, day in enumerate(when.except_on):
                try:
                    calendar.parse_moment(day)
                except calendar.CalendarError as exc:
                    out.append(doc.diagnostic(("when", "except_on", j), "E003", str(exc)))
                    bad_day = True  # the rule is not expanded, but the `ics` below is still checked
                    break
            if not bad_day:
                calendar.rule_spans(when.rrule, when.first, when.days, when.except_on,
                                    calendar.parse_moment(when.first) + timedelta(days=800), limit=RULE_LIMIT)
        except calendar.CalendarError as exc:
            where = ("when", "first") if _unreadable(when.first) else ("when", "rrule")
            out.append(doc.diagnostic(where, "E003" if where[-1] == "first" else "E004", str(exc),
                                      hint="" if where[-1] == "first" else
                                      "write it as calendars do, e.g. FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=10"))
    if when.ics is not None:
        path, why = check_asset_path(when.ics, doc.path)
        if why:
            out.append(doc.diagnostic(("when", "ics"), "E005", why))
            return
        try:
            parsed = calendar.read_ics(path)
            now = calendar.parse_moment("2000-01-01")
            calendar.ics_spans(parsed, now, now + timedelta(days=366 * 50), limit=RULE_LIMIT)
        except calendar.CalendarError as exc:
            out.append(doc.diagnostic(("when", "ics"), "E005", str(exc)))
            return
        event.ics_path, event.ics = path, parsed


def _prop_references(doc: Document, overlay: EventOverlay) -> list[Diagnostic]:
    ids = [p.id for p in overlay.props]
    refs = []
    if overlay.lighting is not None and overlay.lighting.spotlights_at is not None:
        refs.append((("lighting", "spotlights_at"), overlay.lighting.spotlights_at, "the spotlights stand on"))
    if overlay.fireworks is not None:
        refs.append((("fireworks", "over"), overlay.fireworks.over, "the fireworks burst over"))
    return [doc.diagnostic(loc, "E008", f"{what} prop '{ref}', which this event does not have",
                           hint=did_you_mean(ref, ids)) for loc, ref, what in refs if ref not in ids]


def _unreadable(text: str) -> bool:
    try:
        calendar.parse_moment(text)
        return False
    except calendar.CalendarError:
        return True


def _places(doc: Document, overlay: EventOverlay, scenes: dict[str, SceneManifest]) -> list[Diagnostic]:
    """Everything placed must stand in at least one of the scenes the event dresses."""
    out = []
    squares = [(LocalProjection(s.origin.lat, s.origin.lon), s.extent_m) for s in scenes.values()]

    def inside(lat: float, lon: float) -> bool:
        return any(within_square(proj, half, lat, lon) for proj, half in squares)

    names = ", ".join(scenes)
    for group, items in (("props", overlay.props), ("pois", overlay.pois), ("viewpoints", overlay.viewpoints)):
        for i, item in enumerate(items):
            points = [(item.lat, item.lon)] if getattr(item, "lat", None) is not None else list(item.path or [])
            for j, (lat, lon) in enumerate(points):
                if not inside(lat, lon):
                    loc = (group, i, "lat") if getattr(item, "lat", None) is not None else (group, i, "path", j)
                    out.append(doc.diagnostic(loc, "E006", f"{group[:-1]} '{item.id}' lies outside every scene the "
                                              f"event dresses ({names})"))
                    break
    for i, route in enumerate(overlay.routes):
        for j, (lat, lon) in enumerate(route.path or []):
            if not inside(lat, lon):
                out.append(doc.diagnostic(("routes", i, "path", j), "E006", f"route '{route.id}' leaves every scene "
                                          f"the event dresses ({names}) at point {j + 1}"))
                break
    return out


def _clashes(doc: Document, overlay: EventOverlay, scenes: dict[str, SceneManifest]) -> list[Diagnostic]:
    """An event's POIs and props must not take the ids of what a dressed scene already has; its
    views look at a POI of the event or of a scene it dresses."""
    out = []
    known = [p.id for p in overlay.pois] + [p.id for s in scenes.values() for p in s.pois]
    for i, vp in enumerate(overlay.viewpoints):
        if isinstance(vp.look_at, str) and vp.look_at not in known:
            out.append(doc.diagnostic(("viewpoints", i, "look_at"), "R002", f"POI '{vp.look_at}' does not exist "
                                      "in this event or the scenes it dresses", hint=did_you_mean(vp.look_at, known)))
    for group, items, attr in (("pois", overlay.pois, "pois"), ("props", overlay.props, "landmarks")):
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in first:
                out.append(doc.diagnostic((group, i, "id"), "R001", f"duplicate id '{item.id}' among the {group}"))
            first.setdefault(item.id, i)
            owner = next((sid for sid, s in scenes.items() if any(x.id == item.id for x in getattr(s, attr))), None)
            if owner is not None:
                out.append(doc.diagnostic((group, i, "id"), "E007", f"{group[:-1]} id '{item.id}' is already used by "
                                          f"scene '{owner}'", hint="give the event's own an id of its own"))
    return out
