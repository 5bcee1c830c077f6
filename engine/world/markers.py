"""POI markers: a pole and a floating pin, unlit and brightly coloured, one pickable node each.

Markers stay separate nodes (never flattened) tagged with their POI id, with a collision sphere
around the pin for clicking. At run time `keep_marker_size` scales them with distance so a pin
stays about the same size on screen near and far.
"""
from __future__ import annotations

import numpy as np
from panda3d.core import BitMask32, CollisionNode, CollisionSphere, NodePath

from engine.geo import LocalProjection
from engine.manifest.scene_schema import Poi
from engine.world.mesh import from_trimesh, merge, to_geom_node
from engine.world.heightfield import Heightfield

MARKER_COLOUR = (1.0, 0.18, 0.72, 1.0)  # a magenta found nowhere else in the scenes
POLE_COLOUR = (1.0, 1.0, 1.0, 1.0)
PICK_MASK = BitMask32.bit(4)
PIN_RADIUS = 1.0  # unit size; scaled per frame
REFERENCE_DISTANCE = 200.0  # at this distance a marker is drawn at scale 1 (metres)
PIN_SCALE_AT_REFERENCE = 3.0


def marker_anchor(poi: Poi, proj: LocalProjection, ground: Heightfield) -> tuple[float, float, float]:
    """Where the pin floats: above the ground at the POI, in scene metres."""
    x, y, _ = proj.to_local(poi.lat, poi.lon)
    return x, y, max(float(ground.height_at(x, y)), 0.0) + poi.marker_m


def _pin_mesh():
    import trimesh  # building only: a cached scene shows its markers without it
    pin = trimesh.creation.icosphere(subdivisions=0, radius=PIN_RADIUS)
    pin.apply_scale((1.0, 1.0, 1.4))
    tip = trimesh.creation.cone(radius=PIN_RADIUS * 0.55, height=PIN_RADIUS * 1.4, sections=8)
    tip.apply_transform(trimesh.transformations.rotation_matrix(np.pi, (1, 0, 0)))
    tip.apply_translation((0, 0, -PIN_RADIUS * 0.6))
    return merge([from_trimesh(pin, MARKER_COLOUR), from_trimesh(tip, MARKER_COLOUR)])


def build_markers(parent: NodePath, pois: list[Poi], proj: LocalProjection, ground: Heightfield) -> NodePath:
    import trimesh
    root = parent.attach_new_node("markers")
    root.set_light_off(1)
    root.set_fog_off(1)
    pin = _pin_mesh()
    for poi in pois:
        x, y, z = marker_anchor(poi, proj, ground)
        node = root.attach_new_node(f"poi:{poi.id}")
        node.set_pos(x, y, z)
        node.set_tag("poi", poi.id)
        head = node.attach_new_node(to_geom_node(pin, "pin"))
        head.set_scale(PIN_SCALE_AT_REFERENCE)
        pole_h = max(z - float(ground.height_at(x, y)), 0.5)
        pole = node.attach_new_node(to_geom_node(merge([from_trimesh(
            trimesh.creation.cylinder(radius=0.25, height=pole_h, sections=5), POLE_COLOUR)]), "pole"))
        pole.set_z(-pole_h / 2)
        head.attach_new_node(pick_sphere(f"pick:{poi.id}", PIN_RADIUS * 1.6))
    return root


def pick_sphere(name: str, radius: float) -> CollisionNode:
    """A sphere the tap ray (engine.picking) can hit and nothing else collides with."""
    solid = CollisionNode(name)
    solid.add_solid(CollisionSphere(0, 0, 0, radius))
    solid.set_into_collide_mask(PICK_MASK)
    solid.set_from_collide_mask(BitMask32.all_off())
    return solid


def keep_marker_size(markers: NodePath, eye: NodePath) -> None:
    """Scale each pin with its distance from the eye (a pin never shrinks below its base size)."""
    for node in markers.get_children():
        distance = (node.get_pos(eye)).length()
        scale = max(1.0, distance / REFERENCE_DISTANCE)
        node.find("pin").set_scale(PIN_SCALE_AT_REFERENCE * scale)
