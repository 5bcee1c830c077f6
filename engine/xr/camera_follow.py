"""When the navigated camera has gone somewhere new, pure: the visitor is never carried along a
flight; they are faded across once the camera has come to rest (a tour step that landed at its
viewpoint, a jump to a view), or after MAX_HOLD_S of a long flight or orbit so they are not left
behind. Small corrections (under THRESHOLD_M from where the visitor was last brought) move nobody.
Only the camera's position counts: its heading never turns the visitor.
"""
from __future__ import annotations

import math

THRESHOLD_M = 0.5
STILL_MPS = 0.25  # slower than this the camera counts as at rest
SETTLE_S = 0.3  # ... for this long
MAX_HOLD_S = 4.0


class CameraFollow:
    def __init__(self, threshold_m: float = THRESHOLD_M, settle_s: float = SETTLE_S, max_hold_s: float = MAX_HOLD_S):
        self.threshold_m, self.settle_s, self.max_hold_s = threshold_m, settle_s, max_hold_s
        self.reference: tuple[float, float, float] | None = None  # the camera position last followed
        self._last: tuple[float, float, float] | None = None
        self._still_s = self._held_s = 0.0

    def reset(self, camera) -> None:
        """The visitor has just been placed at `camera`."""
        self.reference = self._last = tuple(float(v) for v in camera)
        self._still_s = self._held_s = 0.0

    def update(self, dt: float, camera) -> tuple[float, float, float] | None:
        """The camera position to fade the visitor to now, or None."""
        camera = tuple(float(v) for v in camera)
        if self.reference is None:
            self.reset(camera)
            return None
        speed = math.dist(camera, self._last) / dt if dt > 0 else 0.0
        self._last = camera
        if math.dist(camera, self.reference) <= self.threshold_m:
            self._still_s = self._held_s = 0.0
            return None
        self._held_s += dt
        self._still_s = self._still_s + dt if speed < STILL_MPS else 0.0
        if self._still_s >= self.settle_s or self._held_s >= self.max_hold_s:
            self.reset(camera)
            return camera
        return None
