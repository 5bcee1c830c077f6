"""A minimal stand-in for engine/display/stereo_rig.py (being written beside engine/xr), with the
agreed API, for the VR tests only until the real one lands: `install()` puts it in its place when
the engine has none, and does nothing once it has."""
from __future__ import annotations

import importlib.util
import math
import sys
import types
from dataclasses import dataclass

from panda3d.core import Camera, PerspectiveLens


@dataclass(frozen=True)
class EyeFov:
    angle_left: float
    angle_right: float
    angle_up: float
    angle_down: float


def lens_for_fov(fov: EyeFov, near: float, far: float) -> PerspectiveLens:
    tl, tr = math.tan(fov.angle_left), math.tan(fov.angle_right)
    tu, td = math.tan(fov.angle_up), math.tan(fov.angle_down)
    lens = PerspectiveLens()
    lens.set_near_far(near, far)
    lens.set_focal_length(1.0)
    lens.set_film_size(tr - tl, tu - td)
    lens.set_film_offset((tr + tl) / 2, (tu + td) / 2)
    return lens


class StereoRig:
    def __init__(self, parent, ipd_m: float = 0.063, fov: EyeFov | None = None, near: float = 0.1,
                 far: float = 1000.0):
        fov = fov or EyeFov(-0.8, 0.8, 0.8, -0.8)
        self.near, self.far = near, far
        self.head = parent.attach_new_node("stereo-head")
        self.eyes = tuple(self.head.attach_new_node(Camera(f"eye-{i}", lens_for_fov(fov, near, far))) for i in range(2))
        for eye, x in zip(self.eyes, (-ipd_m / 2, ipd_m / 2)):
            eye.set_x(x)

    def set_eye_fov(self, i: int, fov: EyeFov) -> None:
        self.eyes[i].node().set_lens(lens_for_fov(fov, self.near, self.far))

    def set_eye_pose(self, i: int, pos, quat) -> None:
        self.eyes[i].set_pos_quat(pos, quat)

    def set_head_pose(self, pos, quat) -> None:
        self.head.set_pos_quat(pos, quat)


def install() -> bool:
    """True when the stand-in went in (the engine has no stereo_rig yet)."""
    if importlib.util.find_spec("engine.display.stereo_rig") is not None:
        return False
    module = types.ModuleType("engine.display.stereo_rig")
    module.EyeFov, module.lens_for_fov, module.StereoRig = EyeFov, lens_for_fov, StereoRig
    sys.modules["engine.display.stereo_rig"] = module
    return True
