"""Panda3D mouse, touch and key events -> intents (engine.display.input_map) for the visit.

A press and release closer than CLICK_SLOP_PX is a tap; anything more is a drag, applied frame by
frame while the button is down. A press on a widget (DirectGui) is the widget's, not a tap.
Touch screens reach Panda3D as the same mouse1 events, so one code path serves both.
"""
from __future__ import annotations

from panda3d.core import ButtonRegistry

from engine.display.base import Display
from engine.display.input_map import HELD_KEYS, KEY_INTENTS, WHEEL_STEPS, IntentHandler, held_motion

CLICK_SLOP_PX = 6  # a press and release closer than this is a tap, not a drag
MAX_DT_S = 0.1     # a stalled frame must not throw the camera across the scene
TASK = "ludao-pointer"


class PointerInput:
    def __init__(self, display: Display, handler: IntentHandler):
        self.display = display
        self.handler = handler
        self._press: tuple[float, float] | None = None
        self._last: tuple[float, float] | None = None
        registry = ButtonRegistry.ptr()
        self._held = {name: registry.find_button(name) for name in HELD_KEYS}
        base = display.base
        base.accept("mouse1", self._on_press)
        base.accept("mouse1-up", self._on_release)
        for event, steps in WHEEL_STEPS.items():
            base.accept(event, handler.zoom, [steps])
        for key, (intent, args) in KEY_INTENTS.items():
            base.accept(key, self._intent, [intent, args])
        self.watcher = getattr(base, "mouseWatcherNode", None)  # None offscreen: no pointer, no keys
        if self.watcher is not None:
            display.task_mgr.add(self._frame, TASK)

    def _intent(self, intent: str, args: tuple) -> None:
        getattr(self.handler, intent)(*args)

    # --- pointer -------------------------------------------------------------------------------
    def _mouse(self) -> tuple[float, float] | None:
        watcher = self.watcher
        if watcher is None or not watcher.has_mouse():
            return None
        m = watcher.get_mouse()
        return m.x, m.y

    def _to_pixels(self, ndc: tuple[float, float]) -> tuple[float, float]:
        width, height = self.display.size
        return ndc[0] * width / 2, ndc[1] * height / 2

    def _on_press(self) -> None:
        if self.watcher is not None and self.watcher.is_over_region():
            return  # on a button: DirectGui handles it
        self._press = self._last = self._mouse()

    def _on_release(self) -> None:
        press, last, now = self._press, self._last, self._mouse()
        self._press = self._last = None
        if press is None or now is None:
            return
        (px, py), (nx, ny) = self._to_pixels(press), self._to_pixels(now)
        if abs(nx - px) <= CLICK_SLOP_PX and abs(ny - py) <= CLICK_SLOP_PX:
            self.handler.tap(*now)
        else:  # a quick flick can end before the next frame: apply what moved since the last one
            lx, ly = self._to_pixels(last)
            if (nx, ny) != (lx, ly):
                self.handler.drag(nx - lx, ny - ly)

    # --- every frame: drags in progress and held keys -------------------------------------------
    def _frame(self, task):
        now = self._mouse()
        if self._press is not None and now is not None and self._last is not None:
            (lx, ly), (nx, ny) = self._to_pixels(self._last), self._to_pixels(now)
            if (nx, ny) != (lx, ly):
                self.handler.drag(nx - lx, ny - ly)
            self._last = now
        down = self.watcher.is_button_down
        forward, right, up = held_motion({name for name, button in self._held.items() if down(button)})
        if forward or right or up:
            self.handler.move(forward, right, up, min(self.display.frame_dt(), MAX_DT_S))
        return task.cont

    def destroy(self) -> None:
        base = self.display.base
        for event in ["mouse1", "mouse1-up", *WHEEL_STEPS, *KEY_INTENTS]:
            base.ignore(event)
        self.display.task_mgr.remove(TASK)
