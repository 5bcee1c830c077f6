"""The exhibition hall composed on the display engine/app.py opened for it (a window, or a VR
headset whose desktop window mirrors the eyes on the big screen): the scenes of hall.yaml loaded
with their event overlays as the loop asks, the calendar's clock for the schedule, a frame loop
slowed down while the still screen stands, and the supervisor's heartbeat."""
from __future__ import annotations

import sys
from dataclasses import replace

from engine.display.base import Display
from engine.kiosk.hall_config import Hall
from engine.settings import Settings

STILL_FPS = 2.0  # frames a second while the still screen stands: the machine rests, the watchdog is fed


def run_hall(settings: Settings, hall: Hall, display: Display, *, lines, max_frames: int = 0) -> int:
    from engine.display.sigterm import stopped_by_sigterm
    from engine.kiosk.hall_flow import HallFlow
    from engine.kiosk.scene_loading import scene_loader
    from engine.play.event_dress import visit_calendar
    from engine.service.heartbeat import beating

    if not settings.event_ids:  # --event on the command line wins over hall.yaml's `events`
        settings.event_ids = hall.event_ids
    flow = None
    try:
        with stopped_by_sigterm(display):
            # the hours follow the wall clock (or --clock-from); --date picks that day's events only
            hours_clock = visit_calendar(display, replace(settings, preview_date=None))
            flow = HallFlow(display, hall, lines=lines, load_scene=scene_loader(display, settings, hall.scenes, lines),
                            moment=hours_clock, rest=rester(display))
            with beating(display.task_mgr, "hall"):  # the supervisor's watchdog, fed by drawn frames
                display.run(max_frames)
    finally:
        if flow is not None:
            flow.close()
        sys.stdout.flush()
    return 0


def rester(display: Display, fps: float = STILL_FPS):
    """rest(True) limits the frame rate to `fps`; rest(False) lifts the limit. A headset is never
    slowed: its runtime expects every frame."""
    from panda3d.core import ClockObject
    clock = display.base.clock

    def rest(resting: bool) -> None:
        if display.kind == "vr":
            return
        if resting:
            clock.set_mode(ClockObject.M_limited)
            clock.set_frame_rate(fps)
        else:
            clock.set_mode(ClockObject.M_normal)
    return rest
