"""Free navigation: orbit around a point, walk at eye height, or fly; the same moves serve mouse,
keyboard and touch-style drags. Pure arithmetic on the camera rig plus the ground heightfield, so
it is tested without a window.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from panda3d.core import Vec3

from engine.display.camera_rig import CameraRig
from engine.world.plan.heightfield import Heightfield

EYE_HEIGHT_M = 1.7
MIN_CLEARANCE_M = 2.0  # orbit and fly never take the eye closer than this to the ground
MODES = ("orbit", "walk", "fly")


@dataclass
class NavigationSpeeds:
    degrees_per_pixel: float = 0.25
    walk_mps: float = 4.0
    fly_mps: float = 60.0
    zoom_step: float = 0.85  # each wheel step multiplies the orbit distance by this


class Navigator:
    def __init__(self, rig: CameraRig, ground: Heightfield, limit_m: float, speeds: NavigationSpeeds | None = None):
        self.rig = rig
        self.ground = ground
        self.limit = limit_m
        self.speeds = speeds or NavigationSpeeds()
        self.mode = "orbit"
        self.pivot = Vec3(0, 0, 0)

    # --- modes -------------------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown navigation mode '{mode}'")
        self.mode = mode
        if mode == "walk":
            pos = self.rig.position
            self.rig.set_pose(self._clamped(pos.x, pos.y, None, EYE_HEIGHT_M), self.rig.heading, 0)
        elif mode == "orbit":
            self.pivot = self._point_ahead()

    def orbit_around(self, pivot) -> None:
        self.pivot = Vec3(*pivot)
        self.mode = "orbit"
        self.rig.look_from(self.rig.position, self.pivot)

    # --- input-independent moves ---------------------------------------------------------------
    def drag(self, dx_pixels: float, dy_pixels: float) -> None:
        """A mouse or finger drag: orbit turns around the pivot; walk and fly turn the head."""
        dh = -dx_pixels * self.speeds.degrees_per_pixel
        dp = dy_pixels * self.speeds.degrees_per_pixel
        if self.mode == "orbit":
            offset = self.rig.position - self.pivot
            distance = max(offset.length(), 1.0)
            heading = self.rig.heading + dh
            pitch = max(-85.0, min(-3.0, self.rig.pitch + dp))
            self._place_orbit(heading, pitch, distance)
        else:
            pitch = max(-85.0, min(85.0, self.rig.pitch + dp))
            self.rig.set_pose(self.rig.position, self.rig.heading + dh, pitch)

    def zoom(self, steps: float) -> None:
        """The wheel or a zoom button: closer to the pivot (positive steps) or further away."""
        if self.mode == "orbit":
            distance = (self.rig.position - self.pivot).length() * self.speeds.zoom_step ** steps
            self._place_orbit(self.rig.heading, self.rig.pitch, max(5.0, min(distance, self.limit * 2.5)))
        else:
            self.move(steps * 2.0, 0, 0, 1.0)

    def move(self, forward: float, right: float, up: float, dt: float) -> None:
        """Keyboard motion, each axis -1..1, for dt seconds."""
        speed = self.speeds.walk_mps if self.mode == "walk" else self.speeds.fly_mps
        h = math.radians(self.rig.heading)
        if self.mode == "fly":
            p = math.radians(self.rig.pitch)
            ahead = Vec3(-math.sin(h) * math.cos(p), math.cos(h) * math.cos(p), math.sin(p))
        else:
            ahead = Vec3(-math.sin(h), math.cos(h), 0)
        side = Vec3(math.cos(h), math.sin(h), 0)
        step = (ahead * forward + side * right + Vec3(0, 0, up)) * speed * dt
        if self.mode == "orbit":
            self.pivot += Vec3(step.x, step.y, 0)
        pos = self.rig.position + step
        if self.mode == "walk":
            self.rig.set_pose(self._clamped(pos.x, pos.y, None, EYE_HEIGHT_M), self.rig.heading, self.rig.pitch)
        else:
            self.rig.set_pose(self._clamped(pos.x, pos.y, pos.z, MIN_CLEARANCE_M), self.rig.heading, self.rig.pitch)

    # --- helpers -------------------------------------------------------------------------------
    def _place_orbit(self, heading: float, pitch: float, distance: float) -> None:
        h, p = math.radians(heading), math.radians(pitch)
        forward = Vec3(-math.sin(h) * math.cos(p), math.cos(h) * math.cos(p), math.sin(p))
        pos = self.pivot - forward * distance
        pos = self._clamped(pos.x, pos.y, pos.z, MIN_CLEARANCE_M)
        self.rig.look_from(pos, self.pivot)

    def _point_ahead(self) -> Vec3:
        """The ground point the eye looks at (or a point 200 m ahead when looking at the sky)."""
        h, p = math.radians(self.rig.heading), math.radians(min(self.rig.pitch, -5.0))
        pos = self.rig.position
        distance = min(max(pos.z, 10.0) / math.tan(-p), 2000.0)
        x, y = pos.x - math.sin(h) * distance, pos.y + math.cos(h) * distance
        return Vec3(x, y, float(self.ground.height_at(x, y)))

    def _clamped(self, x: float, y: float, z: float | None, clearance: float) -> Vec3:
        """Inside the scene, and never below the ground plus `clearance` (or the water surface)."""
        x = max(-self.limit, min(self.limit, x))
        y = max(-self.limit, min(self.limit, y))
        floor = max(float(self.ground.height_at(x, y)), 0.0) + clearance
        return Vec3(x, y, floor if z is None else max(z, floor))
