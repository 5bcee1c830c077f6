"""Snap turn from a thumbstick, pure: a flick left or right past PRESS turns once by a fixed angle;
the stick must come back inside RELEASE before it turns again (no repeat while held)."""
from __future__ import annotations

PRESS = 0.7
RELEASE = 0.3


class SnapTurn:
    def __init__(self, degrees: float = 30.0):
        self.degrees = float(degrees)
        self._armed: dict[str, bool] = {}

    def update(self, hand: str, stick: tuple[float, float]) -> float:
        """Degrees to turn now (Panda3D heading: positive turns left), 0 most frames."""
        x, y = stick
        if max(abs(x), abs(y)) < RELEASE:
            self._armed[hand] = True
            return 0.0
        if self.degrees and self._armed.get(hand, True) and abs(x) >= PRESS and abs(x) > abs(y):
            self._armed[hand] = False
            return -self.degrees if x > 0 else self.degrees  # stick right: turn right (heading down)
        return 0.0

    def disarm(self, hand: str) -> None:
        """The stick is busy with something else (teleport) until it comes back to the centre."""
        self._armed[hand] = False
