"""The kiosk composed: a fullscreen window (or a window), one visitor database for every visit, the
scenes of kiosk.yaml loaded with their event overlays as the flow asks, each visitor's game made
in the language they chose, the start screen's cards and the operator's status lines.
(engine/app.py is the composition root of `play`; the kiosk's is this module, a layer below it.)"""
from __future__ import annotations

import logging
import sys
import time
from datetime import datetime

from engine.diagnostics import ContentError
from engine.kiosk.config import Kiosk
from engine.settings import Settings

log = logging.getLogger("ludao.kiosk")


def run_kiosk(settings: Settings, kiosk: Kiosk, *, windowed: bool = False, max_frames: int = 0,
              idle_s: float | None = None, countdown_s: float | None = None, script=None) -> int:
    """script: called once with the KioskFlow before the first frame, to drive it from tasks of its
    own (benchmarks/kiosk_soak.py's scripted visitors); None for a kiosk."""
    from engine.display.sigterm import stopped_by_sigterm
    from engine.display.window import WindowDisplay
    from engine.kiosk.flow import KioskFlow
    from engine.kiosk.scene_loading import scene_loader
    from engine.kiosk.status import status_lines
    from engine.play.event_dress import visit_calendar
    from engine.play.protocol import VisitLines
    from engine.service.heartbeat import beating
    from engine.store.background import BackgroundStore
    from engine.visit import open_store

    started = time.monotonic()  # the status panel's uptime (the wall clock, here at the root only)
    lines = VisitLines()
    display = WindowDisplay.open(settings.size, fullscreen=not windowed, audio=not settings.mute, kiosk=not windowed,
                                 quality=settings.quality)
    lines.quality(display.base, asked=settings.quality)
    store = flow = None
    try:
        with stopped_by_sigterm(display):
            # the visitors' games and their commits on a thread of their own: no frame waits on the disk
            store = BackgroundStore(lambda: open_store(settings))
            calendar = visit_calendar(display, settings)
            flow = KioskFlow(display, settings, kiosk, lines=lines, idle_s=idle_s, countdown_s=countdown_s,
                             load_scene=scene_loader(display, settings, kiosk.scenes, lines),
                             make_game=game_maker(settings, kiosk, store),
                             scene_cards=lambda: scene_cards(settings, kiosk.scenes, calendar()),
                             status_lines=lambda: status_lines(started_at=started, data_dir=settings.data_dir,
                                                               store=store, kiosk_id=settings.kiosk_id))
            if script is not None:
                script(flow)
            with beating(display.task_mgr, "kiosk"):  # the supervisor's watchdog, fed by drawn frames
                display.run(max_frames)
    finally:
        if flow is not None:
            flow.close()
        if store is not None:
            store.close()
        display.close()
        sys.stdout.flush()
    return 0


def game_maker(settings: Settings, kiosk: Kiosk, store):
    """(scene id, its LiveScene, the visitor's language, its event dress) -> the visitor's game, or None
    for a scene (and events) without one; every game writes to the one store."""
    from engine.visit import visit_game

    def make(scene_id: str, built, lang: str, dress):
        events = dress.controller.active_events() if dress is not None else []
        return visit_game(kiosk.scenes[scene_id], built.manifest, built.ground, lang, store, events)
    return make


def scene_cards(settings: Settings, scenes: dict, moment: datetime) -> list:
    """The start screen's cards: each offered scene's name and the events on it at `moment`."""
    from engine.manifest.scene_loader import load_scene
    from engine.overlays.choose import usable_events
    from engine.overlays.resolve import Choice, active
    from engine.ui.kiosk_screens import SceneCard
    events, _ = usable_events(settings.scenes_dir)
    cards = []
    for scene_id, manifest in scenes.items():
        try:
            scene, _ = load_scene(manifest)
        except ContentError as exc:  # a scene broken since the kiosk started: left off, never a crash
            log.warning("scene %s left off the start screen: %s", scene_id, exc.diagnostics[0].format())
            continue
        on = active(events, scene_id, moment, Choice(settings.event_ids))
        cards.append(SceneCard(scene_id, {"zh": scene.name.zh, "en": scene.name.en},
                               [{"zh": e.overlay.name.zh, "en": e.overlay.name.en} for e in on]))
    return cards
