"""A ready scene to show: the plan from engine.world.plans, realised as layers of nodes."""
from __future__ import annotations

import time
from pathlib import Path

from engine.world.cache import SceneCache
from engine.world.nodes.live_scene import LiveScene
from engine.world.plans import LoadReport, load_plan


def get_scene(manifest_path: Path, loader, cache: SceneCache | None) -> tuple[LiveScene, LoadReport]:
    start = time.perf_counter()
    plan, report = load_plan(manifest_path, cache)
    scene = LiveScene(plan, loader)
    return scene, LoadReport(report.from_cache, time.perf_counter() - start)
