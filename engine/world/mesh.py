"""numpy arrays <-> Panda3D geometry, and a small mesh type the builders share.

A Mesh is triangles with per-vertex normals and colours, in scene metres. Builders produce
Meshes with numpy/trimesh and combine many into one (one draw call per batch); only `to_geom_node`
touches Panda3D. Arrays go in with copy_data_from (fast) and are cast to float32 first, since
float64 is accepted silently and gives garbage.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from panda3d.core import (Geom, GeomEnums, GeomNode, GeomTriangles, GeomVertexArrayFormat,
                          GeomVertexData, GeomVertexFormat)


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


_FORMAT = None


def _vertex_format() -> GeomVertexFormat:
    """Three single-column arrays, so each fills straight from one contiguous numpy array."""
    global _FORMAT
    if _FORMAT is None:
        fmt = GeomVertexFormat()
        for name, count, kind, contents in (
            ("vertex", 3, GeomEnums.NT_float32, GeomEnums.C_point),
            ("normal", 3, GeomEnums.NT_float32, GeomEnums.C_normal),
            ("color", 4, GeomEnums.NT_uint8, GeomEnums.C_color),
        ):
            array = GeomVertexArrayFormat()
            array.add_column(name, count, kind, contents)
            fmt.add_array(array)
        _FORMAT = GeomVertexFormat.register_format(fmt)
    return _FORMAT


def to_geom_node(mesh: Mesh, name: str) -> GeomNode:
    node = GeomNode(name)
    if not mesh.triangle_count:
        return node
    vdata = GeomVertexData(name, _vertex_format(), Geom.UH_static)
    vdata.unclean_set_num_rows(len(mesh.vertices))
    colours = np.clip(np.round(mesh.colours * 255), 0, 255).astype(np.uint8)
    for index, array in enumerate((mesh.vertices.astype(np.float32), mesh.normals.astype(np.float32), colours)):
        handle = vdata.modify_array(index).modify_handle()
        handle.copy_data_from(np.ascontiguousarray(array))
    index_type = GeomEnums.NT_uint32 if len(mesh.vertices) > 65535 else GeomEnums.NT_uint16
    prim = GeomTriangles(Geom.UH_static)
    prim.set_index_type(index_type)
    indices = mesh.triangles.astype(np.uint32 if index_type == GeomEnums.NT_uint32 else np.uint16).ravel()
    prim.modify_vertices().modify_handle().copy_data_from(indices)
    geom = Geom(vdata)
    geom.add_primitive(prim)
    node.add_geom(geom)
    return node
