"""Smooth, comfortable camera moves: flights, orbits and turns that start and end at rest.

Every move starts and ends with zero velocity, so consecutive moves join with continuous position
and velocity. Easing only chooses where along the move the speed peaks. Flights are lifted over
terrain and landmarks (the world's clearance floor), and a move that would turn the view faster
than the comfort limit is lengthened until it does not.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

COMFORT_DEG_PER_S = 40.0  # peak yaw/pitch rate a seated visitor finds comfortable
SAMPLES = 256

# (accelerating fraction, decelerating fraction) of each easing's speed profile
RAMPS = {"ease_in_out": (0.5, 0.5), "linear": (0.15, 0.15), "ease_in": (0.65, 0.2), "ease_out": (0.2, 0.65)}


def _profile_table(easing: str) -> np.ndarray:
    """Progress 0..1 over normalised time, from a speed that rises and falls on cosine ramps."""
    up, down = RAMPS[easing]
    t = np.linspace(0.0, 1.0, 2001)
    speed = np.ones_like(t)
    rising = t < up
    speed[rising] = 0.5 - 0.5 * np.cos(np.pi * t[rising] / up)
    falling = t > 1 - down
    speed[falling] = 0.5 - 0.5 * np.cos(np.pi * (1 - t[falling]) / down)
    progress = np.concatenate([[0.0], np.cumsum((speed[1:] + speed[:-1]) / 2 * np.diff(t))])
    return progress / progress[-1]


_TABLES = {name: _profile_table(name) for name in RAMPS}


def ease(easing: str, u: float) -> float:
    table = _TABLES[easing]
    return float(np.interp(min(max(u, 0.0), 1.0), np.linspace(0.0, 1.0, len(table)), table))


def wrap_deg(angle: float) -> float:
    return (angle + 180.0) % 360.0 - 180.0


def facing(pos, target) -> tuple[float, float]:
    """(heading, pitch) in degrees for an eye at pos looking at target (heading 0 = north, CCW+)."""
    d = np.asarray(target, dtype=float) - np.asarray(pos, dtype=float)
    heading = math.degrees(math.atan2(-d[0], d[1]))
    pitch = math.degrees(math.atan2(d[2], math.hypot(d[0], d[1])))
    return heading, pitch


def ahead(heading: float, pitch: float) -> tuple[float, float, float]:
    """The unit vector an eye with this (heading, pitch) in degrees looks along: `facing`'s inverse."""
    h, p = math.radians(heading), math.radians(pitch)
    return -math.sin(h) * math.cos(p), math.cos(h) * math.cos(p), math.sin(p)


@dataclass
class Pose:
    pos: np.ndarray  # east, north, up metres
    heading: float
    pitch: float

    def as_tuple(self):
        return (tuple(float(v) for v in self.pos), (float(self.heading), float(self.pitch), 0.0))


@dataclass
class Move:
    """A camera move: pose_at(seconds since start) for 0 <= t <= duration."""

    duration: float
    pose_at: Callable[[float], Pose]
    lengthened_from: float | None = None  # set when the comfort limit stretched the authored time

    @property
    def end(self) -> Pose:
        return self.pose_at(self.duration)


def _peak_turn_rate(pose_at: Callable[[float], Pose], duration: float) -> float:
    ts = np.linspace(0.0, duration, SAMPLES)
    poses = [pose_at(t) for t in ts]
    dh = np.array([wrap_deg(b.heading - a.heading) for a, b in zip(poses, poses[1:])])
    dp = np.array([b.pitch - a.pitch for a, b in zip(poses, poses[1:])])
    return float(np.max(np.hypot(dh, dp)) / (ts[1] - ts[0])) if len(ts) > 1 else 0.0


def comfortable(make: Callable[[float], Callable[[float], Pose]], duration: float) -> Move:
    """Build the move; if it turns faster than the comfort limit, stretch it in time until it doesn't."""
    authored = duration
    for _ in range(8):
        pose_at = make(duration)
        rate = _peak_turn_rate(pose_at, duration)
        if rate <= COMFORT_DEG_PER_S:
            break
        duration *= rate / COMFORT_DEG_PER_S * 1.05
    return Move(duration, pose_at, authored if duration != authored else None)


