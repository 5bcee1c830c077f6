"""The small mesh type every planner shares: triangles with per-vertex normals and colours, in
scene metres. Planners produce Meshes with numpy/trimesh and merge many into one (one draw call
per batch); engine.world.nodes.geom turns them into Panda3D geometry."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Mesh:
    vertices: np.ndarray  # (N, 3) float
    normals: np.ndarray  # (N, 3) float
    colours: np.ndarray  # (N, 4) float 0..1
    triangles: np.ndarray  # (M, 3) int

    @staticmethod
    def empty() -> "Mesh":
        return Mesh(np.zeros((0, 3)), np.zeros((0, 3)), np.zeros((0, 4)), np.zeros((0, 3), dtype=np.int64))

    @property
    def triangle_count(self) -> int:
        return len(self.triangles)

    def transformed(self, rotation: np.ndarray, translation, scale=1.0) -> "Mesh":
        """A copy turned by a 3x3 rotation, scaled (uniformly or per axis) and moved."""
        scale = np.broadcast_to(np.asarray(scale, dtype=np.float64), (3,))
        verts = (self.vertices * scale) @ rotation.T + np.asarray(translation, dtype=np.float64)
        normals = (self.normals / scale) @ rotation.T
        normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-9)
        return Mesh(verts, normals, self.colours.copy(), self.triangles.copy())


def merge(meshes: list[Mesh]) -> Mesh:
    meshes = [m for m in meshes if m.triangle_count]
    if not meshes:
        return Mesh.empty()
    offsets = np.cumsum([0] + [len(m.vertices) for m in meshes[:-1]])
    return Mesh(
        np.concatenate([m.vertices for m in meshes]),
        np.concatenate([m.normals for m in meshes]),
        np.concatenate([m.colours for m in meshes]),
        np.concatenate([m.triangles + off for m, off in zip(meshes, offsets)]),
    )


def from_trimesh(tm, colour, *, smooth: bool = False) -> Mesh:
    """A trimesh mesh in one colour; flat-shaded (vertices split per face) unless smooth."""
    rgba = np.asarray(colour, dtype=np.float64)
    if smooth:
        verts = np.asarray(tm.vertices, dtype=np.float64)
        normals = np.asarray(tm.vertex_normals, dtype=np.float64)
        tris = np.asarray(tm.faces, dtype=np.int64)
    else:
        faces = np.asarray(tm.faces, dtype=np.int64)
        verts = np.asarray(tm.vertices, dtype=np.float64)[faces].reshape(-1, 3)
        normals = np.repeat(np.asarray(tm.face_normals, dtype=np.float64), 3, axis=0)
        tris = np.arange(len(verts), dtype=np.int64).reshape(-1, 3)
    colours = np.tile(rgba, (len(verts), 1))
    return Mesh(verts, normals, colours, tris)


def hex_colour(text: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    text = text.lstrip("#")
    return (int(text[0:2], 16) / 255, int(text[2:4], 16) / 255, int(text[4:6], 16) / 255, alpha)


def heading_rotation(heading_deg: float) -> np.ndarray:
    """Heading is clockwise from north; the local frame has x east, y north."""
    a = -np.radians(heading_deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])
