"""Where the skyline towers stand, and the footprints of those inside the scene square (beyond
it no tour flies, and there is no ground). Numpy only: the facts path reads it without trimesh."""
from __future__ import annotations

import math

import numpy as np

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest, SkylineTower


def position(tower: SkylineTower, proj: LocalProjection) -> tuple[float, float]:
    x, y, _ = proj.to_local(tower.lat, tower.lon)
    return x, y


def skyline_footprints(scene: SceneManifest, proj: LocalProjection) -> np.ndarray:
    """(x, y, radius, top) of the skyline towers inside the scene square."""
    out = []
    for tower in scene.skyline:
        x, y = position(tower, proj)
        if max(abs(x), abs(y)) <= scene.extent_m:
            w, d, h = tower.size_m
            out.append((x, y, math.hypot(w, d) / 2, tower.base_m + h))
    return np.array(out, dtype=np.float64).reshape(-1, 4)
