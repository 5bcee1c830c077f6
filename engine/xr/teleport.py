"""Teleport aiming, pure: a thumbstick pushed forward shows an arc from the controller's aim pose;
letting the stick go lands there (when the landing is valid). The arc is a projectile's parabola
sampled every STEP_S, stopped where it meets the surface (engine.xr.landing: ground, water, roofs).

Why the thumbstick and not select: select belongs to pointing (a pin's card, a quiz's answer), so a
teleport never fires by accident when a visitor points at something; the stick is the common
"push forward to aim, release to jump" of VR products.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine.xr.landing import Terrain

GRAVITY = 9.81
SPEED_MPS = 12.0  # launch speed: about 15 m away when aimed 45 degrees up from standing height
STEP_S = 0.04
MAX_STEPS = 90  # 3.6 s of flight: an arc aimed at the sky ends nowhere
PRESS = 0.7  # stick forward past this starts aiming
RELEASE = 0.3  # ... and back inside this lets go
WALL_M = 0.5  # the surface this far above the arc where they cross: a wall, not a slope


@dataclass
class Arc:
    points: list[tuple[float, float, float]] = field(default_factory=list)  # scene metres, origin first
    landing: tuple[float, float, float] | None = None  # where it meets the surface (None: nowhere)
    fault: str = "nowhere"  # '' when the landing is a place to stand (engine.xr.landing.Terrain.fault)

    @property
    def valid(self) -> bool:
        return self.landing is not None and not self.fault


def cast_arc(origin, direction, terrain: Terrain, speed_mps: float = SPEED_MPS) -> Arc:
    """The parabola from `origin` along `direction` (scene metres, need not be unit length)."""
    o = np.asarray(origin, dtype=np.float64)
    d = np.asarray(direction, dtype=np.float64)
    d = d / (np.linalg.norm(d) or 1.0)
    t = np.arange(MAX_STEPS + 1) * STEP_S
    pts = o[None, :] + d[None, :] * speed_mps * t[:, None]
    pts[:, 2] -= 0.5 * GRAVITY * t * t
    gap = pts[:, 2] - terrain.surface_at(pts[:, 0], pts[:, 1])  # above the surface while > 0
    below = np.flatnonzero(gap[1:] <= 0)
    if not len(below):
        return Arc([tuple(p) for p in pts])
    i = int(below[0]) + 1  # the first sample at or under the surface
    a = gap[i - 1] / (gap[i - 1] - gap[i]) if gap[i - 1] > 0 else 0.0
    x, y, z = pts[i - 1] + a * (pts[i] - pts[i - 1])
    if terrain.surface_at(x, y)[0] > z + WALL_M:  # it met a wall (a footprint's side): it lands inside
        x, y = pts[i, :2]
    landing = (float(x), float(y), float(terrain.surface_at(x, y)[0]))
    return Arc([tuple(p) for p in pts[:i]] + [landing], landing, terrain.fault(landing[0], landing[1]))


class TeleportAim:
    """The sticks of both hands, one aiming at a time: `update` gives 'aim' while that hand's stick is
    held forward, 'release' the frame it is let go, '' otherwise."""

    def __init__(self):
        self.aiming: str | None = None  # the hand that aims

    def update(self, hand: str, stick: tuple[float, float]) -> str:
        x, y = stick
        if self.aiming == hand:
            if y < RELEASE:
                self.aiming = None
                return "release"
            return "aim"
        if self.aiming is None and y >= PRESS and y > abs(x):
            self.aiming = hand
            return "aim"
        return ""

    def cancel(self) -> None:
        self.aiming = None