def fly(start: Pose, end_pos, look_target, floor: Callable, duration: float, easing: str,
        end_orientation: tuple[float, float] | None = None) -> Move:
    """From `start` to `end_pos`, arcing over anything below the clearance floor.

    Looks at `look_target` along the way; when `end_orientation` (heading, pitch) is given the view
    turns to it instead, in step with the flight."""
    p0, p1 = np.asarray(start.pos, float), np.asarray(end_pos, float)
    s = np.linspace(0.0, 1.0, SAMPLES)
    line = p0[None] + (p1 - p0)[None] * s[:, None]
    need = np.array([floor(x, y) for x, y in line[:, :2]]) - line[:, 2]
    bump = np.sin(np.pi * s)
    inner = (s > 0.02) & (s < 0.98)
    lift = float(np.max(np.where(inner & (need > 0), need / np.maximum(bump, 1e-3), 0.0)))
    lift = min(lift, np.linalg.norm(p1 - p0) + 200.0)

    def position(u: float) -> np.ndarray:
        p = p0 + (p1 - p0) * u + np.array([0.0, 0.0, lift * math.sin(math.pi * u)])
        p[2] = max(p[2], floor(p[0], p[1]))  # never below the floor, even at the very ends
        return p

    start_h, start_p = start.heading, start.pitch

    def make(length: float):
        def pose_at(t: float) -> Pose:
            u = ease(easing, t / length)
            pos = position(u)
            if end_orientation is not None:
                h = start_h + wrap_deg(end_orientation[0] - start_h) * u
                p = start_p + (end_orientation[1] - start_p) * u
            else:
                th, tp = facing(pos, look_target) if np.linalg.norm(np.asarray(look_target) - pos) > 1.0 else (start_h, start_p)
                # blend from the starting view into looking at the target over the first third
                w = ease("ease_in_out", min(u * 3.0, 1.0))
                h = start_h + wrap_deg(th - start_h) * w
                p = start_p + (tp - start_p) * w
            return Pose(pos, wrap_deg(h), p)
        return pose_at

    return comfortable(make, duration)


def orbit(start: Pose, centre, angle_deg: float, floor: Callable, duration: float) -> Move:
    """Circle around `centre` by `angle_deg` (positive: anticlockwise seen from above), facing it."""
    c = np.asarray(centre, float)
    offset = np.asarray(start.pos, float) - c
    radius = max(math.hypot(offset[0], offset[1]), 5.0)
    a0 = math.atan2(offset[1], offset[0])
    z = float(start.pos[2])
    start_h, start_p = start.heading, start.pitch

    def make(length: float):
        def pose_at(t: float) -> Pose:
            u = ease("ease_in_out", t / length)
            a = a0 + math.radians(angle_deg) * u
            pos = np.array([c[0] + radius * math.cos(a), c[1] + radius * math.sin(a), z])
            pos[2] = max(pos[2], floor(pos[0], pos[1]))
            th, tp = facing(pos, c)
            w = ease("ease_in_out", min(u * 4.0, 1.0))
            return Pose(pos, wrap_deg(start_h + wrap_deg(th - start_h) * w), start_p + (tp - start_p) * w)
        return pose_at

    return comfortable(make, duration)


def turn(start: Pose, target, duration: float) -> Move:
    """Stand still and turn to face `target`."""
    th, tp = facing(start.pos, target)
    start_h, start_p = start.heading, start.pitch

    def make(length: float):
        def pose_at(t: float) -> Pose:
            u = ease("ease_in_out", t / length)
            return Pose(np.asarray(start.pos, float), wrap_deg(start_h + wrap_deg(th - start_h) * u),
                        start_p + (tp - start_p) * u)
        return pose_at

    return comfortable(make, duration)
