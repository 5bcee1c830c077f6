"""Scaling with props: a synthetic scene whose buildings and trees are multiplied 1x, 4x, 16x and
64x over the same ground, planned, then drawn offscreen along a fixed camera path with the far
levels of detail on (each LODNode picks by distance) and off (each forced to its near mesh), the
two in turn at every pose.

    python benchmarks/scaling.py [--out benchmarks/scaling.json] [--multipliers 1,4,16,64]
                                 [--size 1920x1080] [--poses 36]

The scene (written as a real scene.yaml in a temporary folder, checked by the scene schema) is a
flat 2 km square of land: a town (a district of houses) on its west half and a wood (broadleaf
trees) on its east half, the rest bare. 1x is BUILDINGS houses and TREES trees. The camera path is a
ring around the square at 120 m, a low pass across it at 25 m and a high overview, the same poses
at every multiplier. Per multiplier and per LOD setting: props, the plan's triangles, planning time
and resident memory, draws and triangles after culling and the choice of levels (median/max) and
frame time p50/p95/p99 of a second pass along the path (the first, which uploads each mesh the
first time it shows, is given apart). With software GL each frame time is a CPU figure. Writes JSON and a
markdown table (`make bench-scaling`, which `make bench` runs too).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.machine import cpu_model  # noqa: E402
from engine.geo import LocalProjection  # noqa: E402

BUILDINGS = 40  # at 1x
TREES = 250  # at 1x
MULTIPLIERS = (1, 4, 16, 64)
EXTENT_M = 1000.0
ORIGIN = (24.30, 118.30)
POSES = 30


def _outline(proj: LocalProjection, x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return [[round(v, 7) for v in proj.to_geodetic(x, y)[:2]] for x, y in corners]


def scene_dict(multiplier: int, buildings: int = BUILDINGS, trees: int = TREES, extent: float = EXTENT_M) -> dict:
    """The synthetic scene's manifest (as YAML data) with `multiplier` times the props."""
    proj = LocalProjection(*ORIGIN)
    e = extent
    lat, lon = proj.to_geodetic(0, 0)[:2]
    return {
        "id": "scaling", "name": {"zh": "规模测试", "en": "Scaling"},
        "summary": {"zh": "合成的测试场景。", "en": "A synthetic scene for the scaling benchmark."},
        "origin": {"lat": ORIGIN[0], "lon": ORIGIN[1]}, "extent_m": e,
        "terrain": {"cell_m": 20.0, "areas": [
            {"id": "land", "surface": "land", "outline": _outline(proj, -1.2 * e, -1.2 * e, 1.2 * e, 1.2 * e)},
            {"id": "town", "surface": "land", "outline": _outline(proj, -0.9 * e, -0.8 * e, -0.05 * e, 0.8 * e)},
            {"id": "wood", "surface": "land", "outline": _outline(proj, 0.05 * e, -0.8 * e, 0.9 * e, 0.8 * e)}]},
        # several entries of at most the schema's count each, with their own seeds
        "districts": [{"id": f"town_{k}", "area": "town", "style": "house", "count": n, "seed": k + 1}
                      for k, n in enumerate(_split(buildings * multiplier, 5000))],
        "vegetation": [{"id": f"wood_{k}", "area": "wood", "kind": "broadleaf", "count": n, "seed": k + 1}
                       for k, n in enumerate(_split(trees * multiplier, 20000))],
        "pois": [{"id": "centre", "name": {"zh": "中心", "en": "Centre"},
                  "description": {"zh": "场景中心。", "en": "The middle of the square."},
                  "kind": "hill", "lat": round(lat, 7), "lon": round(lon, 7)}],
        "viewpoints": [{"id": "above", "name": {"zh": "上空", "en": "Above"}, "lat": round(lat, 7),
                        "lon": round(lon, 7), "height_m": 400, "look_at": "centre"}],
    }


def _split(total: int, most: int) -> list[int]:
    return [min(most, total - k) for k in range(0, total, most)]


