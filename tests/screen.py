"""Expected screen positions by plain pinhole arithmetic, independent of Panda3D's lens code."""
from __future__ import annotations

import math

import numpy as np


def expected_screen_point(eye, heading_deg, pitch_deg, vfov_deg, width, height, point):
    heading, pitch = math.radians(heading_deg), math.radians(pitch_deg)
    forward = np.array([-math.sin(heading) * math.cos(pitch), math.cos(heading) * math.cos(pitch), math.sin(pitch)])
    right = np.array([math.cos(heading), math.sin(heading), 0.0])
    up = np.cross(right, forward)
    d = np.asarray(point, dtype=float) - np.asarray(eye, dtype=float)
    depth = d @ forward
    tan_v = math.tan(math.radians(vfov_deg) / 2)
    tan_h = tan_v * width / height
    x = (d @ right) / depth / tan_h
    y = (d @ up) / depth / tan_v
    return (x + 1) / 2 * width, (1 - y) / 2 * height
