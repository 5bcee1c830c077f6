"""The scene facts: the ground and the footprints of what stands on it, per layer. This is the
part of the plan a tour needs (where the camera may fly); engine.world.plan.plan_facts computes
it without building a mesh, so a headless tour loads neither Panda3D nor trimesh. The full plan
carries the same facts. Plain data: reading it needs numpy only."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine.geo import LocalProjection
from engine.world.plan.clearance import Clearance
from engine.world.plan.heightfield import Heightfield


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
