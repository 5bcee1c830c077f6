"""Planning the scene facts: the heightfield, the footprints of the landmarks (checked exactly)
and of the generated district buildings (rasterised). No meshes, no trimesh."""
from __future__ import annotations

import math

import numpy as np

from engine.geo import LocalProjection
from engine.manifest.scene_schema import PATH_KINDS, Landmark, SceneManifest
from engine.world.plan.boats import multi_footprints
from engine.world.plan.facts import SceneFacts
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.layout import Layout, plan_layout
from engine.world.plan.sizes import DEFAULT_SIZE
from engine.world.plan.skyline_facts import skyline_footprints
from engine.world.plan.terrain import build_heightfield


def landmark_footprint(lm: Landmark, proj: LocalProjection, ground: Heightfield) -> tuple | None:
    """A landmark as a circle the camera keeps out of (path kinds, low decks, are flown over freely)."""
    if lm.lat is None or lm.kind in PATH_KINDS:
        return None
    w, d, h = lm.size_m or DEFAULT_SIZE.get(lm.kind, (10, 10, 10))
    x, y, _ = proj.to_local(lm.lat, lm.lon)
    base = lm.base_m if lm.base_m is not None else max(float(ground.height_at(x, y)), 0.0)
    return (x, y, math.hypot(w, d) / 2, base + h)


def facts_from(scene: SceneManifest, proj: LocalProjection, ground: Heightfield, layout: Layout) -> SceneFacts:
    landmarks = []
    for lm in scene.landmarks:
        many = multi_footprints(lm, proj, ground, scene.water.level_m)
        one = landmark_footprint(lm, proj, ground) if many is None else None
        landmarks += many if many is not None else [one] if one is not None else []
    return SceneFacts(proj, ground, scene.water.level_m, {
        "landmarks": (np.array(landmarks, dtype=np.float64).reshape(-1, 4), True),
        "districts": (np.array(layout.footprints(), dtype=np.float64).reshape(-1, 4), False),
        "skyline": (skyline_footprints(scene, proj), True),
    })


def plan_facts(scene: SceneManifest) -> SceneFacts:
    proj = LocalProjection(scene.origin.lat, scene.origin.lon)
    ground = build_heightfield(scene, proj)
    return facts_from(scene, proj, ground, plan_layout(scene, proj, ground))