def write_scene(folder: Path, multiplier: int, **kwargs) -> Path:
    path = folder / "scaling" / "scene.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(scene_dict(multiplier, **kwargs), allow_unicode=True, sort_keys=False))
    return path


def camera_poses(count: int = POSES, extent: float = EXTENT_M) -> list[tuple]:
    """(pos, (h, p, r)) poses: a third on a ring around the square at 120 m looking in, a third
    on a low pass across it at 25 m, a third high up looking down at the middle."""
    def look(pos, target):
        dx, dy, dz = (t - p for t, p in zip(target, pos))
        return (pos, (math.degrees(math.atan2(-dx, dy)), math.degrees(math.atan2(dz, math.hypot(dx, dy))), 0.0))

    third = max(1, count // 3)
    poses = []
    for k in range(third):  # the ring
        a = 2 * math.pi * k / third
        poses.append(look((1.3 * extent * math.cos(a), 1.3 * extent * math.sin(a), 120.0), (0.0, 0.0, 0.0)))
    for k in range(third):  # the low pass, west to east, looking ahead and a little aside
        x = -0.9 * extent + 1.8 * extent * k / max(1, third - 1)
        poses.append(look((x, -0.2 * extent, 25.0), (x + 300.0, 0.1 * extent * math.sin(k), 0.0)))
    for k in range(count - 2 * third):  # the overview
        a = 2 * math.pi * k / max(1, count - 2 * third)
        poses.append(look((0.6 * extent * math.cos(a), 0.6 * extent * math.sin(a), 450.0), (0.0, 0.0, 0.0)))
    return poses


def rss_mb() -> float:
    """Resident memory now (Linux's /proc/self/statm), in MB."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
    except (OSError, ValueError, IndexError):
        return float("nan")


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux's VmHWM). Not getrusage's ru_maxrss: Linux keeps
    that across exec, so a process started by a big one reports its parent's size."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def plan_stats(plan) -> dict:
    props = sum(len(layer.footprints) for layer in plan.layers if layer.name in ("districts", "vegetation"))
    near = sum(layer.triangle_count for layer in plan.layers)
    far = sum(b.far.triangle_count for layer in plan.layers for b in layer.batches if b.far is not None)
    replaced = sum(b.mesh.triangle_count for layer in plan.layers for b in layer.batches if b.far is not None)
    return {"props": props, "buildings": len(plan.layer("districts").footprints),
            "trees": len(plan.layer("vegetation").footprints), "triangles": near,
            "far_batches": sum(b.far is not None for layer in plan.layers for b in layer.batches),
            "far_triangles": far, "triangles_with_far_levels": near - replaced + far,
            "batches": sum(len(layer.batches) for layer in plan.layers)}


def plan_scene(folder: Path, multiplier: int, **kwargs):
    from engine.manifest.scene_loader import load_scene
    from engine.world.plan.build import plan_world
    path = write_scene(folder, multiplier, **kwargs)
    scene, _ = load_scene(path)
    start = time.perf_counter()
    plan = plan_world(scene, path)
    return plan, round(time.perf_counter() - start, 2)


def set_levels(root, on: bool) -> None:
    """Far levels on (each LODNode picks by distance) or off (each forced to its near mesh)."""
    for lod in root.find_all_matches("**/+LODNode"):
        if on:
            lod.node().clear_force_switch()
        else:
            lod.node().force_switch(0)


def draw_path(base, plan, poses) -> dict:
    """The path drawn with far levels on and off at each pose in turn (this machine's load varies up
    to 2x within a run, so it hits both alike): a first pass uploads every mesh the first time it
    shows (given apart), a second is measured."""
    import statistics
    from benchmarks.camera_path import culled, frame_ms, summary
    from engine.display.scene_view import SceneView
    from engine.world.nodes.live_scene import LiveScene
    view = SceneView(base, LiveScene(plan, base.loader))
    root = view.built.root
    try:
        view.rig.set_pose(poses[0][0], *poses[0][1])
        view.render_frame()
        passes = []
        for _ in range(2):
            frames = {True: [], False: []}
            counts = {True: [], False: []}
            for k, (pos, hpr) in enumerate(poses):
                view.rig.set_pose(pos, *hpr)
                for on in ((True, False) if k % 2 == 0 else (False, True)):
                    set_levels(root, on)
                    frames[on].append(frame_ms(view))
                    counts[on].append(culled(base.cam, root, on))
            passes.append((frames, counts))
        set_levels(root, True)
        (first, _), (frames, counts) = passes
        out = {}
        for on, key in ((True, "lod_on"), (False, "lod_off")):
            draws = [d for d, _ in counts[on]]
            tris = [t for _, t in counts[on]]
            first_pass = summary(first[on])
            out[key] = summary(frames[on]) | {
                "draw_calls_median": round(statistics.median(draws)), "draw_calls_max": max(draws),
                "triangles_drawn_median": round(statistics.median(tris)), "triangles_drawn_max": max(tris),
                "first_pass": {k: first_pass[k] for k in ("frame_ms_p50", "frame_ms_p95", "frame_ms_p99")}}
        return out
    finally:
        view.detach()


def plan_alone(multiplier: int, buildings: int, trees: int) -> dict:
    """Plan the scene at `multiplier` in a process of its own: {plan_s, peak_rss_mb}, so neither
    this process's drawing nor the previous multipliers count in its memory."""
    import subprocess
    done = subprocess.run([sys.executable, __file__, "--plan-only", str(multiplier), "--buildings", str(buildings),
                           "--trees", str(trees)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(multipliers=MULTIPLIERS, size=(1920, 1080), poses: int = POSES, out: Path | None = None,
        buildings: int = BUILDINGS, trees: int = TREES, base=None, plan_apart: bool = True) -> dict:
    from engine.display.base import make_base
    from engine.gl_info import renderer_description
    own_base = base is None
    base = base or make_base(offscreen=True, size=size, quality="fast")
    path = camera_poses(poses)
    results = {"machine": {"platform": platform.platform(), "cpu": cpu_model(), "cores": os.cpu_count(),
                           "renderer": renderer_description(base)},
               "size": f"{size[0]}x{size[1]}", "poses": len(path), "per_1x": {"buildings": buildings, "trees": trees},
               "runs": {}}
    try:
        with tempfile.TemporaryDirectory(prefix="ludao-scaling-") as folder:
            for m in multipliers:
                # time and memory of planning, in a fresh process (plan_apart False: the time here)
                plan, seconds = plan_scene(Path(folder), m, buildings=buildings, trees=trees)
                alone = plan_alone(m, buildings, trees) if plan_apart else {"plan_s": seconds, "peak_rss_mb": None}
                row = {"multiplier": m, **plan_stats(plan), "plan_s": alone["plan_s"],
                       "plan_peak_rss_mb": alone["peak_rss_mb"], "bench_rss_mb": rss_mb()}
                row.update(draw_path(base, plan, path))
                results["runs"][str(m)] = row
                del plan
                print(f"{m:3d}x  {row['props']:6d} props  {row['triangles']:9,d} triangles  plan {row['plan_s']:5.1f} s  "
                      + "  ".join(f"{k}: p50 {r['frame_ms_p50']} ms, draws {r['draw_calls_median']}/"
                                  f"{r['draw_calls_max']}, drawn {r['triangles_drawn_median']:,d}"
                                  for k, r in (("LOD on", row["lod_on"]), ("LOD off", row["lod_off"]))), flush=True)
    finally:
        if own_base:
            base.destroy()
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if out:
        from engine.files import atomic_write
        with atomic_write(out) as f:
            f.write(json.dumps(results, indent=2))
        with atomic_write(out.with_suffix(".md")) as f:
            f.write(markdown(results))
        print(f"results written to {out} and {out.with_suffix('.md')}")
    return results


def real_scenes(scene_ids, size=(1920, 1080), poses: int = 40) -> dict:
    """The shipped scenes along their first tour's flight (benchmarks/camera_path.py's poses), far
    levels on and off, interleaved per scene in one process: what the far levels change there."""
    from benchmarks.camera_path import tour_poses
    from engine.display.base import make_base
    from engine.manifest.scene_loader import load_scene
    from engine.settings import Settings
    from engine.world.plan.build import plan_world
    settings = Settings()
    base = make_base(offscreen=True, size=size, quality="fast")
    out = {}
    try:
        for scene_id in scene_ids:
            path = settings.scenes_dir / scene_id / "scene.yaml"
            scene, _ = load_scene(path)
            plan = plan_world(scene, path)
            tour, flight = tour_poses(settings, scene_id, poses)
            out[scene_id] = {"tour": tour, "far_batches": plan_stats_far(plan), **draw_path(base, plan, flight)}
            print(scene_id, {k: (v["frame_ms_p50"], v["frame_ms_p99"], v["triangles_drawn_median"])
                             for k, v in out[scene_id].items() if k.startswith("lod")}, flush=True)
    finally:
        base.destroy()
    return out


def plan_stats_far(plan) -> dict:
    return {"far_batches": sum(b.far is not None for layer in plan.layers for b in layer.batches),
            "triangles": sum(layer.triangle_count for layer in plan.layers),
            "replaced": sum(b.mesh.triangle_count for layer in plan.layers for b in layer.batches if b.far is not None),
            "far_triangles": sum(b.far.triangle_count for layer in plan.layers for b in layer.batches if b.far is not None)}


def markdown(results: dict) -> str:
    """The scaling table (benchmarks/report.py's style): one row per multiplier and LOD setting."""
    m = results["machine"]
    one = results["per_1x"]
    lines = [f"Machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores; GL: {m['renderer']}; {m['platform']}.",
             f"1x = {one['buildings']} houses and {one['trees']} trees asked for; {results['poses']} poses at "
             f"{results['size']}. Peak RSS of the process: {results.get('peak_rss_mb', '?')} MB.", "",
             "| props | placed (houses + trees) | triangles in the plan | plan s | planning's peak RSS MB | LOD | "
             "draws after culling (median/max) | triangles drawn (median/max) | p50 ms | p95 | p99 | first pass p50 / p99 |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for key, r in results["runs"].items():
        for lod in ("lod_on", "lod_off"):
            p = r[lod]
            lines.append(f"| {key}x | {r['buildings']:,} + {r['trees']:,} | {r['triangles']:,} | {r['plan_s']} | "
                         f"{r['plan_peak_rss_mb']} | {'on' if lod == 'lod_on' else 'off'} | "
                         f"{p['draw_calls_median']}/{p['draw_calls_max']} | {p['triangles_drawn_median']:,}/"
                         f"{p['triangles_drawn_max']:,} | {p['frame_ms_p50']} | {p['frame_ms_p95']} | {p['frame_ms_p99']} | "
                         f"{p['first_pass']['frame_ms_p50']} / {p['first_pass']['frame_ms_p99']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "scaling.json")
    parser.add_argument("--multipliers", default=",".join(map(str, MULTIPLIERS)))
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--poses", type=int, default=POSES)
    parser.add_argument("--scenes", default="", help="instead: these shipped scenes (comma-separated) along a tour")
    parser.add_argument("--plan-only", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--buildings", type=int, default=BUILDINGS)
    parser.add_argument("--trees", type=int, default=TREES)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    if args.plan_only:
        with tempfile.TemporaryDirectory(prefix="ludao-scaling-") as folder:
            _, seconds = plan_scene(Path(folder), args.plan_only, buildings=args.buildings, trees=args.trees)
        print(json.dumps({"plan_s": seconds, "peak_rss_mb": peak_rss_mb()}))
        return
    if args.scenes:
        results = real_scenes(args.scenes.split(","), size)
        if args.out:
            from engine.files import atomic_write
            with atomic_write(args.out) as f:
                f.write(json.dumps(results, indent=2))
        return
    run(tuple(int(v) for v in args.multipliers.split(",")), size, args.poses, args.out, args.buildings, args.trees)


if __name__ == "__main__":
    main()
