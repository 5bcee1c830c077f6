"""Crowds moving along a route (marathon runners, walkers): thousands of people as one mesh per
level of detail, moved every frame by array arithmetic, never a node per person.

A crowd is a route (a polyline sampled every metre or two, with its heights) and, per person, a
start along it, a speed and a sideways offset. At time t each person is at (start + speed * t)
along the route, wrapped round, so a crowd keeps moving for ever. Pure numpy: the node stage
(engine.world.nodes.crowds) copies the positions into vertex arrays, around the figures of
engine.world.plan.crowd_figures.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


SAMPLE_M = 2.0
NEAR_M = 250.0  # people nearer than this to the camera get the detailed figure, the rest a cheap one
NEAR_MAX = 800  # ... at most this many (the nearest): the detailed batch has room for no more
SHIRTS = np.array([[0.85, 0.20, 0.18], [0.95, 0.85, 0.25], [0.15, 0.45, 0.80], [0.95, 0.95, 0.95],
                   [0.20, 0.65, 0.35], [0.95, 0.50, 0.15]])


@dataclass
class CrowdPlan:
    name: str
    route: np.ndarray  # (M, 3) points along the route, every ~SAMPLE_M, in scene metres
    along: np.ndarray  # (M,) distance of each point from the route's start
    start: np.ndarray  # (N,) metres along the route at t = 0
    speed: np.ndarray  # (N,) metres per second
    side: np.ndarray  # (N,) metres right of the centre line
    colours: np.ndarray  # (N, 4) each person's shirt
    loop: bool = True

    @property
    def count(self) -> int:
        return len(self.start)

    @property
    def length(self) -> float:
        return float(self.along[-1])

    def positions(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """(N, 3) where each person stands at time t, and (N, 2) the unit direction they face."""
        s = (self.start + self.speed * t) % self.length if self.loop else np.clip(self.start + self.speed * t, 0,
                                                                                  self.length)
        i = np.clip(np.searchsorted(self.along, s, side="right") - 1, 0, len(self.along) - 2)
        seg = self.route[i + 1] - self.route[i]
        seg_len = np.maximum(self.along[i + 1] - self.along[i], 1e-9)
        f = ((s - self.along[i]) / seg_len)[:, None]
        pos = self.route[i] + seg * f
        direction = seg[:, :2] / np.maximum(np.linalg.norm(seg[:, :2], axis=1, keepdims=True), 1e-9)
        right = np.stack([direction[:, 1], -direction[:, 0]], axis=1)
        pos[:, :2] += right * self.side[:, None]
        return pos, direction


def sample_route(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A polyline (K, 3) resampled every ~SAMPLE_M (heights interpolated along it), and the
    distance of each sample from the start."""
    seg = np.linalg.norm(np.diff(points[:, :2], axis=0), axis=1)
    along = np.concatenate([[0.0], np.cumsum(seg)])
    s = np.linspace(0.0, along[-1], max(int(along[-1] / SAMPLE_M), 1) + 1)
    return np.column_stack([np.interp(s, along, points[:, k]) for k in range(3)]), s


def plan_crowd(name: str, points: np.ndarray, count: int, speed_mps: tuple[float, float], width_m: float,
               seed: int, *, sides: bool = False) -> CrowdPlan:
    """People along a route of (K, 3) points (the surface they walk on), spread over its width, or
    along its two sides (spectators, spread evenly along it)."""
    route, along = sample_route(np.asarray(points, dtype=np.float64))
    rng = np.random.default_rng(seed)
    # bunched like a race: most people in a pack, a few stretched out ahead and behind
    start = (rng.beta(2.0, 2.0, count) * along[-1]).astype(np.float64)
    speed = rng.uniform(speed_mps[0], speed_mps[1], count)
    side = rng.uniform(-0.42, 0.42, count) * width_m
    if sides:
        start = rng.uniform(0.0, along[-1], count)
        side = np.where(rng.random(count) < 0.5, -1.0, 1.0) * (width_m / 2 + rng.uniform(0.8, 3.5, count))
    shirts = SHIRTS[rng.integers(0, len(SHIRTS), count)] * rng.uniform(0.85, 1.0, (count, 1))
    colours = np.column_stack([shirts, np.ones(count)])
    return CrowdPlan(name, route, along, start, speed, side, colours)
