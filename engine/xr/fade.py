"""Time-driven levels for comfort, pure: a fade to black and back with a jump in the dark, and a
ramp that follows a target at limited rates (the vignette's strength)."""
from __future__ import annotations

from collections.abc import Callable

FADE_S = 0.2  # each way: long enough to hide the jump, short enough not to feel like a wait


class Fade:
    """0 (clear) -> 1 (black) in `seconds`, `on_dark` called once at black, then back to 0."""

    def __init__(self, seconds: float = FADE_S):
        self.seconds = max(seconds, 1e-3)
        self.level = 0.0
        self._on_dark: Callable[[], None] | None = None
        self._direction = 0  # +1 darkening, -1 clearing, 0 idle

    @property
    def active(self) -> bool:
        return self._direction != 0

    def start(self, on_dark: Callable[[], None]) -> bool:
        """False (and nothing starts) while a fade is already under way."""
        if self.active:
            return False
        self._on_dark, self._direction = on_dark, 1
        return True

    def advance(self, dt: float) -> float:
        step = dt / self.seconds
        if self._direction > 0:
            self.level = min(1.0, self.level + step)
            if self.level >= 1.0:
                on_dark, self._on_dark = self._on_dark, None
                self._direction = -1  # the jump happens in the dark, once, before any clearing
                if on_dark is not None:
                    on_dark()
        elif self._direction < 0:
            self.level = max(0.0, self.level - step)
            if self.level <= 0.0:
                self._direction = 0
        return self.level


class Ramp:
    """A level in 0..1 that moves towards its target at most 1/rise_s per second up, 1/fall_s down."""

    def __init__(self, rise_s: float = 0.1, fall_s: float = 0.3):
        self.rise_s, self.fall_s = max(rise_s, 1e-3), max(fall_s, 1e-3)
        self.level = 0.0

    def advance(self, dt: float, target: float) -> float:
        if target > self.level:
            self.level = min(target, self.level + dt / self.rise_s)
        else:
            self.level = max(target, self.level - dt / self.fall_s)
        return self.level
