"""What the visitor sees of their pointing: a laser line from each controller and a reticle, a
small ring where the ray points, filling clockwise while a gaze dwells. Drawn over the scene (a
reticle hidden behind a wall would leave the visitor guessing), unlit, one GeomNode each."""
from __future__ import annotations

import math

from panda3d.core import LineSegs, NodePath, Point3, Vec3

LASER = (0.35, 0.85, 1.0, 0.9)
RING = (1.0, 1.0, 1.0, 0.9)
FILL = (1.0, 0.78, 0.18, 1.0)
RETICLE_ANGLE = 0.012  # the ring's radius per metre of distance: about 0.7 degrees, whatever the distance
SEGMENTS = 32


def _on_top(node: NodePath) -> NodePath:
    node.set_light_off(1)
    node.set_fog_off(1)
    node.set_depth_test(False)
    node.set_depth_write(False)
    node.set_bin("fixed", 45)
    node.set_transparency(True)
    return node


def _ring(name: str, fraction: float, colour, thickness: float) -> NodePath:
    """A circle of radius 1 in the XZ plane (facing -Y), or the first `fraction` of it from the top."""
    lines = LineSegs(name)
    lines.set_color(*colour)
    lines.set_thickness(thickness)
    steps = max(1, round(SEGMENTS * fraction))
    for i in range(steps + 1):
        a = 2 * math.pi * fraction * i / steps
        point = (math.sin(a), 0, math.cos(a))
        if i == 0:
            lines.move_to(*point)
        else:
            lines.draw_to(*point)
    return NodePath(lines.create())


class Laser:
    """A line from a controller along its aim, as long as the ray is to what it meets."""

    def __init__(self, parent: NodePath):
        lines = LineSegs("xr-laser")
        lines.set_color(*LASER)
        lines.set_thickness(3)
        lines.move_to(0, 0, 0)
        lines.draw_to(0, 1, 0)
        self.node = _on_top(parent.attach_new_node(lines.create()))
        self.node.hide()

    def show(self, space: NodePath, origin: Point3, direction: Vec3, length: float) -> None:
        self.node.set_pos(space, origin)
        self.node.look_at(space, origin + direction)
        self.node.set_scale(1, max(length, 1e-3), 1)
        self.node.show()

    def hide(self) -> None:
        self.node.hide()

    def remove(self) -> None:
        self.node.remove_node()


class Reticle:
    """A ring facing the eyes at the pointed-at spot, and the part of a dwell done as an arc."""

    def __init__(self, parent: NodePath):
        self.node = _on_top(parent.attach_new_node("xr-reticle"))
        _ring("xr-reticle-ring", 1.0, RING, 2).reparent_to(self.node)
        self.fill = None
        self.fraction = 0.0
        self.node.hide()

    def show(self, space: NodePath, point: Point3, eye: Point3, fraction: float = 0.0) -> None:
        self.node.set_pos(space, point)
        self.node.look_at(space, point + (point - eye))  # the ring's face (-Y) towards the eye
        self.node.set_scale(max((point - eye).length(), 0.1) * RETICLE_ANGLE)
        self.set_fraction(fraction)
        self.node.show()

    def set_fraction(self, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        if abs(fraction - self.fraction) < 1 / SEGMENTS and (fraction > 0) == (self.fraction > 0):
            return
        self.fraction = fraction
        if self.fill is not None:
            self.fill.remove_node()
            self.fill = None
        if fraction > 0:
            self.fill = _ring("xr-reticle-fill", fraction, FILL, 5)
            self.fill.set_scale(1.35)
            self.fill.reparent_to(self.node)

    def hide(self) -> None:
        self.node.hide()
        self.set_fraction(0.0)

    def remove(self) -> None:
        self.node.remove_node()
