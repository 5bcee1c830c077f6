"""A scene's world plan from the cache, or planned (and cached) on a miss. Pure: nothing here loads
Panda3D. (Only the facts, without meshes or trimesh: engine.world.scene_facts.)"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from engine.manifest.scene_loader import load_scene
from engine.world.cache import SceneCache, cache_key
from engine.world.plan.layers import WorldPlan


@dataclass
class LoadReport:
    from_cache: bool
    seconds: float


def load_plan(manifest_path: Path, cache: SceneCache | None) -> tuple[WorldPlan, LoadReport]:
    """Validate the manifest, then read its plan from the cache or plan (and cache) it."""
    start = time.perf_counter()
    scene, _ = load_scene(manifest_path)
    key = cache_key(scene, manifest_path) if cache is not None else ""
    if cache is not None:
        plan = cache.load(scene, key)
        if plan is not None:
            return plan, LoadReport(True, time.perf_counter() - start)
    from engine.world.plan.build import plan_world  # trimesh, scipy and friends: only on a miss
    plan = plan_world(scene, manifest_path)
    if cache is not None:
        cache.store(plan, key)
    return plan, LoadReport(False, time.perf_counter() - start)
