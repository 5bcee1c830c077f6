"""The teleport arc and its landing marker in the scene (engine.xr.teleport's Arc), redrawn each
frame it is aimed: a line along the parabola and a ring where it lands, cyan where the visitor may
stand, red where not (water, a building, too steep, outside the square). Drawn through everything
so a marker behind a hill's brow is still seen."""
from __future__ import annotations

import math

from panda3d.core import LineSegs, NodePath

VALID = (0.3, 0.9, 1.0, 1.0)
INVALID = (1.0, 0.3, 0.2, 1.0)
MARKER_M = 0.4  # the ring's radius
LIFT_M = 0.05  # above the surface, so it never sinks into it


class ArcView:
    def __init__(self, parent: NodePath):
        self.root = parent.attach_new_node("xr-teleport")
        self.root.set_bin("fixed", 90)
        self.root.set_depth_test(False)
        self.root.set_depth_write(False)
        self.root.set_light_off(1)
        self.root.set_fog_off(1)
        self._drawn: NodePath | None = None
        self.shown = None  # the arc last drawn (None: nothing shown)

    def show(self, arc) -> None:
        if arc is self.shown:
            return
        self.shown = arc
        if self._drawn is not None:
            self._drawn.remove_node()
            self._drawn = None
        if arc is None or len(arc.points) < 2:
            return
        lines = LineSegs("xr-arc")
        lines.set_thickness(3)
        lines.set_color(*(VALID if arc.valid else INVALID))
        lines.move_to(*arc.points[0])
        for point in arc.points[1:]:
            lines.draw_to(*point)
        if arc.landing is not None:
            x, y, z = arc.landing
            for k in range(33):
                a = 2 * math.pi * k / 32
                spot = (x + MARKER_M * math.cos(a), y + MARKER_M * math.sin(a), z + LIFT_M)
                lines.move_to(*spot) if k == 0 else lines.draw_to(*spot)
        self._drawn = self.root.attach_new_node(lines.create())

    def remove(self) -> None:
        self.root.remove_node()
