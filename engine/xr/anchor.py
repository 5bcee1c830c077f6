"""Where the visitor's play area stands in the scene: the anchor, pure arithmetic (no Panda3D).

The headset reports the head in the play area's own space (Panda3D axes, floor at 0 in a STAGE
space); the anchor places that space in the scene by a position and a heading only: it stays level,
because the headset owns pitch and roll. Heading as Panda3D's: degrees counter-clockwise seen from
above, 0 looking along +Y.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

Vec = tuple[float, float, float]


def rotated(x: float, y: float, heading_deg: float) -> tuple[float, float]:
    """(x, y) turned by heading_deg about the vertical axis."""
    h = math.radians(heading_deg)
    c, s = math.cos(h), math.sin(h)
    return (x * c - y * s, x * s + y * c)


@dataclass(frozen=True)
class Anchor:
    x: float
    y: float
    z: float
    heading: float  # degrees

    @property
    def pos(self) -> Vec:
        return (self.x, self.y, self.z)

    def to_scene(self, local: Vec) -> Vec:
        """A point of the play area (the head, a controller) in scene metres."""
        dx, dy = rotated(local[0], local[1], self.heading)
        return (self.x + dx, self.y + dy, self.z + local[2])

    def turned_about(self, head: Vec, degrees: float) -> "Anchor":
        """Turned by `degrees` about the vertical through the head (`head` in the play area): the
        head stays where it is in the scene, only the view turns."""
        hx, hy, _ = self.to_scene(head)
        heading = self.heading + degrees
        dx, dy = rotated(head[0], head[1], heading)
        return Anchor(hx - dx, hy - dy, self.z, heading)

    def head_over(self, head: Vec, x: float, y: float, z: float) -> "Anchor":
        """Moved (heading kept) so the head stands over scene point (x, y), the play area's floor at z."""
        dx, dy = rotated(head[0], head[1], self.heading)
        return replace(self, x=x - dx, y=y - dy, z=z)
