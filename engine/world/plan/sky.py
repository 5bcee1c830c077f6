"""The sky's colours, the sun's direction and the dome's mesh for a time of day (pure numbers;
engine.world.nodes.sky applies them to the dome, the lights and the haze).

The sun follows a simple day arc (rises in the east at 6, highest in the south at noon, sets in
the west at 18); colours warm towards sunrise and sunset.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.world.plan.mesh import Mesh

DOME_RADIUS = 4000.0


@dataclass(frozen=True)
class SkyColours:
    zenith: tuple
    horizon: tuple
    sun: tuple
    ambient: tuple
    sun_dir: tuple  # unit vector the light travels along (from the sun towards the ground)
    elevation_deg: float
    # The sky's light on the side away from the sun: a second, weak directional light from the
    # opposite azimuth, a little above the horizon (fixed-function has no hemisphere light).
    fill: tuple = (0.0, 0.0, 0.0)
    fill_dir: tuple = (0.0, 0.0, -1.0)


def _mix(a, b, t):
    return tuple(float(x + (y - x) * t) for x, y in zip(a, b))


def sky_colours(hour: float, haze: float) -> SkyColours:
    day = (hour - 6.0) / 12.0  # 0 at sunrise, 1 at sunset
    elevation = math.degrees(math.asin(max(-0.2, math.sin(math.pi * day)) * math.sin(math.radians(72))))
    azimuth = 90.0 + 180.0 * min(max(day, -0.1), 1.1)  # degrees clockwise from north: E -> S -> W
    daylight = max(0.0, min(1.0, (elevation + 4) / 20))
    golden = max(0.0, 1.0 - abs(elevation - 6) / 14) if elevation > -4 else 0.0
    night_zenith, day_zenith = (0.02, 0.03, 0.08), (0.22, 0.45, 0.78)
    zenith = _mix(night_zenith, day_zenith, daylight)
    horizon = _mix((0.06, 0.07, 0.12), _mix((0.70, 0.82, 0.92), (0.95, 0.72, 0.50), golden), daylight)
    horizon = _mix(horizon, (0.85, 0.86, 0.88), haze * 0.3 * daylight)
    # Sun plus ambient plus fill stays near 1.0-1.2 on sunlit ground at noon, so lit surfaces keep
    # the colours authors chose. Ambient and the sky's fill are larger than before (0.46 alone) so
    # a wall facing away from the sun keeps about 0.8 of its colour instead of going grey.
    sun = _mix((0.12, 0.12, 0.18), _mix((0.66, 0.63, 0.57), (0.78, 0.56, 0.36), golden), daylight)
    ambient = _mix((0.10, 0.11, 0.16), (0.52, 0.53, 0.56), daylight)
    fill = _mix((0.02, 0.02, 0.04), (0.24, 0.27, 0.32), daylight)  # bluish: the light of the open sky
    el, az = math.radians(max(elevation, 3.0)), math.radians(azimuth)
    towards_sun = (math.sin(az) * math.cos(el), math.cos(az) * math.cos(el), math.sin(el))
    fel, faz = math.radians(25.0), az + math.pi
    towards_fill = (math.sin(faz) * math.cos(fel), math.cos(faz) * math.cos(fel), math.sin(fel))
    return SkyColours(zenith, horizon, sun, ambient, tuple(-c for c in towards_sun), elevation,
                      fill, tuple(-c for c in towards_fill))


def _dome_shell(rings: int = 16, segments: int = 24) -> tuple[np.ndarray, np.ndarray]:
    """A UV sphere of DOME_RADIUS with its faces turned inwards (it is seen from inside)."""
    theta = np.linspace(0.0, np.pi, rings + 1)  # from the zenith down
    phi = np.linspace(0.0, 2 * np.pi, segments + 1)
    t, p = np.meshgrid(theta, phi, indexing="ij")
    verts = np.stack([np.sin(t) * np.cos(p), np.sin(t) * np.sin(p), np.cos(t)], axis=-1).reshape(-1, 3) * DOME_RADIUS
    idx = np.arange((rings + 1) * (segments + 1)).reshape(rings + 1, segments + 1)
    a, b, c, d = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel(), idx[1:, :-1].ravel(), idx[1:, 1:].ravel()
    outward = np.concatenate([np.stack([a, c, d], -1), np.stack([a, d, b], -1)])
    return verts, outward[:, ::-1]


_SHELL = _dome_shell()


def dome_mesh(colours: SkyColours) -> Mesh:
    """The dome, horizon colour at and below the horizon blending to the zenith colour overhead."""
    verts, faces = _SHELL
    up = np.clip(verts[:, 2] / DOME_RADIUS, 0, 1) ** 0.5
    rgb = np.array(colours.horizon)[None] * (1 - up[:, None]) + np.array(colours.zenith)[None] * up[:, None]
    rgba = np.concatenate([rgb, np.ones((len(verts), 1))], axis=1)
    return Mesh(verts, -verts / DOME_RADIUS, rgba, faces)
