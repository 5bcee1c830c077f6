"""POI markers as nodes: a pole and a floating pin, unlit and brightly coloured, one pickable node
each. Markers stay separate nodes (never flattened) tagged with their POI id, with a collision
sphere around the pin for tapping. At run time `keep_marker_size` scales them with distance so a
pin stays about the same size on screen near and far."""
from __future__ import annotations

from panda3d.core import BitMask32, CollisionNode, CollisionSphere, NodePath

from engine.world.nodes.geom import to_geom_node
from engine.world.plan.layers import LayerPlan
from engine.world.plan.anchors import PIN_RADIUS

PICK_MASK = BitMask32.bit(4)
REFERENCE_DISTANCE = 200.0  # at this distance a marker is drawn at scale 1 (metres)
PIN_SCALE_AT_REFERENCE = 3.0


def build_markers(parent: NodePath, layer: LayerPlan) -> NodePath:
    root = parent.attach_new_node(layer.name)
    root.set_light_off(1)
    root.set_fog_off(1)
    shapes = {b.name: b.mesh for b in layer.batches}
    pin, pole = to_geom_node(shapes["pin"], "pin"), to_geom_node(shapes["pole"], "pole")
    for marker in layer.markers:
        node = root.attach_new_node(f"poi:{marker.poi_id}")
        node.set_pos(*marker.position)
        node.set_tag("poi", marker.poi_id)
        head = node.attach_new_node(pin.make_copy())  # a copy shares the Geom: no vertex data is duplicated
        head.set_scale(PIN_SCALE_AT_REFERENCE)
        stick = node.attach_new_node(pole.make_copy())
        stick.set_scale(1.0, 1.0, marker.pole_height)
        stick.set_z(-marker.pole_height / 2)
        head.attach_new_node(pick_sphere(f"pick:{marker.poi_id}", PIN_RADIUS * 1.6))
    return root


def pick_sphere(name: str, radius: float) -> CollisionNode:
    """A sphere the tap ray (picking) can hit and nothing else collides with."""
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
