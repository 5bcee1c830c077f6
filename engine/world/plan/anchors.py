"""Where a POI's pin floats: shared by the marker plan, the district layout (which keeps clear of
it), the camera that orbits a POI and the tests. Pure: no meshes."""
from __future__ import annotations

from engine.geo import LocalProjection
from engine.manifest.scene_schema import Poi
from engine.world.plan.heightfield import Heightfield

PIN_RADIUS = 1.0  # a pin's unit size; the node stage scales it with distance


def marker_anchor(poi: Poi, proj: LocalProjection, ground: Heightfield) -> tuple[float, float, float]:
    """Where the pin floats: above the ground at the POI, in scene metres."""
    x, y, _ = proj.to_local(poi.lat, poi.lon)
    return x, y, max(float(ground.height_at(x, y)), 0.0) + poi.marker_m
