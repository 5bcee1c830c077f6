"""More kit shapes: the sail-topped tower (Shimao), the kneeling statue on her rock (the Egret
Goddess), a moored fishing boat, and a fort wall laid along a path.

Same frame and promise as engine.world.plan.kit: origin at the centre of the base, x right, y
forward (the heading), z up, and the top of the tallest part exactly at the stated height.
"""
from __future__ import annotations

import numpy as np
import trimesh

from engine.world.plan import kit
from engine.world.plan.mesh import Mesh, from_trimesh, merge

HULL = (0.22, 0.36, 0.58, 1.0)
CABIN = (0.90, 0.88, 0.82, 1.0)
EGRET = (0.97, 0.97, 0.95, 1.0)


stepped_tower = kit.tower  # an ordinary high-rise: flat set-backs, no spire


def sail_tower(w, d, h, wall=(0.55, 0.63, 0.70, 1.0), roof=(0.80, 0.84, 0.88, 1.0)) -> Mesh:
    """A tower like a sail: an oval plan that narrows and leans to its right (+x) as it rises, under a
    curved roof slanting up from 82% of the height on its left edge to the full height on its right."""
    n, levels = 24, np.linspace(0.0, 1.0, 10)
    ang = np.linspace(0.0, 2 * np.pi, n, endpoint=False)
    ring = np.c_[np.cos(ang) * w / 2, np.sin(ang) * d / 2]
    rows = []
    for t in levels:
        pts = ring * (1 - 0.35 * t * t) + np.array([0.12 * w * t * t, 0.0])
        s = (pts[:, 0] - pts[:, 0].min()) / (pts[:, 0].max() - pts[:, 0].min())
        roof_z = h * (0.82 + 0.18 * s ** 1.5)
        rows.append(np.c_[pts, t * roof_z])
    verts = np.concatenate(rows + [np.array([[0.0, 0.0, 0.0]])])
    centre = len(verts) - 1
    sides, top = [], []
    for k in range(len(levels) - 1):
        for i in range(n):
            a, b = k * n + i, k * n + (i + 1) % n
            sides += [[a, b, b + n], [a, b + n, a + n]]
    sides += [[centre, (i + 1) % n, i] for i in range(n)]  # the floor
    last = (len(levels) - 1) * n
    top += [[last, last + i, last + i + 1] for i in range(1, n - 1)]  # a fan over the (convex) roof
    return merge([_solid(verts, sides, wall), _solid(verts, top, roof)])


def _solid(verts, faces, colour) -> Mesh:
    tm = trimesh.Trimesh(verts, faces, process=False)
    return from_trimesh(tm, colour)


def kneeling_statue(w, d, h, colour=(0.80, 0.78, 0.72, 1.0), seed=0) -> Mesh:
    """A figure kneeling on a granite rock, one arm raised with a bird on her hand; the bird's
    head is the stated height. The rock takes w x d and the lower 38% of the height."""
    base_h = h * 0.38
    fh, s = h - base_h, min(w, d)
    z = base_h - 0.02 * fh  # the figure is set a little into the rock
    parts = [kit.rock(w, d, base_h, seed=seed),
             kit.box(s * 0.22, s * 0.42, fh * 0.09, colour, z0=z, y=-s * 0.08),  # shins, lying back
             kit.box(s * 0.22, s * 0.18, fh * 0.28, colour, z0=z, y=-s * 0.18),  # thighs on the heels
             kit.cone(s * 0.13, fh * 0.50, colour, z0=z + fh * 0.26, y=-s * 0.16, sections=10),  # torso
             kit.cylinder(s * 0.09, fh * 0.40, colour, z0=z + fh * 0.26, y=-s * 0.16, sections=8),
             kit.dome(min(s * 0.07, fh * 0.07), colour, z0=z + fh * 0.68, y=-s * 0.16),  # head
             kit.cylinder(s * 0.035, fh * 0.30, colour, z0=z + fh * 0.56, x=s * 0.1, y=-s * 0.14, sections=6),
             kit.cone(s * 0.06, base_h + fh - (z + fh * 0.86), EGRET, z0=z + fh * 0.86, x=s * 0.1, y=-s * 0.14,
                      sections=6)]  # the egret on her raised hand
    return merge(parts)


def boat(w, d, h, colour=HULL) -> Mesh:
    """A small wooden fishing boat, bow forward (+y): a hull w wide and d long with its keel at 0, a
    wheelhouse astern and a mast whose top is h."""
    hull_h = min(h * 0.3, max(w * 0.4, 0.4))
    tm = trimesh.creation.box(extents=(w, d, hull_h))
    tm.apply_translation((0, 0, hull_h / 2))
    v = tm.vertices
    v[v[:, 1] > 0, 0] *= 0.15  # the bow comes to a point
    v[v[:, 2] < hull_h / 2, 0] *= 0.6  # a narrower bottom
    tm.vertices = v
    mast = min(w, d) * 0.05
    return merge([from_trimesh(tm, colour),
                  kit.box(w * 0.6, d * 0.22, hull_h * 1.1, CABIN, z0=hull_h, y=-d * 0.25),
                  kit.cylinder(mast, h - hull_h, kit.WOOD, z0=hull_h, y=d * 0.1, sections=6)])


def wall_along_path(points: np.ndarray, d: float, h: float, colour, ground_z, base_m: float | None = None) -> Mesh:
    """fort_wall lengths following a polyline in scene metres: each straight stretch on the lowest
    ground under it (or on base_m), lengthened by the wall's thickness so the corners close."""
    parts = []
    for a, b, seg, length in kit.path_segments(points):
        t = np.linspace(0.0, 1.0, max(int(length // 10), 1) + 1)
        base = base_m if base_m is not None else max(float(np.min(ground_z(a[0] + seg[0] * t, a[1] + seg[1] * t))), 0.2)
        wall = kit.fort_wall(length + d, d, h, colour)
        mid = (a + b) / 2
        angle = np.arctan2(seg[1], seg[0])
        c, s = np.cos(angle), np.sin(angle)
        parts.append(wall.transformed(np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]]), (mid[0], mid[1], base)))
    return merge(parts)
