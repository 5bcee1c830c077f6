"""The exhibition hall's loop on one display, all day without a touch:

    tour (a PlaySession playing it) --ends--> pause (pause_s) --> the next tour, the next scene ...
        ^                                                                            |
        +------ opening time <-- still screen (closed, quiet hours) <-- closing time-+

Tours play in hall.yaml's order, each loop of the list in the next language; an unanswered question
times out with its neutral line, as an unattended kiosk's does. A scene or tour broken since the
hall started is skipped with a log line, never a crash. The still screen is one picture of the next
scene's main viewpoint with the schedule's caption: once it is taken the 3D cameras stop drawing
and `rest(True)` lets the caller slow the frame loop, so the machine rests until opening time.

Time: `clock()` (the display's frame time by default) drives the pauses and the tours themselves;
`moment()` (an aware datetime, the calendar's) drives the schedule. Both are injected, so a test
walks through a day in a few frames.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from direct.showbase.DirectObject import DirectObject

from engine.diagnostics import ContentError
from engine.display.base import Display
from engine.display.scene_view import SceneView
from engine.errors import UsageError
from engine.kiosk.hall_config import Hall, PlayItem
from engine.kiosk.hall_schedule import Phase, phase_at
from engine.play.protocol import VisitLines
from engine.ui.hall_still import StillScreen
from engine.ui.visible_text import visible_texts

TASK = "ludao-hall"
log = logging.getLogger("ludao.hall")
CHECK_EVERY_S = 1.0      # the schedule is read once a second
MAX_TOUR_S = 30 * 60.0   # a tour held up (a visitor paused it and left) gives way to the next
NOTHING_PLAYS_S = 60.0   # every tour failed: try again after this
CAPTURE_FRAMES = 2       # frames drawn with the still's viewpoint before it is taken


class OnClock:
    """The display as the visit sees it, but with the hall's clock: tours and the game's timers
    advance by the hall's dt (set each frame before the visit's tasks run)."""

    def __init__(self, display: Display, clock: Callable[[], float]):
        self._display, self._clock = display, clock
        self.dt = 0.0

    def __getattr__(self, name):
        return getattr(self._display, name)

    def frame_time(self) -> float:
        return self._clock()

    def frame_dt(self) -> float:
        return self.dt


class HallFlow:
    def __init__(self, display: Display, hall: Hall, *, lines: VisitLines, load_scene: Callable,
                 moment: Callable[[], datetime], clock: Callable[[], float] | None = None,
                 rest: Callable[[bool], None] | None = None):
        """load_scene(scene_id, forced_event_ids) -> (LiveScene, its event dress or None); forced: a
        tour's own event when the hall follows the calendar, else ()."""
        self.display, self.hall, self.lines = display, hall, lines
        self.load_scene, self.moment = load_scene, moment
        self.clock = clock or display.frame_time
        self.rest = rest or (lambda resting: None)
        self.seen = OnClock(display, self.clock)
        self.state = ""
        self.index = 0  # the next item of the playlist, counted across loops
        self.session = self.dress = self.item = None
        self.tour_started = self.resume_at = 0.0
        self.still: StillScreen | None = None
        self.still_view: SceneView | None = None
        self.still_dress = None
        self.capture_frames = 0
        self.resting = False  # the 3D display regions off and the frame loop slowed
        self.phase: Phase | None = None
        self._last = self.clock()
        self._next_check = self._last + CHECK_EVERY_S
        self.input = DirectObject()
        self.input.accept("f12", self._report_texts)
        display.task_mgr.add(self._frame, TASK, sort=-10)  # before the visit's own tasks read the dt
        self._follow_schedule(self._last)

    # --- the schedule ---------------------------------------------------------------------------
    def _follow_schedule(self, now: float) -> None:
        phase = phase_at(self.hall.hours, self.moment())
        resting = self.state in ("still", "capture")
        if phase.state == "open" and (resting or not self.state):
            self._leave_still()
            self.lines.write("hall", "open")
            self._play_next(now)
        elif phase.state != "open" and not resting:
            self._end_tour(phase.state)
            self._to_still(phase)
        elif resting and self.still is not None and phase.caption != self.phase.caption:
            self.still.show(phase.caption)
        self.phase = phase

    # --- tours ----------------------------------------------------------------------------------
    def _item(self) -> tuple[PlayItem, str]:
        playlist, languages = self.hall.playlist, self.hall.config.languages
        item = playlist[self.index % len(playlist)]
        return item, languages[(self.index // len(playlist)) % len(languages)]

    def _play_next(self, now: float) -> None:
        for _ in self.hall.playlist:
            item, lang = self._item()
            self.index += 1
            try:
                self._start(item, lang)
            except (ContentError, UsageError, KeyError, OSError) as exc:
                why = exc.diagnostics[0].format() if isinstance(exc, ContentError) and exc.diagnostics else exc
                log.warning("the hall skips %s %s: %s", item.scene, item.tour, why)
                self.lines.write("hall", "skip", item.scene, item.tour)
                self._close_visit()
                continue
            self.state, self.item, self.tour_started = "tour", item, now
            self.lines.write("hall", "tour", item.scene, item.tour, lang)
            return
        log.warning("no tour of the hall could be played; trying again in %.0f s", NOTHING_PLAYS_S)
        self.state, self.resume_at = "pause", now + NOTHING_PLAYS_S

    def _start(self, item: PlayItem, lang: str) -> None:
        from engine.play.session import PlaySession, TourRequest
        from engine.tour.loader import load_tour
        tour, _, _ = load_tour(item.path, self.hall.scenes[item.scene].parent.parent)
        forced = (tour.event,) if tour.event and self.hall.config.events == "calendar" else ()
        built, self.dress = self.load_scene(item.scene, forced)
        if hasattr(self.display, "use_scene"):  # a headset: teleports land on this scene's ground
            self.display.use_scene(built)
        self.session = PlaySession(self.seen, built, lang, tour=TourRequest(tour, item.path), lines=self.lines,
                                   kiosk=True)
        if self.dress is not None:
            self.dress.show_banners = self.session.show_banners
            self.dress.tell_banners()

    def _tour_over(self, now: float) -> str | None:
        guided = self.session.guided if self.session is not None else None
        if guided is None or guided.runner.state.finished:
            return "end"
        return "overtime" if now - self.tour_started > MAX_TOUR_S else None

    def _end_tour(self, why: str) -> None:
        if self.state != "tour":
            return
        self.lines.write("hall", "end", self.item.tour, why)
        self._close_visit()

    def _close_visit(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.close()
        if self.dress is not None:
            self.dress.close()
            self.dress = None

    # --- the still screen -----------------------------------------------------------------------
    def _to_still(self, phase: Phase) -> None:
        self.state, self.capture_frames = "capture", CAPTURE_FRAMES
        scene_id = self._item()[0].scene
        try:
            built, self.still_dress = self.load_scene(scene_id, ())
            self.still_view = SceneView(self.display.base, built)
            self.still_view.go_to_view(self.still_view.default_view())
        except (ContentError, KeyError, OSError) as exc:  # no picture: the caption on a plain screen
            log.warning("the hall's still screen shows no scene (%s): %s", scene_id, exc)
            self.capture_frames = 0
        self.lines.write("hall", "still", phase.state)

    def _take_still(self) -> None:
        """The frame drawn at the viewpoint becomes a picture; the 3D scene leaves and stops drawing.
        A headset keeps its scene and draws every frame (its runtime expects them): only the caption."""
        headset = self.display.kind == "vr"
        picture = None
        if self.still_view is not None and not headset:
            picture = self.display.base.win.get_screenshot()
        self.still = StillScreen(self.display.overlay, self.phase.caption, picture=picture,
                                 backdrop=self.display.base.render2d if picture is not None else None)
        if not headset:
            self._drop_still_scene()
            self._cameras(False)
            self.rest(True)
            self.resting = True
        self.state = "still"

    def _cameras(self, active: bool) -> None:
        """The 3D display regions on or off (the eyes' regions; the 2D overlay draws on)."""
        for eye in self.display.eye_lens_nodes:
            camera = eye.node()
            for i in range(camera.get_num_display_regions()):
                camera.get_display_region(i).set_active(active)

    def _drop_still_scene(self) -> None:
        if self.still_view is not None:
            self.still_view.detach()
            self.still_view = None
        if self.still_dress is not None:
            self.still_dress.close()
            self.still_dress = None

    def _leave_still(self) -> None:
        if self.still is not None:
            self.still.destroy()
            self.still = None
        if self.resting:
            self._cameras(True)
            self.rest(False)
            self.resting = False
        self._drop_still_scene()

    # --- every frame ----------------------------------------------------------------------------
    def _frame(self, task):
        now = self.clock()
        self.seen.dt = max(0.0, now - self._last)
        self._last = now
        if now >= self._next_check or now < self._next_check - 2 * CHECK_EVERY_S:  # (a clock set back)
            self._next_check = now + CHECK_EVERY_S
            self._follow_schedule(now)
        if self.state == "tour":
            why = self._tour_over(now)
            if why:
                self._end_tour(why)
                self.state, self.resume_at = "pause", now + self.hall.config.pause_s
        elif self.state == "pause" and now >= self.resume_at:
            self._play_next(now)
        elif self.state == "capture":
            self.capture_frames -= 1
            if self.capture_frames <= 0:
                self._take_still()
        return task.cont

    def _report_texts(self) -> None:
        if self.session is None:  # a tour's session reports its own
            self.lines.texts(visible_texts(self.display.overlay))

    def close(self) -> None:
        self.display.task_mgr.remove(TASK)
        self.input.ignore_all()
        self._close_visit()
        self._leave_still()
