"""Headless tour runs: wall time to run each shipped tour to its end in simulated time."""
from __future__ import annotations

import statistics
import time

from engine.manifest.scene_loader import load_scene
from engine.settings import Settings
from engine.tour.headless import run_tour
from engine.tour.loader import load_tour, tour_files
from engine.tour_worlds import tour_world_of

RUNS = 3


def bench_tours(settings: Settings) -> dict:
    results = {}
    for path in tour_files(settings.scripts_dir):
        tour, _, _ = load_tour(path, settings.scenes_dir)
        started = time.perf_counter()
        scene, _ = load_scene(settings.scenes_dir / tour.scene / "scene.yaml")
        world = tour_world_of(scene)
        setup = time.perf_counter() - started
        walls = []
        for _ in range(RUNS):
            t = time.perf_counter()
            result = run_tour(tour, path, world)
            walls.append(time.perf_counter() - t)
        results[tour.id] = {"simulated_s": round(result.duration_s, 1), "events": len(result.events),
                            "scene_setup_s": round(setup, 3), "run_wall_s_median": round(statistics.median(walls), 3)}
        r = results[tour.id]
        print(f"tour {tour.id:24s} {r['simulated_s']:6.1f} s simulated in {r['run_wall_s_median']:.2f} s "
              f"(+{r['scene_setup_s']:.2f} s scene setup), {r['events']} events", flush=True)
    return results
