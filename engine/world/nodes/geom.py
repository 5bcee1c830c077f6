"""Plan meshes -> Panda3D geometry. Arrays go in with copy_data_from (fast) and are cast to
float32 first, since float64 is accepted silently and gives garbage. A batch with a far level
becomes an LODNode over its two meshes: one draw call either way."""
from __future__ import annotations

import numpy as np
from panda3d.core import (Geom, GeomEnums, GeomNode, GeomTriangles, GeomVertexArrayFormat,
                          GeomVertexData, GeomVertexFormat, LODNode, NodePath, Point3)

from engine.world.plan.layers import MeshBatch
from engine.world.plan.lod import centre
from engine.world.plan.mesh import Mesh

FAR_SUFFIX = ":far"
FAR_OUT_M = 1e7  # the far mesh shows out to here: beyond any lens's far plane

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


def set_vertex_colours(node: GeomNode, colours: np.ndarray) -> None:
    """Replace the colours of a node made by to_geom_node (its one Geom), e.g. the water's sheen
    when the time of day changes."""
    if not node.get_num_geoms():
        return
    vdata = node.modify_geom(0).modify_vertex_data()
    rgba = np.clip(np.round(colours * 255), 0, 255).astype(np.uint8)
    vdata.modify_array(2).modify_handle().copy_data_from(np.ascontiguousarray(rgba))


def batch_node(batch: MeshBatch):
    """A batch's node: its GeomNode, or with a far level an LODNode (named as the batch) whose first
    child is the near mesh (within `far_m` of the middle of its bounds) and whose second is the far
    mesh (beyond). Panda3D measures from each camera's LOD centre (the stereo rig sets both eyes'
    to the head, so the two eyes never disagree)."""
    if batch.far is None or not batch.mesh.triangle_count:
        return to_geom_node(batch.mesh, batch.name)
    lod = LODNode(batch.name)
    holder = NodePath(lod)
    lod.set_center(Point3(*centre(batch.mesh)))
    lod.add_switch(batch.far_m, 0.0)
    holder.attach_new_node(to_geom_node(batch.mesh, batch.name))
    lod.add_switch(FAR_OUT_M, batch.far_m)
    holder.attach_new_node(to_geom_node(batch.far, batch.name + FAR_SUFFIX))
    return lod
