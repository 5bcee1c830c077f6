"""Loading a scene for an unattended screen (the kiosk, the hall): the plan from the cache or planned,
the scene built, its event overlays on the calendar's clock. A cold build can take seconds, longer
than the supervisor's watchdog allows a frame, so it runs inside `heartbeat.busy`."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from engine.service.heartbeat import busy
from engine.settings import Settings

LOAD_ALLOWANCE_S = 120  # a cold build of the largest scene on a slow kiosk PC, with room to spare


def scene_loader(display, settings: Settings, manifests: dict[str, Path], lines):
    """(scene id, event ids to force on: a hall tour's own) -> (a ready LiveScene, its event overlays)."""
    from engine.play.event_dress import EventDress
    from engine.world.cache import SceneCache
    from engine.world.library import get_scene
    cache = SceneCache(settings.cache_dir) if settings.use_cache else None

    def load(scene_id: str, forced: tuple[str, ...] = ()):
        with busy(LOAD_ALLOWANCE_S):
            built, report = get_scene(manifests[scene_id], display.base.loader, cache)
        lines.scene(built.manifest.id, report.from_cache, report.seconds)
        dressed = replace(settings, event_ids=forced) if forced and not settings.event_ids else settings
        return built, EventDress(display, built, dressed, lines)
    return load
