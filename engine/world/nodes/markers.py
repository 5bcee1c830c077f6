"""POI markers as nodes: a pole and a floating pin, unlit and softly coloured, one pickable node
each. Markers stay separate nodes (never flattened) tagged with their POI id, with a collision
sphere around the pin for tapping. At run time `keep_marker_size` sizes them with distance: a pin
stays about the same size on screen up to FADE_START_M, then shrinks so far pins fade into the
view instead of crowding it; the tap sphere is sized apart and always stays finger-sized."""
from __future__ import annotations

import math

from panda3d.core import BitMask32, CollisionNode, CollisionSphere, NodePath

from engine.world.nodes.geom import to_geom_node
from engine.world.plan.layers import LayerPlan
from engine.world.plan.anchors import PIN_RADIUS

PICK_MASK = BitMask32.bit(4)
REFERENCE_DISTANCE = 200.0  # nearer than this a marker keeps its size in metres
PIN_SCALE_AT_REFERENCE = 1.0  # a third of the first pins (3.0): they hid the landmarks they name
FADE_START_M = 500.0  # beyond this a pin shrinks on screen ...
FADE_FLOOR = 0.45  # ... down to this fraction of its near size
PICK_RADIUS = PIN_RADIUS * 1.6
TAP_TARGET_PX = 56.0  # the tap sphere's diameter at 1080p (>= 48 px, a fingertip)


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
        # The tap sphere is not under the pin: a small drawn pin keeps a finger-sized target.
        tap = node.attach_new_node("tap")
        tap.attach_new_node(pick_sphere(f"pick:{marker.poi_id}", PICK_RADIUS))
    return root


def pick_sphere(name: str, radius: float) -> CollisionNode:
    """A sphere the tap ray (picking) can hit and nothing else collides with."""
    solid = CollisionNode(name)
    solid.add_solid(CollisionSphere(0, 0, 0, radius))
    solid.set_into_collide_mask(PICK_MASK)
    solid.set_from_collide_mask(BitMask32.all_off())
    return solid


def pin_scale(distance: float) -> float:
    """The pin's scale at a distance: constant on screen out to FADE_START_M, then shrinking."""
    scale = PIN_SCALE_AT_REFERENCE * max(1.0, distance / REFERENCE_DISTANCE)
    if distance > FADE_START_M:
        scale *= max(FADE_FLOOR, math.sqrt(FADE_START_M / distance))
    return scale


def tap_scale(distance: float, vertical_fov_deg: float) -> float:
    """The tap sphere's scale: TAP_TARGET_PX across on a 1080-line screen, never smaller than the
    pin it covers."""
    metres_per_px = 2.0 * distance * math.tan(math.radians(vertical_fov_deg) / 2) / 1080.0
    return max(TAP_TARGET_PX * metres_per_px / (2 * PICK_RADIUS), pin_scale(distance))


def keep_marker_size(markers: NodePath, eye: NodePath, vertical_fov_deg: float = 60.0) -> None:
    """Size each pin and its tap sphere for its distance from the eye."""
    for node in markers.get_children():
        distance = (node.get_pos(eye)).length()
        node.find("pin").set_scale(pin_scale(distance))
        node.find("tap").set_scale(tap_scale(distance, vertical_fov_deg))
