"""Landmarks from the manifest: kit shapes placed on the terrain, or glTF models."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.geo import LocalProjection
from engine.manifest.scene_schema import PATH_KINDS, Landmark
from engine.world.plan import boats, kit, kit_shapes
from engine.world.plan.mesh import Mesh, heading_rotation, hex_colour, merge
from engine.world.plan.sizes import DEFAULT_SIZE
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.kit_kinds import standing_mesh

# path kinds: deck colour, deck thickness and the spacing of the piers under it, in metres
_DECKS = {"bridge": ((0.78, 0.76, 0.72, 1.0), 1.2, 40.0), "pier": (kit.WOOD, 0.5, 8.0),
          "boardwalk": ((0.55, 0.40, 0.27, 1.0), 0.3, 4.0)}


def landmark_mesh(lm: Landmark, proj: LocalProjection, ground: Heightfield, water_level_m: float = 0.0) -> Mesh | None:
    """The kit mesh of a landmark in scene coordinates, or None for glTF models."""
    w, d, h = lm.size_m or DEFAULT_SIZE[lm.kind]
    colours: dict = {}
    if lm.colour:
        colours["wall"] = hex_colour(lm.colour)
    if lm.roof_colour:
        colours["roof"] = hex_colour(lm.roof_colour)
    if lm.kind in PATH_KINDS:
        path = np.array(lm.path)
        points = proj.to_local_many(path[:, 0], path[:, 1])[:, :2]
        deck_colour, thickness, spacing = _DECKS[lm.kind]
        deck_z = (lm.base_m or 0.0) + h
        return kit.along_path(points, w, deck_z, thickness, colours.get("wall", deck_colour),
                              pier_spacing=spacing, ground_z=ground.height_at)
    if lm.kind == "model":
        return None
    if lm.kind == "fort_wall" and lm.path is not None:
        return kit_shapes.wall_along_path(boats.path_points(lm, proj), d, h, colours.get("wall", kit.GRANITE),
                                          ground.height_at, base_m=lm.base_m)
    mesh = standing_mesh(lm.kind, w, d, h, colours, dome=lm.dome, seed=sum(map(ord, lm.id)), top=lm.top,
                         pose=lm.pose)
    if lm.kind == "boat":
        base = boats.boat_base(lm, water_level_m)
        return merge([mesh.transformed(heading_rotation(heading), (x, y, base))
                      for x, y, heading in boats.boat_spots(lm, proj)])
    x, y, _ = proj.to_local(lm.lat, lm.lon)
    base = lm.base_m if lm.base_m is not None else _footprint_ground(ground, x, y, w, d, lm.kind)
    return mesh.transformed(heading_rotation(lm.heading_deg), (x, y, base))


def _footprint_ground(ground: Heightfield, x, y, w, d, kind) -> float:
    """Sit on the lowest ground under the footprint (buildings) or the centre (rocks), never in water."""
    r = max(w, d) / 2
    sx = np.array([0, -r, r, -r, r]) * 0.8 + x
    sy = np.array([0, -r, -r, r, r]) * 0.8 + y
    heights = ground.height_at(sx, sy)
    if kind == "rock":  # boulders sink a little into the summit they crown
        return max(float(heights[0]) - min(w, d) * 0.15, 0.2)
    return max(float(heights.min()), 0.2)


def model_placement(lm: Landmark, proj: LocalProjection, ground: Heightfield) -> tuple[tuple, float, float]:
    x, y, _ = proj.to_local(lm.lat, lm.lon)
    base = lm.base_m if lm.base_m is not None else max(float(ground.height_at(x, y)), 0.0)
    return (x, y, base), lm.heading_deg, 1.0


def resolve_model(lm: Landmark, manifest_path: Path) -> Path:
    return (manifest_path.parent / lm.model).resolve()
