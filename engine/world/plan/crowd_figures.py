"""The people of a crowd as meshes (a detailed figure and a cheap far one); apart from
engine.world.plan.crowds, whose positions the headless path may read without the kit's trimesh."""
from __future__ import annotations

import numpy as np

from engine.world.plan import kit
from engine.world.plan.mesh import Mesh, merge


def figure_near() -> Mesh:
    """A person 1.75 m tall, facing +y: legs, shirt (coloured per person), head. White where the
    shirt goes: the node stage multiplies each person's colour in."""
    skin, legs, shirt = (0.85, 0.68, 0.55, 1.0), (0.15, 0.15, 0.2, 1.0), (1.0, 1.0, 1.0, 1.0)
    return merge([kit.box(0.36, 0.22, 0.8, legs), kit.box(0.44, 0.26, 0.62, shirt, z0=0.8),
                  kit.box(0.22, 0.22, 0.3, skin, z0=1.45)])


def figure_far() -> Mesh:
    """The same person far away: two crossed upright quads in the shirt's colour (4 triangles),
    alike from every side, so they need no turning."""
    w, h = 0.45, 1.75
    verts = np.array([[-w / 2, 0, 0], [w / 2, 0, 0], [w / 2, 0, h], [-w / 2, 0, h],
                      [0, -w / 2, 0], [0, w / 2, 0], [0, w / 2, h], [0, -w / 2, h]], dtype=np.float64)
    normals = np.array([[0, -1, 0]] * 4 + [[1, 0, 0]] * 4, dtype=np.float64)
    tris = np.array([[0, 1, 2], [0, 2, 3], [4, 5, 6], [4, 6, 7]])
    return Mesh(verts, normals, np.ones((8, 4)), tris)
