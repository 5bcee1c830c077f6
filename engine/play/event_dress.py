"""A visit's event overlays: chosen by the calendar (or forced), checked once a second while the
scene is shown, so a kiosk that runs across an event's first midnight dresses itself without a
restart, its banners standing and its ambient sound looping while it is on. `--clock-from` starts
the calendar at another moment and lets it run on (rehearsing an event's start); the visit's own
timers are not affected."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable

from engine.display.audio import audio_of
from engine.display.base import Display
from engine.overlays.calendar import parse_moment
from engine.overlays.choose import calendar_clock, forced_for_scene, usable_events
from engine.overlays.live import OverlayController
from engine.overlays.resolve import Choice
from engine.play.protocol import VisitLines
from engine.settings import Settings

TASK = "ludao-event-overlays"
CHECK_EVERY_S = 1.0


def visit_calendar(display: Display, settings: Settings) -> Callable[[], datetime]:
    if settings.clock_from:
        start, t0 = parse_moment(settings.clock_from), display.frame_time()
        return lambda: start + timedelta(seconds=display.frame_time() - t0)
    return calendar_clock(settings.preview_date)


class EventDress:
    def __init__(self, display: Display, built, settings: Settings, lines: VisitLines):
        scene_id = built.manifest.id
        events, _ = usable_events(settings.scenes_dir, scene_id)  # a broken overlay is logged and skipped
        # a forced event that dresses another scene is left out here (the hall forces its `events` on
        # every scene); `play` refuses one for its own scene before the visit (visit_requests.check_events)
        forced = forced_for_scene(settings.scenes_dir, scene_id, settings.event_ids, strict=False)
        self.display, self.lines = display, lines
        self.controller = OverlayController(built, events, visit_calendar(display, settings), Choice(forced))
        self.lines.overlays(self.controller.active_ids)
        self.audio = audio_of(display.base)
        self._sound()
        self.show_banners = None  # ([{zh, en}, ...]) -> None: where the banners of the events on go
        self._next_check = display.frame_time() + CHECK_EVERY_S
        display.task_mgr.add(self._check, TASK)

    def _check(self, task):
        now = self.display.frame_time()
        if now >= self._next_check:
            self._next_check = now + CHECK_EVERY_S
            if self.controller.update():
                self.lines.overlays(self.controller.active_ids)
                self._sound()
                self.tell_banners()
        return task.cont

    def tell_banners(self) -> None:
        """The banners of the events on now, in their order, to the visit's screen."""
        if self.show_banners is not None:
            self.show_banners([{"zh": b.text.zh, "en": b.text.en}
                               for event in self.controller.active_events() for b in event.overlay.banners])

    def _sound(self) -> None:
        """The ambient sound of each event on, looping (silent where the display has no audio)."""
        self.audio.set_loops({f"event:{e.id}": (e.sound_path, e.overlay.sound_volume)
                              for e in self.controller.active_events() if e.sound_path is not None})

    def close(self) -> None:
        self.display.task_mgr.remove(TASK)
        self.audio.set_loops({})
