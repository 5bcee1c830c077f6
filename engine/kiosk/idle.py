"""The visit's idle timer, on an injected clock (the display's frame time, or a test's): untouched
for `idle_s`, it asks "still there?" for `countdown_s`; a touch keeps the visit, zero ends it.
Pure logic: no Panda3D, no wall clock."""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class IdleTimer:
    idle_s: float
    countdown_s: float
    last_touch: float = 0.0

    def touch(self, now: float) -> None:
        self.last_touch = now

    def state(self, now: float) -> tuple[str, int]:
        """("active", 0), ("prompt", whole seconds left, counting down to 1) or ("expired", 0)."""
        idle = now - self.last_touch
        if idle < self.idle_s:
            return "active", 0
        left = self.idle_s + self.countdown_s - idle
        if left <= 0:
            return "expired", 0
        return "prompt", max(1, math.ceil(left))
