"""The camera as a head node carrying the eye camera(s).

rig  (position on the ground plane and heading: what navigation and tours move)
 └ head  (pitch and roll: looking up and down; later the VR headset's pose)
    └ eye camera  (base.camera: one for a screen; stereo and VR hang a StereoRig's two eyes below it,
                   engine/display/stereo_rig.py, so whatever moves this rig moves them)
"""
from __future__ import annotations

import math

from panda3d.core import NodePath, Point3, Vec3


class CameraRig:
    def __init__(self, render: NodePath, camera: NodePath):
        self.rig = render.attach_new_node("camera_rig")
        self.head = self.rig.attach_new_node("head")
        self.eyes = [camera]
        camera.reparent_to(self.head)
        camera.set_pos_hpr(0, 0, 0, 0, 0, 0)

    @property
    def eye(self) -> NodePath:
        return self.eyes[0]

    def set_pose(self, pos, heading: float, pitch: float, roll: float = 0.0) -> None:
        self.rig.set_pos(*pos)
        self.rig.set_hpr(heading, 0, 0)
        self.head.set_hpr(0, pitch, roll)

    def look_from(self, pos, target) -> None:
        """Stand at `pos` and face `target` (both scene metres)."""
        d = Vec3(*target) - Vec3(*pos)
        heading = math.degrees(math.atan2(-d.x, d.y))
        pitch = math.degrees(math.atan2(d.z, math.hypot(d.x, d.y)))
        self.set_pose(pos, heading, pitch)

    @property
    def position(self) -> Point3:
        return self.rig.get_pos()

    @property
    def heading(self) -> float:
        return self.rig.get_h()

    @property
    def pitch(self) -> float:
        return self.head.get_p()
