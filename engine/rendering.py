"""Offscreen rendering of scene viewpoints to PNG files (render, showcase and the run command)."""
from __future__ import annotations

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
        self.base = make_base(offscreen=True, size=settings.size)
        self.cache = SceneCache(settings.cache_dir) if settings.use_cache else None
        self._events = None

    def open(self, scene: str):
        """A view of the scene, dressed with the event overlays of the calendar's day (or the forced ones)."""
        from engine.display.scene_view import SceneView
        from engine.overlays.choose import calendar_clock, usable_events
        from engine.overlays.live import OverlayController
        from engine.overlays.resolve import Choice
        from engine.scene_library import find_scene
        from engine.world.library import get_scene
        built, report = get_scene(find_scene(scene, self.settings.scenes_dir), self.base.loader, self.cache)
        if self._events is None:
            self._events, _ = usable_events(self.settings.scenes_dir)  # broken ones are logged and skipped
        view = SceneView(self.base, built)
        view.overlays = OverlayController(built, self._events, calendar_clock(self.settings.preview_date),
                                          Choice(self.settings.event_ids))
        return view, report

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


def render_views(settings: Settings, scene: str, jobs: list[tuple[str | None, Path]]) -> list[Path]:
    renderer = OffscreenRenderer(settings)
    try:
        view, _ = renderer.open(scene)
        written = []
        for view_id, out in jobs:
            view.go_to_view(_view_or_usage_error(view, view_id))
            written.append(view.save_png(out))
        view.detach()
        return written
    finally:
        renderer.close()


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
                view, _ = renderer.open(scene_id)
            except ContentError as exc:
                problems += exc.diagnostics
                continue
            for vp in view.built.manifest.viewpoints:
                view.go_to_view(vp)
                written.append(view.save_png(out_dir / f"{scene_id}-{vp.id}.png"))
            view.detach()
    finally:
        renderer.close()
    return written, problems
