"""The naive baseline beside Ludao's figures: the scene as `export --per-object` writes it (.glb: one
node per building, tree and landmark, the ground whole; no batching, no tiles to cull, no LOD), loaded
with plain panda3d-gltf into a bare ShowBase in a process of its own, lit the way the fast path lights a scene
(sun, fill and ambient light and the haze, from the same sky settings: engine.world.plan.sky) and
drawn over the same camera poses at the same size and lens. Nothing of Ludao's node stage helps it:
no flattening, no state sharing, no per-tile culling setup beyond what the file's nodes give.
Beside it, the same bare loader on the engine's own batched export (one mesh per 500 m tile): what
the batching alone buys, and what is left to the node stage.

    python benchmarks/baseline.py JOB.json OUT.json     (the bench writes the job and reads the answer)
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


BASELINES = {"naive": True, "batched": False}  # name -> export per object


def bench_baselines(settings, scene_id: str, poses: list[tuple], size: tuple[int, int], lens) -> dict:
    """Both baselines by name: the naive per-object file and the engine's batched one."""
    return {name: bench_baseline(settings, scene_id, poses, size, lens, per_object=per_object)
            for name, per_object in BASELINES.items()}


def bench_baseline(settings, scene_id: str, poses: list[tuple], size: tuple[int, int], lens, *,
                   per_object: bool = True) -> dict:
    """Export the scene, then time the bare loader and renderer over `poses` in a child process."""
    from engine.export.scene import export_scene
    from engine.manifest.scene_loader import load_scene
    with tempfile.TemporaryDirectory(prefix="ludao-baseline-") as scratch:
        glb = Path(scratch) / f"{scene_id}.glb"
        export_scene(settings, scene_id, ["none"], glb, per_object=per_object)
        scene, _ = load_scene(settings.scenes_dir / scene_id / "scene.yaml")
        job = {"glb": str(glb), "size": list(size), "poses": [[list(p), list(h)] for p, h in poses],
               "fov": list(lens.get_fov()), "near": lens.get_near(), "far": lens.get_far(),
               "hour": scene.sky.time_of_day, "haze": scene.sky.haze, "extent_m": scene.extent_m}
        (Path(scratch) / "job.json").write_text(json.dumps(job))
        subprocess.run([sys.executable, __file__, str(Path(scratch) / "job.json"), str(Path(scratch) / "out.json")],
                       check=True, capture_output=True, timeout=1800)
        result = json.loads((Path(scratch) / "out.json").read_text())
    kind = "per object" if per_object else "tile batches"
    print(f"{'':10s} baseline (bare panda3d-gltf, {kind}): load {result['load_s']} s, p50 {result['frame_ms_p50']} / p95 "
          f"{result['frame_ms_p95']} ms, {result['draw_calls_median']} draws after culling", flush=True)
    return result


def _bare_base(size: tuple[int, int]):
    from direct.showbase.ShowBase import ShowBase
    from panda3d.core import load_prc_file_data
    load_prc_file_data("baseline", f"window-type offscreen\nload-display p3headlessgl\naux-display pandagl\n"
                                   f"win-size {size[0]} {size[1]}\naudio-library-name null\nsync-video false\n"
                                   "framebuffer-multisample false\nmodel-cache-dir\n")
    return ShowBase(windowType="offscreen")


def _light_like_the_fast_path(base, model, job: dict) -> None:
    from panda3d.core import AmbientLight, DirectionalLight, Fog, Vec3, Vec4

    from engine.world.plan.sky import sky_colours
    colours = sky_colours(job["hour"], job["haze"])
    for name, colour, direction in (("sun", colours.sun, colours.sun_dir), ("fill", colours.fill, colours.fill_dir)):
        light = base.render.attach_new_node(DirectionalLight(name))
        light.node().set_color(Vec4(*colour, 1))
        light.look_at(Vec3(*direction))
        model.set_light(light)
    ambient = base.render.attach_new_node(AmbientLight("ambient"))
    ambient.node().set_color(Vec4(*colours.ambient, 1))
    model.set_light(ambient)
    fog = Fog("haze")
    fog.set_color(*colours.horizon)
    fog.set_exp_density(max(1e-5, job["haze"] * 0.7 / max(job["extent_m"] * 2.0, 1.0)))
    model.set_fog(fog)
    base.set_background_color(*colours.horizon, 1)


def main(job_path: str, out_path: str) -> None:
    from panda3d.core import PerspectiveLens

    from benchmarks.camera_path import summary, visible_draws
    job = json.loads(Path(job_path).read_text())
    base = _bare_base(tuple(job["size"]))
    started = time.perf_counter()
    model = base.loader.load_model(job["glb"])  # panda3d-gltf's loader plugin, as a user would
    model.reparent_to(base.render)
    _light_like_the_fast_path(base, model, job)
    lens = PerspectiveLens()
    lens.set_fov(*job["fov"])
    lens.set_near_far(job["near"], job["far"])
    base.cam.node().set_lens(lens)
    base.disable_mouse()

    def draw() -> None:
        base.task_mgr.step()
        base.graphics_engine.render_frame()
        base.graphics_engine.render_frame()

    (pos, hpr), *_ = job["poses"]
    base.camera.set_pos_hpr(*pos, *hpr)
    draw()
    load_s = time.perf_counter() - started
    frames, draws = [], []
    for pos, hpr in job["poses"]:
        base.camera.set_pos_hpr(*pos, *hpr)
        start = time.perf_counter()
        draw()
        frames.append((time.perf_counter() - start) * 1000 / 2)
        draws.append(visible_draws(base.cam, model))
    result = {"load_s": round(load_s, 2), **summary(frames), "draw_calls_median": round(statistics.median(draws)),
              "draw_calls_max": max(draws), "geom_nodes": model.find_all_matches("**/+GeomNode").get_num_paths()}
    Path(out_path).write_text(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:3])
