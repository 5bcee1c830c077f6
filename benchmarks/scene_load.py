"""Scene load and frame-time benchmark: cold build, warm load from the cache, and frame times.

Run with `make bench` (or `python run_tour.py bench --out FILE.json`); it ends with the stereo pair's
frame time at a headset's size (benchmarks/stereo.py). Times are wall-clock on this
machine; with software GL (llvmpipe) every frame time is a CPU figure and varies run to run, so
each figure is the median of several runs. Record results in docs/PERFORMANCE.md with the machine.
"""
from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.baseline import bench_baselines
from benchmarks.camera_path import frame_ms, path_frames, texture_bytes, tour_poses
from benchmarks.machine import cpu_model
from engine.files import atomic_write
from engine.settings import Settings

WARM_RUNS = 5
FRAMES = 30
PATH_POSES = 60         # a tour's flight, mono
STEREO_PATH_POSES = 20  # ... and at a headset's size
COMMAND_RUNS = 3


def _scene_stats(root) -> tuple[int, int]:
    """(draw calls, triangles) of everything under root, as Panda3D would submit them; of a batch
    with a far level, its full (near) mesh only, as the export writes it."""
    from panda3d.core import LODNode
    geoms = triangles = 0
    matches = root.find_all_matches("**/+GeomNode")
    for i in range(matches.get_num_paths()):
        path = matches.get_path(i)
        node = path.node()
        parent = path.get_parent()
        if parent.node().is_of_type(LODNode.get_class_type()) and parent.node().find_child(node) > 0:
            continue
        for j in range(node.get_num_geoms()):
            geoms += 1
            geom = node.get_geom(j)
            for k in range(geom.get_num_primitives()):
                triangles += geom.get_primitive(k).get_num_faces()
    return geoms, triangles


def _load_to_first_frame(base, manifest: Path, cache) -> tuple[float, bool, object]:
    from engine.display.scene_view import SceneView
    from engine.world.library import get_scene
    start = time.perf_counter()
    built, report = get_scene(manifest, base.loader, cache)
    view = SceneView(base, built)
    view.render_frame()
    return time.perf_counter() - start, report.from_cache, view


def run_benchmarks(settings: Settings, out: Path | None, size: tuple[int, int], baseline: bool = True) -> dict:
    from engine.display.base import make_base
    from engine.gl_info import renderer_description
    from engine.scene_library import scene_manifests
    from engine.world.cache import SceneCache

    started = time.perf_counter()
    base = make_base(offscreen=True, size=size, quality=settings.quality)
    startup = time.perf_counter() - started
    results = {"machine": {"platform": platform.platform(), "cpu": cpu_model(), "cores": os.cpu_count(),
                           "renderer": renderer_description(base)},
               "size": f"{size[0]}x{size[1]}", "showbase_startup_s": round(startup, 3), "scenes": {}}
    scratch = Path(tempfile.mkdtemp(prefix="ludao-bench-"))
    try:
        for scene_id, manifest in scene_manifests(settings.scenes_dir).items():
            cache = SceneCache(scratch / scene_id)
            cold, hit, view = _load_to_first_frame(base, manifest, cache)
            assert not hit
            view.detach()
            warm = []
            for _ in range(WARM_RUNS):
                seconds, hit, view = _load_to_first_frame(base, manifest, cache)
                assert hit
                warm.append(seconds)
                if len(warm) < WARM_RUNS:
                    view.detach()
            frames = [frame_ms(view) for _ in range(FRAMES)]
            draws, tris = _scene_stats(view.built.root)
            tour_id, poses = tour_poses(settings, scene_id, PATH_POSES)
            path = path_frames(view, poses, base.cam) if poses else {}
            textures = texture_bytes(view.built.root)
            lens = view.lens
            view.detach()
            if poses and baseline:  # the same poses, size and lens, drawn by a bare loader
                path["baselines"] = bench_baselines(settings, scene_id, poses, size, lens)
                for b in path["baselines"].values():
                    b["over_ludao_p50"] = round(b["frame_ms_p50"] / path["frame_ms_p50"], 2)
            results["scenes"][scene_id] = {
                "cold_build_to_first_frame_s": round(cold, 3),
                "warm_load_to_first_frame_s": round(statistics.median(warm), 3),
                "warm_runs_s": [round(w, 3) for w in warm],
                "frame_ms_median": round(statistics.median(frames), 1),
                "frame_ms_p95": round(sorted(frames)[int(len(frames) * 0.95) - 1], 1),
                "draw_calls": draws, "triangles": tris, "texture_bytes": textures,
                "path": {"tour": tour_id, "size": f"{size[0]}x{size[1]}", **path},
            }
            r = results["scenes"][scene_id]
            print(f"{scene_id:10s} cold {r['cold_build_to_first_frame_s']:6.2f} s   warm {r['warm_load_to_first_frame_s']:5.2f} s"
                  f"   frame {r['frame_ms_median']:6.1f} ms (p95 {r['frame_ms_p95']:.1f})   {draws} draws, {tris:,} triangles",
                  flush=True)
            if path:
                print(f"{'':10s} path of {tour_id}: p50 {path['frame_ms_p50']} / p95 {path['frame_ms_p95']} / p99 "
                      f"{path['frame_ms_p99']} ms, worst {path['worst_over_p50']} x p50, "
                      f"{path['draw_calls_median']} draws after culling (max {path['draw_calls_max']})", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        base.destroy()
    from benchmarks.commands import bench_commands
    from benchmarks.stereo import bench_stereo, bench_stereo_path
    from benchmarks.tour_run import bench_tours
    results["tours"] = bench_tours(settings)
    if "shapowei" in scene_manifests(settings.scenes_dir):  # the headset-sized pair (benchmarks/stereo.py)
        results["stereo"] = bench_stereo(settings, rounds=3)
    for scene_id in results["scenes"]:
        _, poses = tour_poses(settings, scene_id, STEREO_PATH_POSES)
        if poses:
            results["scenes"][scene_id]["stereo_path"] = bench_stereo_path(settings, scene_id, poses)
    results["commands"] = bench_commands(settings, list(results["scenes"]), COMMAND_RUNS)
    from benchmarks.window_tour import bench_window_tours  # a tour on the real clock, hitches and all
    results["window_tours"] = bench_window_tours(settings, list(results["scenes"]), size)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if out:
        from benchmarks.report import markdown
        with atomic_write(out) as f:  # the checked write: exit 2 with the path when it cannot be written
            f.write(json.dumps(results, indent=2))
        with atomic_write(out.with_suffix(".md")) as f:
            f.write(markdown(results))
        print(f"results written to {out} and {out.with_suffix('.md')}")
    return results
