"""The composition root: a display, a scene, the game and a visit in it, run until the window closes.

Input is one gesture set for mouse, touch and keys (engine/display/input_map.py; the kiosk's own
touch screens in engine/kiosk).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from engine.display.base import Display
from engine.service.heartbeat import beating
from engine.display.sigterm import stopped_by_sigterm
from engine.settings import Settings


def open_display(mode: str, settings: Settings, lines=None, *, ipd_m: float | None = None,
                 xr_readback=None, comfort=None) -> Display:
    """The output for a play mode: a window (kiosk: fullscreen), a side-by-side stereo window (`ipd_m`,
    None: the average adult's) or an OpenXR headset (`comfort`: engine.xr.comfort.ComfortSettings,
    None: the defaults)."""
    if mode == "vr":  # refuses (exit 3) without pyopenxr, a runtime or a headset, before any window opens
        from engine.xr.display import XrDisplay
        return XrDisplay.open(settings.size, stereo_rig, report=lines.xr if lines else None, readback_dir=xr_readback,
                              comfort=comfort)
    if mode == "stereo":
        from engine.display.stereo import StereoDisplay
        from engine.display.stereo_rig import DEFAULT_IPD_M
        return StereoDisplay.open(settings.size, ipd_m=DEFAULT_IPD_M if ipd_m is None else ipd_m,
                                  quality=settings.quality)
    from engine.display.window import WindowDisplay
    return WindowDisplay.open(settings.size, fullscreen=(mode == "kiosk"), audio=not settings.mute,
                              quality=settings.quality)


def stereo_rig(parent, **lens):
    """The two eye cameras a headset's views pose (engine.display.stereo_rig)."""
    from engine.display.stereo_rig import StereoRig
    return StereoRig(parent, **lens)


@dataclass
class GameMaker:
    """Makes the scene's game for one visitor (None when neither the scene nor an event on has one);
    every visitor of a run shares one store."""
    manifest_path: Path
    built: object
    settings: Settings
    store: object
    events_on: object = None  # () -> the event overlays on now: their stamps, quizzes and badges join

    def __call__(self, resume_code: str | None = None):
        from engine.visit import visit_game
        return visit_game(self.manifest_path, self.built.manifest, self.built.ground, self.settings.lang, self.store,
                          self.events_on() if self.events_on else [], resume_code)


def game_maker(manifest_path, built, settings: Settings) -> GameMaker:
    """The game and its store work on a thread of their own: a frame loop on a screen or in a
    headset never waits on the disk."""
    from engine.store.background import BackgroundStore
    from engine.visit import open_store
    return GameMaker(manifest_path, built, settings, BackgroundStore(lambda: open_store(settings)))


def play(settings: Settings, scene: str, *, view: str | None = None, mode: str = "window", max_frames: int = 0,
         tour=None, resume_code: str | None = None, ipd_m: float | None = None, xr_readback=None,
         comfort=None) -> int:
    from engine.play.event_dress import EventDress
    from engine.play.protocol import VisitLines
    from engine.play.session import PlaySession
    from engine.scene_library import find_scene
    from engine.world.library import get_scene
    from engine.world.cache import SceneCache

    manifest = find_scene(scene, settings.scenes_dir)
    lines = VisitLines()
    display = open_display(mode, settings, lines, ipd_m=ipd_m, xr_readback=xr_readback, comfort=comfort)
    lines.quality(display.base, headset=(mode == "vr"), asked=settings.quality)
    display.frame_stats(show=settings.stats, record_to=settings.frame_times)
    make_game = session = dress = None
    try:
        with stopped_by_sigterm(display):
            cache = SceneCache(settings.cache_dir) if settings.use_cache else None
            built, report = get_scene(manifest, display.base.loader, cache)
            lines.scene(built.manifest.id, report.from_cache, report.seconds)
            if mode == "vr":  # teleports land on this scene's ground (engine.xr.comfort)
                display.use_scene(built)
            dress = EventDress(display, built, settings, lines)
            make_game = game_maker(manifest, built, settings)
            make_game.events_on = dress.controller.active_events  # a scene without a game may get one
            game = make_game(resume_code)
            if game is not None:
                lines.visit(game.session.resume_code)  # the code a visitor can resume with
            session = PlaySession(display, built, settings.lang, view, tour=tour, game=game, new_game=make_game,
                                  lines=lines)
            dress.show_banners = session.show_banners
            dress.tell_banners()
            with beating(display.task_mgr, f"playing {built.manifest.id}"):  # systemd's READY and watchdog
                display.run(max_frames)
    finally:
        if dress is not None:
            dress.close()
        if session is not None:
            session.close()  # the tour log and the store with it
        elif make_game is not None:
            make_game.store.close()
        display.close()
        sys.stdout.flush()
    return 0


def hall(settings: Settings, hall_config, *, windowed: bool = False, max_frames: int = 0) -> int:
    """The exhibition hall (engine.kiosk.hall_run): tours in a loop all day on a fullscreen window, or,
    with `vr: true` and a headset there, in the headset with its desktop window as the big screen's mirror."""
    from engine.kiosk.hall_run import run_hall
    from engine.play.protocol import VisitLines
    lines = VisitLines()
    display = _hall_display(settings, hall_config.config.vr, windowed, lines)
    lines.quality(display.base, headset=display.kind == "vr", asked=settings.quality)
    try:
        return run_hall(settings, hall_config, display, lines=lines, max_frames=max_frames)
    finally:
        display.close()


def _hall_display(settings: Settings, vr: bool, windowed: bool, lines) -> Display:
    if vr:
        from engine.errors import MissingCapability
        try:
            return open_display("vr", settings, lines)
        except MissingCapability as exc:  # the hall plays on without the headset: one line says why
            lines.write("hall", "vr", "off", str(exc))
    from engine.display.window import WindowDisplay
    return WindowDisplay.open(settings.size, fullscreen=not windowed, audio=not settings.mute, kiosk=not windowed,
                              quality=settings.quality)


def kiosk(settings: Settings, kiosk_config, **options) -> int:
    """The touch kiosk: composed in engine.kiosk.run (its flow, scenes, games and one store for every visit)."""
    from engine.kiosk.run import run_kiosk
    return run_kiosk(settings, kiosk_config, **options)
