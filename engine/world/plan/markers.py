"""The markers layer: a pole and a floating pin for every POI. The plan holds one pin mesh and one
unit-height pole shared by all markers, and where each marker stands; engine.world.nodes.markers
makes them separate pickable nodes."""
from __future__ import annotations

import numpy as np
import trimesh

from engine.geo import LocalProjection
from engine.manifest.scene_schema import Poi
from engine.world.plan.anchors import PIN_RADIUS, marker_anchor
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.layers import LayerPlan, Marker, MeshBatch
from engine.world.plan.mesh import from_trimesh, merge

# A soft orchid pink: still a hue found nowhere else in the scenes (tests find pins by it), but
# less shrill than the first hard magenta (1.0, 0.18, 0.72).
MARKER_COLOUR = (0.93, 0.50, 0.80, 1.0)
POLE_COLOUR = (1.0, 1.0, 1.0, 1.0)


def _pin_mesh():
    pin = trimesh.creation.icosphere(subdivisions=0, radius=PIN_RADIUS)
    pin.apply_scale((1.0, 1.0, 1.4))
    tip = trimesh.creation.cone(radius=PIN_RADIUS * 0.55, height=PIN_RADIUS * 1.4, sections=8)
    tip.apply_transform(trimesh.transformations.rotation_matrix(np.pi, (1, 0, 0)))
    tip.apply_translation((0, 0, -PIN_RADIUS * 0.6))
    return merge([from_trimesh(pin, MARKER_COLOUR), from_trimesh(tip, MARKER_COLOUR)])


def _pole_mesh():
    """A pole 1 m tall centred on the origin; each marker scales it to its height."""
    return from_trimesh(trimesh.creation.cylinder(radius=0.25, height=1.0, sections=5), POLE_COLOUR)


def plan_markers(pois: list[Poi], proj: LocalProjection, ground: Heightfield, name: str = "markers") -> LayerPlan:
    markers = []
    for poi in pois:
        x, y, z = marker_anchor(poi, proj, ground)
        markers.append(Marker(poi.id, (x, y, z), max(z - float(ground.height_at(x, y)), 0.5)))
    return LayerPlan(name, batches=[MeshBatch("pin", _pin_mesh(), "unlit"), MeshBatch("pole", _pole_mesh(), "unlit")],
                     markers=markers)
