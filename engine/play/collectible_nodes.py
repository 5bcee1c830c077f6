"""Hidden collectibles in the scene: small golden gems that turn slowly, pickable by a tap, and
gone once found. They belong to the game content, not to the cached scene, so they are added
when a visit starts."""
from __future__ import annotations

import numpy as np
from panda3d.core import NodePath

from engine.world.nodes.geom import to_geom_node
from engine.world.nodes.markers import pick_sphere
from engine.world.plan.mesh import Mesh

GOLD = (1.0, 0.78, 0.18, 1.0)


def _gem(size: float) -> Mesh:
    """An octahedron, flat-shaded."""
    tips = np.array([[0, 0, 1.4], [0, 0, -1.0]]) * size
    ring = np.array([[np.cos(a), np.sin(a), 0] for a in np.linspace(0, 2 * np.pi, 5)[:-1]]) * size
    tris = []
    for i in range(4):
        a, b = ring[i], ring[(i + 1) % 4]
        tris += [(a, b, tips[0]), (b, a, tips[1])]
    verts = np.array([v for tri in tris for v in tri], dtype=np.float64)
    normals = []
    for a, b, c in tris:
        n = np.cross(b - a, c - a)
        normals += [n / np.linalg.norm(n)] * 3
    return Mesh(verts, np.array(normals), np.tile(GOLD, (len(verts), 1)), np.arange(len(verts)).reshape(-1, 3))


def build_collectibles(parent: NodePath, points: dict[str, np.ndarray], size: float = 1.2) -> NodePath:
    root = parent.attach_new_node("collectibles")
    root.set_light_off(1)
    mesh = _gem(size)
    for item_id, point in points.items():
        node = root.attach_new_node(f"collectible:{item_id}")
        node.set_pos(*point)
        node.set_tag("collectible", item_id)
        node.attach_new_node(to_geom_node(mesh, "gem"))
        node.attach_new_node(pick_sphere(f"pick:{item_id}", size * 2.5))  # easier to tap than to see
    return root


def spin(root: NodePath, dt: float) -> None:
    for node in root.get_children():
        node.set_h(node.get_h() + 60.0 * dt)


def remove_found(root: NodePath, item_id: str) -> None:
    node = root.find(f"collectible:{item_id}")
    if not node.is_empty():
        node.remove_node()
