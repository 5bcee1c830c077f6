"""Offscreen rendering of scene viewpoints to PNG files (render, showcase and the run command)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from engine.diagnostics import ContentError, Diagnostic
from engine.errors import UsageError
from engine.settings import Settings


class OffscreenRenderer:
    """One offscreen ShowBase, reused for every scene and view of a run."""

    def __init__(self, settings: Settings):
        from engine.display.base import make_base
        from engine.world.cache import SceneCache
        self.settings = settings
        self.base = make_base(offscreen=True, size=settings.size, quality=settings.quality)
        self.cache = SceneCache(settings.cache_dir) if settings.use_cache else None
        self._events: dict[str, list] = {}

    def open(self, scene: str, *, strict_events: bool = True):
        """A view of the scene, dressed with the event overlays of the calendar's day (or the forced
        ones). A forced event that does not dress the scene is a UsageError when `strict_events`
        (one scene asked for), else left out (showcase: each scene gets the forced events that dress it)."""
        from engine.display.scene_view import SceneView
        from engine.overlays.choose import calendar_clock, forced_for_scene
        from engine.overlays.live import OverlayController
        from engine.overlays.resolve import NONE, Choice
        from engine.scene_library import find_scene
        from engine.world.library import get_scene
        built, report = get_scene(find_scene(scene, self.settings.scenes_dir), self.base.loader, self.cache)
        scene_id = built.manifest.id
        forced = forced_for_scene(self.settings.scenes_dir, scene_id, self.settings.event_ids, strict=strict_events)
        events = [] if NONE in forced else self.events(scene_id)  # `--event none`: no event file is read
        view = SceneView(self.base, built)
        view.overlays = OverlayController(built, events, calendar_clock(self.settings.preview_date), Choice(forced))
        return view, report

    def events(self, scene_id: str) -> list:
        """The event overlays that dress the scene (read once; broken ones are logged and skipped)."""
        if scene_id not in self._events:
            from engine.overlays.choose import usable_events
            self._events[scene_id], _ = usable_events(self.settings.scenes_dir, scene_id)
        return self._events[scene_id]

    def close(self) -> None:
        self.base.destroy()


def _view_or_usage_error(view, view_id: str | None):
    if view_id is None:
        return view.default_view()
    try:
        return view.viewpoint(view_id)
    except KeyError:
        known = ", ".join(vp.id for vp in view.built.manifest.viewpoints)
        raise UsageError(f"scene '{view.built.manifest.id}' has no viewpoint '{view_id}' (it has: {known})") from None


def render_views(settings: Settings, scene: str, jobs: list[tuple[str | None, Path]], *,
                 stereo_ipd_m: float | None = None) -> list[Path]:
    """Each (view, out) as a PNG of settings.size; with `stereo_ipd_m`, a side-by-side stereo pair
    with its eyes that far apart, each half settings.size (the PNG twice as wide)."""
    if stereo_ipd_m is not None:
        width, height = settings.size
        settings = replace(settings, size=(2 * width, height))
    renderer = OffscreenRenderer(settings)
    try:
        view, _ = renderer.open(scene)
        pair = None
        if stereo_ipd_m is not None:
            from engine.display.side_by_side import on_mono_camera
            pair = on_mono_camera(renderer.base, stereo_ipd_m)
        written = []
        for view_id, out in jobs:
            view.go_to_view(_view_or_usage_error(view, view_id))
            written.append(view.save_png(out))
        if pair is not None:
            pair.close()
        view.detach()
        return written
    finally:
        renderer.close()


EVENT_STILL_T = 12.0  # seconds into the animation: the crowds, beams and fireworks of a still


def _event_pictures(view, renderer: "OffscreenRenderer", scene_id: str, out_dir: Path) -> list[Path]:
    """Each event overlay that dresses the scene, on its own, from its first view in the scene (or
    the scene's main view): out_dir/<scene>-event-<id>.png."""
    from engine.geo import within_square
    from engine.overlays.live import OverlayController
    from engine.overlays.resolve import Choice
    written = []
    view.overlays.close()  # each event alone, not with what the calendar put on
    view.animation_time = EVENT_STILL_T
    for event in renderer.events(scene_id):
        if scene_id not in event.overlay.scenes:
            continue
        dressed = OverlayController(view.built, renderer.events(scene_id), lambda: None, Choice((event.id,)))
        mine = [vp for vp in event.overlay.viewpoints
                if within_square(view.built.projection, view.built.manifest.extent_m, vp.lat, vp.lon)]
        view.go_to_view(mine[0] if mine else view.default_view())
        written.append(view.save_png(out_dir / f"{scene_id}-event-{event.id}.png"))
        dressed.close()
    view.animation_time = None
    return written


def render_showcase(settings: Settings, out_dir: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Every viewpoint of every scene, as out_dir/<scene>-<view>.png. A broken scene is skipped
    and its problems returned; the others are still rendered."""
    from engine.scene_library import scene_manifests
    renderer = OffscreenRenderer(settings)
    written: list[Path] = []
    problems: list[Diagnostic] = []
    try:
        for scene_id in scene_manifests(settings.scenes_dir):
            try:
                view, _ = renderer.open(scene_id, strict_events=False)
            except ContentError as exc:
                problems += exc.diagnostics
                continue
            for vp in view.built.manifest.viewpoints:
                view.go_to_view(vp)
                written.append(view.save_png(out_dir / f"{scene_id}-{vp.id}.png"))
            written += _event_pictures(view, renderer, scene_id, out_dir)
            view.detach()
    finally:
        renderer.close()
    return written, problems
