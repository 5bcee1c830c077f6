"""Frame time of the two lighting paths (engine.display.lighting): each shipped scene's default
view drawn with `fast` and with `pbr` (simplepbr with the sun's shadows, MSAA off), at 1280x720 and
1920x1080. One process per path and size (a ShowBase's lighting path is chosen when it opens);
each figure is the median of a few frames after one that uploads the scene and compiles shaders.

    python benchmarks/lighting.py [--frames 5] [--sizes 1280x720,1920x1080] [--out FILE.json]

Record the results in docs/PERFORMANCE.md ("Two lighting paths") with the machine."""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


from benchmarks.machine import cpu_model  # noqa: E402  (after the path above)


def measure(quality: str, size: tuple[int, int], frames: int, cache_dir: Path) -> dict:
    """In this process: every shipped scene's default view, `frames` frames each (ms, median)."""
    from engine.display.base import make_base
    from engine.display.lighting import lighting_of
    from engine.display.scene_view import SceneView
    from engine.scene_library import scene_manifests
    from engine.settings import PROJECT_ROOT
    from engine.world.cache import SceneCache
    from engine.world.library import get_scene
    base = make_base(offscreen=True, size=size, quality=quality)
    out = {"quality": lighting_of(base).quality, "renderer": lighting_of(base).renderer, "scenes": {}}
    for scene_id, manifest in scene_manifests(PROJECT_ROOT / "scenes").items():
        built, _ = get_scene(manifest, base.loader, SceneCache(cache_dir))
        view = SceneView(base, built)
        start = time.perf_counter()
        view.render_frame()
        first = (time.perf_counter() - start) * 1000
        times = []
        for _ in range(frames):
            start = time.perf_counter()
            base.task_mgr.step()  # one frame: tasks, then drawing
            times.append((time.perf_counter() - start) * 1000)
        view.detach()
        out["scenes"][scene_id] = {"first_ms": round(first), "frame_ms_median": round(statistics.median(times), 1),
                                   "frame_ms": [round(t, 1) for t in times]}
    base.destroy()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=5)
    parser.add_argument("--sizes", default="1280x720,1920x1080")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--one", nargs=3, metavar=("QUALITY", "SIZE", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # the child process: one path at one size
        quality, size, cache = args.one
        w, h = (int(v) for v in size.split("x"))
        print(json.dumps(measure(quality, (w, h), args.frames, Path(cache))))
        return
    results = {"machine": {"cpu": cpu_model(), "platform": platform.platform()}, "frames": args.frames, "runs": []}
    with tempfile.TemporaryDirectory(prefix="ludao-lighting-") as cache:
        for size in args.sizes.split(","):
            for quality in ("fast", "pbr"):
                done = subprocess.run([sys.executable, __file__, "--one", quality, size, cache,
                                       "--frames", str(args.frames)], capture_output=True, text=True, check=True)
                run = json.loads(done.stdout.strip().splitlines()[-1])
                run["size"] = size
                results["runs"].append(run)
                results["machine"]["renderer"] = run["renderer"]
                for scene_id, r in run["scenes"].items():
                    print(f"{size:9s} {run['quality']:4s} {scene_id:10s} frame {r['frame_ms_median']:7.1f} ms "
                          f"(first {r['first_ms']} ms)  {r['frame_ms']}", flush=True)
    print(f"{results['machine']['cpu']}; {results['machine']['renderer']}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
