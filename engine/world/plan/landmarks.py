"""Landmarks from the manifest: kit shapes placed on the terrain, or glTF models."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.geo import LocalProjection
from engine.manifest.scene_schema import Landmark
from engine.world.plan import kit
from engine.world.plan.mesh import Mesh, heading_rotation, hex_colour
from engine.world.plan.sizes import DEFAULT_SIZE
from engine.world.plan.heightfield import Heightfield



def landmark_mesh(lm: Landmark, proj: LocalProjection, ground: Heightfield) -> Mesh | None:
    """The kit mesh of a landmark in scene coordinates, or None for glTF models."""
    w, d, h = lm.size_m or DEFAULT_SIZE[lm.kind]
    colours = {}
    if lm.colour:
        colours["wall"] = hex_colour(lm.colour)
    if lm.roof_colour:
        colours["roof"] = hex_colour(lm.roof_colour)
    if lm.kind in ("bridge", "pier"):
        path = np.array(lm.path)
        points = proj.to_local_many(path[:, 0], path[:, 1])[:, :2]
        deck = colours.get("wall", (0.78, 0.76, 0.72, 1.0) if lm.kind == "bridge" else kit.WOOD)
        deck_z = (lm.base_m or 0.0) + h
        return kit.along_path(points, w, deck_z, 1.2 if lm.kind == "bridge" else 0.5, deck,
                              pier_spacing=40.0 if lm.kind == "bridge" else 8.0, ground_z=ground.height_at)
    if lm.kind == "model":
        return None
    x, y, _ = proj.to_local(lm.lat, lm.lon)
    base = lm.base_m if lm.base_m is not None else _footprint_ground(ground, x, y, w, d, lm.kind)
    builder = {
        "church": kit.church, "villa": kit.villa, "pavilion": kit.pavilion, "temple": kit.temple,
        "hall": kit.hall, "tower": kit.tower,
    }.get(lm.kind)
    if lm.kind in ("villa", "hall"):
        colours["with_dome"] = lm.dome
    if builder is not None:
        mesh = builder(w, d, h, **colours)
    elif lm.kind == "rock":
        mesh = kit.rock(w, d, h, colours.get("wall", kit.GRANITE), seed=sum(map(ord, lm.id)))
    else:  # statue
        mesh = kit.statue(w, d, h, colours.get("wall", (0.80, 0.78, 0.72, 1.0)))
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
