"""The kiosk's flow between its screens, on one display, for months without a restart:

    attract loop --any touch--> start screen --a scene card--> visit --"Finish"--> end of the visit
        ^                          |  idle_s untouched                |                   | "Done"
        +--------------------------+----------------------------------+-------------------+
                                      idle_s untouched: "still there?", at zero the visit ends

A visit is a PlaySession (engine.play.session) with the touch HUD, a language button and a "Finish"
button, which shows the end of the visit (engine.kiosk.visit_end: postcard, passport, printing, a
name for the leaderboard) before the attract loop comes back. When a visit ends its progress is
already in the store (each gain is saved as it happens) and nothing of it stays: the session, its
cards, question, tour and game are closed and the scene is left. The operator's gesture (holding a
screen corner, or a key combination) opens the PIN pad over any screen. Time is the injected clock
(the display's frame time by default) for every timer here.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from direct.showbase.DirectObject import DirectObject

from engine.diagnostics import ContentError
from engine.display.base import Display
from engine.display.scene_view import SceneView
from engine.kiosk.attract import AttractLoop, attract_plan
from engine.kiosk.config import Kiosk
from engine.kiosk.idle import IdleTimer
from engine.kiosk.pin import pin_matches
from engine.play.protocol import VisitLines
from engine.settings import Settings
from engine.store import StoreError
from engine.ui.kiosk_screens import AttractCaption, IdlePrompt, SceneCard, StartScreen
from engine.ui.pin_pad import PinPad
from engine.ui.visible_text import visible_texts

TASK = "ludao-kiosk"
log = logging.getLogger("ludao.kiosk")
CORNER_SHARE = 0.07    # of the window's width and height: the operator's corner
PAD_IDLE_S = 60.0      # an untouched PIN pad closes


class KioskFlow:
    def __init__(self, display: Display, settings: Settings, kiosk: Kiosk, *, lines: VisitLines,
                 load_scene: Callable, make_game: Callable, scene_cards: Callable[[], list[SceneCard]],
                 status_lines: Callable[[], list[str]], clock: Callable[[], float] | None = None,
                 idle_s: float | None = None, countdown_s: float | None = None):
        """load_scene(scene_id) -> (LiveScene, its event dress or None); make_game(scene_id, built, lang,
        dress) -> a GameSession or None; scene_cards() -> the start screen's cards (events on today);
        status_lines() -> the operator's status panel."""
        self.display, self.settings, self.kiosk, self.lines = display, settings, kiosk, lines
        self.config = kiosk.config
        self.load_scene, self.make_game = load_scene, make_game
        self.scene_cards, self.status_lines = scene_cards, status_lines
        self.clock = clock or display.frame_time
        self.idle = IdleTimer(self.config.idle_s if idle_s is None else idle_s,
                              self.config.countdown_s if countdown_s is None else countdown_s)
        width, height = display.size
        self.aspect = width / height
        self.lang = self.config.languages[0]
        self.large_text = False  # the visitor's large-text switch (engine.ui.text_size), until the visit ends
        self.state = ""
        self.view: SceneView | None = None  # the attract loop's view of a scene
        self.dress = None  # the event overlays of the scene shown
        self.session = None
        self.ending = None  # the end of a visit on screen (engine.kiosk.visit_end.VisitEnd)
        self.start_screen = self.caption = self.prompt = self.pad = None
        self.corner_since: float | None = None
        self.attract = AttractLoop(attract_plan(self.config, list(kiosk.scenes)), self.config.attract.seconds_per_view,
                                   self._show_scene)
        self.input = DirectObject()
        self.input.accept("mouse1", self._pressed)
        self.input.accept("mouse1-up", self._released)
        self.input.accept("f12", self._report_texts)
        if self.config.operator.keys:
            self.input.accept(self.config.operator.keys, self.open_pad)
        display.task_mgr.add(self._frame, TASK)
        self.to_attract()

    # --- the scene on screen ------------------------------------------------------------------
    def _show_scene(self, scene_id: str) -> SceneView:
        self._leave_scene()
        built, self.dress = self.load_scene(scene_id)
        self.view = SceneView(self.display.base, built)
        return self.view

    def _leave_scene(self) -> None:
        if self.dress is not None:
            self.dress.close()
            self.dress = None
        if self.view is not None:
            self.view.detach()
            self.view = None

    # --- screens ------------------------------------------------------------------------------
    def to_attract(self) -> None:
        self._clear_screens()
        self.lang = self.config.languages[0]
        self.set_large_text(False)
        self.state = "attract"
        self.caption = AttractCaption(self.display.overlay, self.config.languages)
        self.attract.start(self.clock())
        self.lines.write("kiosk", "attract", self.attract.scene_id)

    def to_start(self) -> None:
        self._clear_screens()
        self.state = "start"
        self.idle.touch(self.clock())
        self.start_screen = StartScreen(self.display.overlay, self.aspect, self.config.languages, self.scene_cards(),
                                        self.lang, on_language=self.choose_language, on_scene=self.start_visit,
                                        on_large_text=self.toggle_large_text, large=self.large_text)
        self.lines.write("kiosk", "start", self.lang)

    def choose_language(self, lang: str) -> None:
        self.lang = lang
        if self.start_screen is not None:
            self.start_screen.set_language(lang)
        self.lines.language(lang)

    def toggle_large_text(self) -> None:
        self.set_large_text(not self.large_text)
        self.lines.write("kiosk", "large_text", "on" if self.large_text else "off")

    def set_large_text(self, on: bool) -> None:
        from engine.ui.text_size import set_large_text
        self.large_text = on
        set_large_text(self.display.overlay, on)
        if self.start_screen is not None:
            self.start_screen.set_large(on)

    def start_visit(self, scene_id: str) -> None:
        from engine.play.session import PlaySession
        self._clear_screens()
        self.attract.stop()
        self._leave_scene()
        try:
            built, self.dress = self.load_scene(scene_id)
        except ContentError as exc:  # broken since the start screen was drawn: back to it, never a crash
            log.warning("scene %s could not be shown: %s", scene_id, exc.diagnostics[0].format())
            self.to_start()
            return
        try:
            game = self.make_game(scene_id, built, self.lang, self.dress)
        except StoreError as exc:  # a full disk or a locked database: the visit goes on, without its game
            log.warning("the visit of %s starts without its game: %s", scene_id, exc)
            game = None
        self.session = PlaySession(self.display, built, self.lang, game=game, lines=self.lines, kiosk=True,
                                   on_finish=self.finish_visit)
        if self.dress is not None:
            self.dress.show_banners = self.session.show_banners
            self.dress.tell_banners()
        if game is not None:
            self.lines.visit(game.session.resume_code)
        self.state = "visit"
        self.idle.touch(self.clock())
        self.lines.write("kiosk", "visit", scene_id, self.lang)

    def finish_visit(self) -> None:
        """The visitor's "Finish": their postcard from the view they ended on, then the end screen."""
        from engine.kiosk.visit_end import VisitEnd
        if self.session is None or self.ending is not None:
            return
        self._close_prompt()
        events = self.dress.controller.active_events() if self.dress is not None else []
        self.lines.write("kiosk", "finish")
        self.ending = VisitEnd(self.display, self.aspect, self.settings, session=self.session, events=events,
                               printer=self.config.printer, lines=self.lines, on_done=self.done,
                               verify_url=self.config.verify_url)
        self._close_session()
        self.state = "end"
        self.idle.touch(self.clock())

    def done(self) -> None:
        """The end screen's "Done"."""
        self.end_visit("finished")

    def _close_session(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            if session.game is not None:
                session.game.close(close_store=False)  # the store serves the next visitor
                session.game = None
            session.close()
            self.view = None  # the session's view went with it
            if self.dress is not None:
                self.dress.close()
                self.dress = None

    def end_visit(self, why: str) -> None:
        """Nothing of the visit stays on screen or in memory; its progress is in the store already."""
        self._close_session()
        if self.ending is not None:
            self.ending.destroy()
            self.ending = None
        self.lines.write("kiosk", "end", why)
        self.lines.reset()
        self.to_attract()

    def _clear_screens(self) -> None:
        for name in ("start_screen", "caption", "prompt"):
            widget = getattr(self, name)
            if widget is not None:
                widget.destroy()
                setattr(self, name, None)

    # --- touches --------------------------------------------------------------------------------
    def _pointer(self) -> tuple[float, float] | None:
        watcher = getattr(self.display.base, "mouseWatcherNode", None)
        if watcher is None or not watcher.has_mouse():
            return None
        m = watcher.get_mouse()
        return m.x, m.y

    def _in_corner(self, point: tuple[float, float] | None) -> bool:
        if point is None:
            return False
        x, y = point
        edge = 1 - 2 * CORNER_SHARE
        vertical, horizontal = self.config.operator.corner.split("_")
        return (y > edge if vertical == "top" else y < -edge) and (x < -edge if horizontal == "left" else x > edge)

    def _pressed(self) -> None:
        now = self.clock()
        self.corner_since = now if self._in_corner(self._pointer()) else None
        self.idle.touch(now)
        if self.pad is not None:
            return
        if self.state == "attract":
            self.attract.stop()
            self._leave_scene()
            self.to_start()
        elif self.prompt is not None:
            self.stay()

    def _released(self) -> None:
        self.corner_since = None

    def stay(self) -> None:
        """A touch on the "still there?" prompt: the visit goes on."""
        if self._close_prompt():
            self.lines.write("kiosk", "stay")
        self.idle.touch(self.clock())

    def _close_prompt(self) -> bool:
        if self.prompt is None:
            return False
        self.prompt.destroy()
        self.prompt = None
        return True

    # --- the operator ---------------------------------------------------------------------------
    def open_pad(self) -> None:
        if self.pad is not None:
            return
        self.corner_since = None
        self.pad = PinPad(self.display.overlay, self.aspect, self.status_lines(), on_submit=self._pin_entered,
                          on_cancel=self.close_pad)
        self.lines.write("operator", "pad")

    def _pin_entered(self, pin: str) -> bool:
        operator = self.config.operator
        if pin and pin_matches(pin, operator.salt, operator.pin_sha256):
            self.lines.write("operator", "exit")
            self.display.request_stop()
            return True
        self.lines.write("operator", "refused")
        return False

    def close_pad(self) -> None:
        if self.pad is not None:
            self.pad.destroy()
            self.pad = None
        self.idle.touch(self.clock())

    # --- every frame ------------------------------------------------------------------------------
    def _frame(self, task):
        now = self.clock()
        if self.corner_since is not None and now - self.corner_since >= self.config.operator.hold_s:
            self.open_pad()
        if self.pad is not None:
            if now - self.idle.last_touch >= PAD_IDLE_S:
                self.close_pad()
            return task.cont
        if self.state == "attract":
            self.attract.tick(now)
        elif self.state == "start" and self.idle.state(now)[0] != "active":
            self.to_attract()
        elif self.state == "visit":
            self._visit_timer(now)
        elif self.state == "end":
            self.ending.tick()
            self._visit_timer(now)
        return task.cont

    def _visit_timer(self, now: float) -> None:
        state, seconds = self.idle.state(now)
        if state == "expired":
            self.end_visit("idle")
        elif state == "prompt" and self.prompt is None:
            # the visitor may have switched language during the visit
            lang = self.session.lang if self.session is not None else self.ending.lang if self.ending else self.lang
            self.prompt = IdlePrompt(self.display.overlay, self.aspect, lang, seconds, on_stay=self.stay)
            self.lines.write("kiosk", "prompt", seconds)
        elif state == "prompt":
            self.prompt.show(seconds)
        elif self.prompt is not None:
            self.stay()

    def _report_texts(self) -> None:
        if self.session is None:  # a visit's own F12 reports it
            self.lines.texts(visible_texts(self.display.overlay))

    def close(self) -> None:
        self.display.task_mgr.remove(TASK)
        self.input.ignore_all()
        if self.pad is not None:
            self.pad.destroy()
            self.pad = None
        self._close_session()
        if self.ending is not None:
            self.ending.destroy()
            self.ending = None
        self._clear_screens()
        self.attract.stop()
        self._leave_scene()
