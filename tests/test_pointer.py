"""Pointer and keys -> intents, without a window: a fake mouse watcher stands in for Panda3D's."""
from __future__ import annotations

from types import SimpleNamespace

from engine.display.pointer import CLICK_SLOP_PX, PointerInput

SIZE = (640, 360)


class FakeWatcher:
    def __init__(self):
        self.mouse = (0.0, 0.0)
        self.over_widget = False
        self.down: set[str] = set()

    def has_mouse(self):
        return self.mouse is not None

    def get_mouse(self):
        return SimpleNamespace(x=self.mouse[0], y=self.mouse[1])

    def is_over_region(self):
        return self.over_widget

    def is_button_down(self, button):
        return button.get_name() in self.down


class FakeBase:
    def __init__(self):
        self.mouseWatcherNode = FakeWatcher()
        self.events: dict[str, tuple] = {}

    def accept(self, event, method, extra=()):
        self.events[event] = (method, list(extra))

    def ignore(self, event):
        self.events.pop(event, None)

    def send(self, event):
        method, extra = self.events[event]
        method(*extra)


class FakeDisplay:
    def __init__(self):
        self.base = FakeBase()
        self.size = SIZE
        self.tasks = {}
        self.task_mgr = SimpleNamespace(add=lambda f, name: self.tasks.__setitem__(name, f),
                                        remove=lambda name: self.tasks.pop(name, None))

    def frame_dt(self):
        return 0.5  # a stalled frame: moves are capped at 0.1 s

    def frame(self):
        for task in list(self.tasks.values()):
            task(SimpleNamespace(cont=1))


class Recorder:
    def __init__(self):
        self.intents = []

    def __getattr__(self, name):
        return lambda *args: self.intents.append((name, *args))


def px_to_ndc(dx_px: float) -> float:
    return dx_px * 2 / SIZE[0]


def setup():
    display, handler = FakeDisplay(), Recorder()
    return display, handler, PointerInput(display, handler), display.base.mouseWatcherNode


def test_a_press_and_release_within_the_slop_is_a_tap():
    display, handler, _, watcher = setup()
    watcher.mouse = (0.25, -0.5)
    display.base.send("mouse1")
    watcher.mouse = (0.25 + px_to_ndc(CLICK_SLOP_PX - 1), -0.5)
    display.base.send("mouse1-up")
    assert handler.intents == [("tap", 0.25 + px_to_ndc(CLICK_SLOP_PX - 1), -0.5)]


def test_a_longer_move_is_a_drag_frame_by_frame_and_no_tap():
    display, handler, _, watcher = setup()
    display.base.send("mouse1")
    watcher.mouse = (px_to_ndc(20), 0.0)
    display.frame()
    watcher.mouse = (px_to_ndc(30), 0.0)
    display.base.send("mouse1-up")  # released before the next frame: the rest of the move still counts
    assert handler.intents == [("drag", 20.0, 0.0), ("drag", 10.0, 0.0)]


def test_a_press_on_a_widget_is_the_widgets():
    display, handler, _, watcher = setup()
    watcher.over_widget = True
    display.base.send("mouse1")
    display.base.send("mouse1-up")
    assert handler.intents == []


def test_keys_and_the_wheel_raise_intents_and_held_keys_move():
    display, handler, pointer, watcher = setup()
    for event in ("l", "2", "escape", "wheel_down"):
        display.base.send(event)
    watcher.down = {"w", "arrow_up", "q"}
    display.frame()
    assert handler.intents == [("toggle_language",), ("set_mode", "walk"), ("close_card",), ("zoom", -1),
                               ("move", 1, 0, -1, 0.1)]
    pointer.destroy()
    assert display.base.events == {} and display.tasks == {}
