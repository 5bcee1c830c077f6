"""A crowd on screen: two GeomNodes (a detailed figure for the nearest people, a cheap one for
everyone else), each one draw call, their vertices rewritten from the plan's positions every frame.
No node per person: 5,000 runners are two draw calls and a few array operations a frame."""
from __future__ import annotations

import numpy as np
from panda3d.core import Geom, GeomNode, NodePath, OmniBoundingVolume

from engine.world.nodes.geom import to_geom_node
from engine.world.plan.crowds import NEAR_M, NEAR_MAX, CrowdPlan
from engine.world.plan.mesh import Mesh

WHITE = np.array([1.0, 1.0, 1.0])


def _dressed(template: Mesh, colours: np.ndarray) -> np.ndarray:
    """(N, V, 4): the figure's vertex colours for each person, its white parts in their colour."""
    white = np.all(np.abs(template.colours[:, :3] - WHITE) < 1e-6, axis=1)
    return np.where(white[None, :, None], colours[:, None, :], template.colours[None, :, :])


def _copies(template: Mesh, count: int, colours: np.ndarray) -> Mesh:
    """count copies of a figure (placed later), each dressed in its person's colour."""
    v = len(template.vertices)
    rgba = _dressed(template, colours).reshape(-1, 4)
    tris = (template.triangles[None, :, :] + (np.arange(count) * v)[:, None, None]).reshape(-1, 3)
    return Mesh(np.zeros((count * v, 3)), np.tile(template.normals, (count, 1)), rgba, tris)


class CrowdNode:
    def __init__(self, parent: NodePath, plan: CrowdPlan):
        self.plan = plan
        self.root = parent.attach_new_node(plan.name)
        # the figures come from the kit (trimesh): imported only when a scene has a crowd, so a scene
        # without one starts 0.6 s sooner
        from engine.world.plan.crowd_figures import figure_far, figure_near
        self.near_t, self.far_t = figure_near(), figure_far()
        self.near_count = min(plan.count, NEAR_MAX)
        # the near batch holds the nearest people: its colours are re-read each frame with them
        self.near = self.root.attach_new_node(to_geom_node(_copies(self.near_t, self.near_count,
                                                                   plan.colours[:self.near_count]), "crowd:near"))
        self.far = self.root.attach_new_node(to_geom_node(_copies(self.far_t, plan.count, plan.colours), "crowd:far"))
        for node in (self.near, self.far):
            node.node().modify_geom(0).modify_vertex_data().set_usage_hint(Geom.UH_stream)
            # people move every frame: cull the batch as a whole, never by last frame's box
            node.node().set_bounds(OmniBoundingVolume())
            node.node().set_final(True)
        rgba = _dressed(self.near_t, plan.colours)
        self._person_rgba = np.clip(np.round(rgba * 255), 0, 255).astype(np.uint8)  # (N, V, 4): each one's figure
        self._near_ids: np.ndarray | None = None
        self.update(0.0, (0.0, 0.0, 1e9))

    def update(self, t: float, eye) -> None:
        pos, direction = self.plan.positions(t)
        dist = np.hypot(pos[:, 0] - eye[0], pos[:, 1] - eye[1])
        near = np.argsort(dist)[:self.near_count]
        near = near[dist[near] < NEAR_M]
        far_pos = pos.copy()
        far_pos[near, 2] -= 1e4  # the near ones are drawn in detail: their cheap figure goes far below
        self._write(self.far, (far_pos[:, None, :] + self.far_t.vertices[None, :, :]).reshape(-1, 3))

        count = len(near)
        local = self.near_t.vertices
        d = direction[near]
        verts = np.zeros((self.near_count, len(local), 3))
        x, y = local[None, :, 0], local[None, :, 1]
        verts[:count, :, 0] = pos[near, 0:1] + x * d[:, 1:2] + y * d[:, 0:1]
        verts[:count, :, 1] = pos[near, 1:2] - x * d[:, 0:1] + y * d[:, 1:2]
        verts[:count, :, 2] = pos[near, 2:3] + local[None, :, 2]
        verts[count:, :, 2] = -1e4  # unused places: out of sight below the ground
        self._write(self.near, verts.reshape(-1, 3))
        nx, ny = self.near_t.normals[None, :, 0], self.near_t.normals[None, :, 1]
        normals = np.tile(self.near_t.normals, (self.near_count, 1, 1))
        normals[:count, :, 0] = nx * d[:, 1:2] + ny * d[:, 0:1]
        normals[:count, :, 1] = -nx * d[:, 0:1] + ny * d[:, 1:2]
        self._write(self.near, normals.reshape(-1, 3), array=1)
        self._write_colours(near)

    def _write_colours(self, near: np.ndarray) -> None:
        """The near batch's colours follow whoever is near; rewritten only when that changes."""
        if self._near_ids is not None and np.array_equal(self._near_ids, near):
            return
        self._near_ids = near.copy()
        data = np.full((self.near_count, len(self.near_t.vertices), 4), 255, dtype=np.uint8)
        data[:len(near)] = self._person_rgba[near]
        vdata = self.near.node().modify_geom(0).modify_vertex_data()
        vdata.modify_array(2).modify_handle().copy_data_from(data.reshape(-1, 4))

    @staticmethod
    def _write(node: NodePath, values: np.ndarray, array: int = 0) -> None:
        """Positions (array 0) or normals (array 1) of every vertex of the batch."""
        geom_node: GeomNode = node.node()
        vdata = geom_node.modify_geom(0).modify_vertex_data()
        vdata.modify_array(array).modify_handle().copy_data_from(np.ascontiguousarray(values, dtype=np.float32))

    def remove(self) -> None:
        self.root.remove_node()
