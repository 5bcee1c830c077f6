"""Spotlight beams and fireworks on screen: unlit, added onto the night sky (additive blending,
no depth writes, so they never hide what is behind them), moved every frame from their plans."""
from __future__ import annotations

import numpy as np
from panda3d.core import (ColorBlendAttrib, Geom, GeomEnums, GeomNode, GeomPoints, GeomVertexArrayFormat,
                          GeomVertexData, GeomVertexFormat,
                          NodePath, OmniBoundingVolume)

from engine.world.nodes.geom import to_geom_node
from engine.world.plan.effects import BEAM_LENGTH_M, BEAM_RADIUS_M, BeamPlan, FireworksPlan
from engine.world.plan.mesh import Mesh

SPARK_PX = 3.0


def _glowing(node: NodePath) -> None:
    node.set_light_off(1)
    node.set_fog_off(1)
    node.set_depth_write(False)
    node.set_two_sided(True)
    node.set_attrib(ColorBlendAttrib.make(ColorBlendAttrib.M_add, ColorBlendAttrib.O_incoming_alpha,
                                          ColorBlendAttrib.O_one))
    node.set_bin("fixed", 10_000)  # after everything solid


def beam_mesh(colour, sections: int = 16) -> Mesh:
    """A cone from a point at the origin widening along +y, bright at the lamp and fading out."""
    a = np.linspace(0, 2 * np.pi, sections, endpoint=False)
    rim = np.column_stack([BEAM_RADIUS_M * np.cos(a), np.full(sections, BEAM_LENGTH_M), BEAM_RADIUS_M * np.sin(a)])
    verts = np.vstack([np.zeros((sections, 3)), rim])  # an apex per side, so each side fades alone
    colours = np.vstack([np.tile(np.array(colour) * [1, 1, 1, 0.22], (sections, 1)),
                         np.tile(np.array(colour) * [1, 1, 1, 0.0], (sections, 1))])
    tris = np.array([[i, sections + i, sections + (i + 1) % sections] for i in range(sections)])
    return Mesh(verts, np.tile((0.0, 0.0, 1.0), (2 * sections, 1)), colours, tris)


class BeamNode:
    def __init__(self, parent: NodePath, plan: BeamPlan, index: int):
        self.plan = plan
        self.node = parent.attach_new_node(to_geom_node(beam_mesh(plan.colour), f"beam:{index}"))
        self.node.set_pos(*plan.origin)
        _glowing(self.node)
        self.update(0.0)

    def update(self, t: float, eye=None) -> None:
        heading, pitch = self.plan.direction(t)
        self.node.set_hpr(-heading, pitch, 0.0)  # ours: clockwise from north; Panda3D's: counter-clockwise


class FireworksNode:
    def __init__(self, parent: NodePath, plan: FireworksPlan):
        self.plan = plan
        pos, colours = plan.sparks(0.0)
        vdata = GeomVertexData("sparks", _spark_format(), Geom.UH_stream)
        vdata.unclean_set_num_rows(len(pos))
        points = GeomPoints(Geom.UH_static)
        points.add_next_vertices(len(pos))
        geom = Geom(vdata)
        geom.add_primitive(points)
        node = GeomNode("fireworks")
        node.add_geom(geom)
        node.set_bounds(OmniBoundingVolume())
        node.set_final(True)
        self.node = parent.attach_new_node(node)
        self.node.set_render_mode_thickness(SPARK_PX)
        _glowing(self.node)
        self.update(0.0)

    def update(self, t: float, eye=None) -> None:
        pos, colours = self.plan.sparks(t)
        rows = np.zeros(len(pos), dtype=[("v", np.float32, 3), ("c", np.float32, 4)])
        rows["v"], rows["c"] = pos, colours
        vdata = self.node.node().modify_geom(0).modify_vertex_data()
        vdata.modify_array(0).modify_handle().copy_data_from(rows.tobytes())


def _spark_format() -> GeomVertexFormat:
    """Position and colour as float32 side by side in one array: a spark is one row."""
    array = GeomVertexArrayFormat()
    array.add_column("vertex", 3, GeomEnums.NT_float32, GeomEnums.C_point)
    array.add_column("color", 4, GeomEnums.NT_float32, GeomEnums.C_color)
    fmt = GeomVertexFormat()
    fmt.add_array(array)
    return GeomVertexFormat.register_format(fmt)
