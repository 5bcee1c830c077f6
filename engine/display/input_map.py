"""Intents: what a visitor asks for, whatever the device. Keys map to them in one table.

A pointer (mouse, finger) gives tap/drag/zoom (engine.display.pointer); keys give the rest. A VR
controller's ray or a gaze (engine.xr.pointing) picks what it points at itself and raises `pick`;
a kiosk's touch gestures later raise the same intents, so the visit never changes.
"""
from __future__ import annotations

from typing import Protocol


class IntentHandler(Protocol):
    """What the visit (engine.play.session.PlaySession) answers to."""

    def tap(self, x_ndc: float, y_ndc: float) -> None: ...        # -1..1 across, -1..1 up
    def pick(self, kind: str, item: str) -> None: ...               # a pin or collectible pointed at in 3D
    def drag(self, dx_px: float, dy_px: float) -> None: ...
    def zoom(self, steps: float) -> None: ...                       # positive: closer
    def move(self, forward: float, right: float, up: float, dt: float) -> None: ...  # each -1..1
    def set_mode(self, mode: str) -> None: ...                      # orbit / walk / fly
    def next_view(self) -> None: ...
    def toggle_language(self) -> None: ...
    def close_card(self) -> None: ...
    def reset(self) -> None: ...
    def report_texts(self) -> None: ...                             # print what text is on screen


# Panda3D key event -> (intent, arguments)
KEY_INTENTS: dict[str, tuple[str, tuple]] = {
    "1": ("set_mode", ("orbit",)),
    "2": ("set_mode", ("walk",)),
    "3": ("set_mode", ("fly",)),
    "v": ("next_view", ()),
    "l": ("toggle_language", ()),
    "escape": ("close_card", ()),
    "home": ("reset", ()),          # staff at a kiosk keyboard; the kiosk's idle timer calls reset() itself
    "f12": ("report_texts", ()),    # tests and translators: which texts are visible now
}

# Keys held down -> (forward, right, up) each frame; opposite keys cancel, an axis never exceeds 1.
HELD_KEYS: dict[str, tuple[int, int, int]] = {
    "w": (1, 0, 0), "arrow_up": (1, 0, 0),
    "s": (-1, 0, 0), "arrow_down": (-1, 0, 0),
    "d": (0, 1, 0), "arrow_right": (0, 1, 0),
    "a": (0, -1, 0), "arrow_left": (0, -1, 0),
    "e": (0, 0, 1), "q": (0, 0, -1),
}

WHEEL_STEPS = {"wheel_up": 1, "wheel_down": -1}


def held_motion(pressed: set[str]) -> tuple[int, int, int]:
    """The motion of the keys held now: the W and up arrow together are still one step forward."""
    axes = [0, 0, 0]
    for axis in range(3):
        plus = any(HELD_KEYS[k][axis] > 0 for k in pressed if k in HELD_KEYS)
        minus = any(HELD_KEYS[k][axis] < 0 for k in pressed if k in HELD_KEYS)
        axes[axis] = int(plus) - int(minus)
    return axes[0], axes[1], axes[2]
