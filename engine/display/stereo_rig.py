"""Two eye cameras on a head: stereo side by side on a screen, and the views an OpenXR runtime asks for.

    parent  (the mono camera node the CameraRig carries: navigation and tours move it unchanged)
     └ head  (the headset's pose relative to the parent; identity on a screen)
        ├ left eye   (x = -ipd/2, or the pose the runtime gives for view 0)
        └ right eye  (x = +ipd/2, or the pose the runtime gives for view 1)

Panda3D coordinates throughout: X right, Y forward, Z up. An eye's field of view is an `EyeFov`, four
angles exactly as OpenXR's XrFovf, so a runtime's per-view FOV goes in unchanged; `lens_for_fov` turns
it into a Panda3D lens (asymmetric frustums included: headsets' eyes look a little outwards).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from panda3d.core import Camera, NodePath, PerspectiveLens, Quat

DEFAULT_IPD_M = 0.063  # an adult's median interpupillary distance, about 63 mm


@dataclass(frozen=True)
class EyeFov:
    """Angles in radians from the eye's forward axis to each edge of its view, as OpenXR's XrFovf:
    left and down are negative for a view that contains the forward axis."""
    angle_left: float
    angle_right: float
    angle_up: float
    angle_down: float

    def __post_init__(self):
        if not (self.angle_left < self.angle_right and self.angle_down < self.angle_up):
            raise ValueError(f"an empty field of view: {self}")
        if max(abs(a) for a in (self.angle_left, self.angle_right, self.angle_up, self.angle_down)) >= math.pi / 2:
            raise ValueError(f"a field of view edge at or past 90 degrees from forward: {self}")

    @classmethod
    def symmetric(cls, h_fov_deg: float, aspect: float) -> "EyeFov":
        """A centred view `h_fov_deg` wide, its height from `aspect` (width / height) as on a flat screen."""
        half_w = math.radians(h_fov_deg) / 2
        half_h = math.atan(math.tan(half_w) / aspect)
        return cls(-half_w, half_w, half_h, -half_h)

    @classmethod
    def from_vertical(cls, v_fov_deg: float, aspect: float) -> "EyeFov":
        """A centred view `v_fov_deg` high (a viewpoint's fov_deg), its width from `aspect`."""
        half_h = math.radians(v_fov_deg) / 2
        return cls.symmetric(2 * math.degrees(math.atan(math.tan(half_h) * aspect)), aspect)

    @property
    def tangents(self) -> tuple[float, float, float, float]:
        """tan of (left, right, up, down): where each edge crosses the plane one metre ahead."""
        return (math.tan(self.angle_left), math.tan(self.angle_right),
                math.tan(self.angle_up), math.tan(self.angle_down))


def lens_for_fov(fov: EyeFov, near: float, far: float) -> PerspectiveLens:
    """A lens whose film spans exactly the FOV's edges: with focal length 1 the film is the plane one
    metre ahead, so its size is the span of the tangents and its offset their middle."""
    lens = PerspectiveLens()
    _fit_lens(lens, fov)
    lens.set_near_far(near, far)
    return lens


def _fit_lens(lens: PerspectiveLens, fov: EyeFov) -> None:
    tl, tr, tu, td = fov.tangents
    lens.set_film_size(tr - tl, tu - td)
    lens.set_focal_length(1.0)
    lens.set_film_offset((tr + tl) / 2, (tu + td) / 2)


def _quat(quat) -> Quat:
    """A Panda3D Quat from one, or from (w, x, y, z) (Panda3D's order: the real part first)."""
    return quat if isinstance(quat, Quat) else Quat(*quat)


class StereoRig:
    """A head with two eye cameras, under `parent` (normally the mono camera node, so whatever moves
    that camera moves the head). Give `rig.eyes[i].node()` to a display region to see through it."""

    def __init__(self, parent: NodePath, ipd_m: float = DEFAULT_IPD_M, fov: EyeFov | None = None,
                 near: float = 0.1, far: float = 10_000.0):
        fov = fov or EyeFov.symmetric(90.0, 1.0)
        self.head = parent.attach_new_node("stereo_head")
        self.eyes: tuple[NodePath, NodePath] = tuple(
            self.head.attach_new_node(Camera(f"eye_{side}", lens_for_fov(fov, near, far))) for side in ("left", "right"))
        self.fovs: list[EyeFov] = [fov, fov]  # each eye's, as last set (a lens keeps only its film)
        for eye in self.eyes:  # levels of detail (a tile's far mesh) switch for the head, both eyes at once
            eye.node().set_lod_center(self.head)
        self.set_ipd(ipd_m)

    @property
    def ipd_m(self) -> float:
        return self.eyes[1].get_x() - self.eyes[0].get_x()

    def set_ipd(self, ipd_m: float) -> None:
        """Eyes level and looking straight ahead, `ipd_m` apart, centred on the head."""
        if ipd_m < 0:
            raise ValueError(f"a negative interpupillary distance ({ipd_m} m)")
        for eye, x in zip(self.eyes, (-ipd_m / 2, ipd_m / 2)):
            eye.set_pos_quat((x, 0, 0), Quat.ident_quat())

    def lens(self, index: int) -> PerspectiveLens:
        return self.eyes[index].node().get_lens()

    def set_eye_fov(self, index: int, fov: EyeFov) -> None:
        _fit_lens(self.lens(index), fov)
        self.fovs[index] = fov

    def set_near_far(self, near: float, far: float) -> None:
        for index in (0, 1):
            self.lens(index).set_near_far(near, far)

    def set_eye_pose(self, index: int, pos, quat) -> None:
        """An eye's pose relative to the head (Panda3D coordinates; quat as Quat or (w, x, y, z))."""
        self.eyes[index].set_pos_quat(tuple(pos), _quat(quat))

    def set_head_pose(self, pos, quat) -> None:
        """The head's pose relative to the parent: a headset's tracked pose, identity on a screen."""
        self.head.set_pos_quat(tuple(pos), _quat(quat))

    def remove(self) -> None:
        self.head.remove_node()
