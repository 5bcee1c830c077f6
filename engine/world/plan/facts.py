"""The scene facts: the ground and the footprints of what stands on it, per layer. This is the
part of the plan a tour needs (where the camera may fly), computed without building a mesh, so
a headless tour loads neither Panda3D nor trimesh; the full plan carries the same facts."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from engine.geo import LocalProjection
from engine.manifest.scene_schema import Landmark, SceneManifest
from engine.world.plan.clearance import Clearance
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.layout import Layout, plan_layout
from engine.world.plan.sizes import DEFAULT_SIZE
from engine.world.plan.terrain import build_heightfield


@dataclass
class SceneFacts:
    projection: LocalProjection
    ground: Heightfield
    water_level_m: float
    # layer name -> ((N, 4) x, y, radius, top; exact). See engine.world.plan.clearance.
    footprints: dict[str, tuple[np.ndarray, bool]] = field(default_factory=dict)

    def clearance(self) -> Clearance:
        return Clearance(self.ground, self.water_level_m, self.footprints.values())

    def to_arrays(self) -> dict:
        arrays = {f"ground_{k}": v for k, v in self.ground.to_arrays().items()}
        arrays["facts_meta"] = np.array([self.projection.lat0, self.projection.lon0, self.water_level_m])
        for name, (prints, exact) in self.footprints.items():
            arrays[f"footprints_{'exact' if exact else 'raster'}_{name}"] = np.asarray(prints, dtype=np.float64)
        return arrays

    @staticmethod
    def from_arrays(arrays) -> "SceneFacts":
        lat0, lon0, water = (float(v) for v in arrays["facts_meta"])
        ground = Heightfield.from_arrays({k: arrays[f"ground_{k}"] for k in ("heights", "land", "meta")})
        prints = {}
        for key in arrays:
            if key.startswith("footprints_"):
                _, kind, name = key.split("_", 2)
                prints[name] = (np.asarray(arrays[key]).reshape(-1, 4), kind == "exact")
        return SceneFacts(LocalProjection(lat0, lon0), ground, water, prints)


def landmark_footprint(lm: Landmark, proj: LocalProjection, ground: Heightfield) -> tuple | None:
    """A landmark as a circle the camera keeps out of (bridges and piers are flown over freely)."""
    if lm.lat is None or lm.kind in ("bridge", "pier"):
        return None
    w, d, h = lm.size_m or DEFAULT_SIZE.get(lm.kind, (10, 10, 10))
    x, y, _ = proj.to_local(lm.lat, lm.lon)
    base = lm.base_m if lm.base_m is not None else max(float(ground.height_at(x, y)), 0.0)
    return (x, y, math.hypot(w, d) / 2, base + h)


def facts_from(scene: SceneManifest, proj: LocalProjection, ground: Heightfield, layout: Layout) -> SceneFacts:
    landmarks = [f for f in (landmark_footprint(lm, proj, ground) for lm in scene.landmarks) if f is not None]
    return SceneFacts(proj, ground, scene.water.level_m, {
        "landmarks": (np.array(landmarks, dtype=np.float64).reshape(-1, 4), True),
        "districts": (np.array(layout.footprints(), dtype=np.float64).reshape(-1, 4), False),
    })


def plan_facts(scene: SceneManifest) -> SceneFacts:
    proj = LocalProjection(scene.origin.lat, scene.origin.lon)
    ground = build_heightfield(scene, proj)
    return facts_from(scene, proj, ground, plan_layout(scene, proj, ground))
