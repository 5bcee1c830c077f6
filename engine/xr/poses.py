"""OpenXR's coordinates to Panda3D's, pure arithmetic (no pyopenxr, no Panda3D).

OpenXR: right-handed, Y up, -Z forward, metres. Panda3D: right-handed, Z up, Y forward. So a point
(x, y, z) becomes (x, -z, y) and an orientation quaternion (x, y, z, w) becomes (w, x, -z, y) in
Panda3D's (r, i, j, k) order. A field of view is four angles in radians (left and down negative).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

Vec = tuple[float, float, float]
Quat = tuple[float, float, float, float]  # Panda3D's order: w, x, y, z


def position_to_panda(x: float, y: float, z: float) -> Vec:
    return (x, -z, y)


def orientation_to_panda(x: float, y: float, z: float, w: float) -> Quat:
    return (w, x, -z, y)


@dataclass(frozen=True)
class Pose:
    """A pose in Panda3D's coordinates: position in metres, orientation as (w, x, y, z)."""
    pos: Vec
    quat: Quat

    @classmethod
    def from_xr(cls, pose) -> "Pose":
        """From an XrPosef (anything with .position.x/y/z and .orientation.x/y/z/w)."""
        p, o = pose.position, pose.orientation
        return cls(position_to_panda(p.x, p.y, p.z), orientation_to_panda(o.x, o.y, o.z, o.w))

    def relative_to(self, head: "Pose") -> "Pose":
        """This pose seen from `head` (both in the same space): an eye relative to the head."""
        inv = _conjugate(head.quat)
        offset = tuple(a - b for a, b in zip(self.pos, head.pos))
        return Pose(_rotate(inv, offset), _normalised(_multiply(inv, self.quat)))


def mean_pose(a: Pose, b: Pose) -> Pose:
    """Halfway between two poses (the head between two eyes): mean position, normalised mean
    orientation (the eyes of one headset never differ by more than a few degrees)."""
    pos = tuple((x + y) / 2 for x, y in zip(a.pos, b.pos))
    qb = b.quat if sum(x * y for x, y in zip(a.quat, b.quat)) >= 0 else tuple(-v for v in b.quat)
    return Pose(pos, _normalised(tuple((x + y) / 2 for x, y in zip(a.quat, qb))))


def forward_of(quat: Quat) -> Vec:
    """Where an orientation looks: its +Y (Panda3D's forward) turned by it."""
    return _rotate(quat, (0.0, 1.0, 0.0))


def fov_angles(fov) -> tuple[float, float, float, float]:
    """An XrFovf's angles (left, right, up, down) in radians, as plain floats."""
    return (float(fov.angle_left), float(fov.angle_right), float(fov.angle_up), float(fov.angle_down))


def _multiply(a: Quat, b: Quat) -> Quat:
    aw, ax, ay, az = a
    bw, bx, by, bz = b
    return (aw * bw - ax * bx - ay * by - az * bz,
            aw * bx + ax * bw + ay * bz - az * by,
            aw * by - ax * bz + ay * bw + az * bx,
            aw * bz + ax * by - ay * bx + az * bw)


def _conjugate(q: Quat) -> Quat:
    return (q[0], -q[1], -q[2], -q[3])


def _normalised(q) -> Quat:
    n = math.sqrt(sum(v * v for v in q)) or 1.0
    return tuple(v / n for v in q)


def _rotate(q: Quat, v: Vec) -> Vec:
    w, x, y, z = _multiply(_multiply(q, (0.0, *v)), _conjugate(q))
    return (x, y, z)
