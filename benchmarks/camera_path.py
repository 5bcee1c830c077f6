"""Frame times along a fixed camera path: a tour's own flight through its scene, sampled evenly from
the headless run's camera events (the same poses every run), drawn offscreen one pose a frame.

For each path: frame time p50/p95/p99 and the worst frame, the draw calls left after view-frustum
culling (the Geoms whose bounds meet the lens's frustum, as Panda3D's cull decides it), the triangles
and the texture memory of the scene. With software GL (llvmpipe) each frame time is a CPU figure.
"""
from __future__ import annotations

import statistics
import time

from engine.manifest.scene_loader import load_scene
from engine.settings import Settings
from engine.tour.headless import run_tour
from engine.tour.loader import load_tour, tour_files
from engine.tour_worlds import tour_world_of


def tour_poses(settings: Settings, scene_id: str, count: int) -> tuple[str | None, list[tuple]]:
    """(the tour's id, `count` (pos, hpr) poses spread evenly over its flight): the scene's first
    tour by file name; (None, []) for a scene without tours."""
    for path in tour_files(settings.scripts_dir):
        tour, _, _ = load_tour(path, settings.scenes_dir)
        if tour.scene != scene_id:
            continue
        scene, _ = load_scene(settings.scenes_dir / scene_id / "scene.yaml")
        events = run_tour(tour, path, tour_world_of(scene)).events
        cameras = [(tuple(e["pos"]), tuple(e["hpr"])) for e in events if e["type"] == "camera"]
        if not cameras:
            continue
        step = max(1, len(cameras) // count)
        return tour.id, cameras[::step][:count]
    return None, []


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def lod_shown(path, camera, levels: bool = True) -> bool:
    """Whether a GeomNode is drawn as far as levels of detail go: True unless it is a child of an
    LODNode whose switch for that child does not hold the camera's distance (measured, as Panda3D
    does, from the camera's LOD centre to the LODNode's centre). With `levels` False (every LODNode
    forced to its first child, the near mesh) only first children are drawn."""
    from panda3d.core import LODNode
    parent = path.get_parent()
    if parent.is_empty() or not parent.node().is_of_type(LODNode.get_class_type()):
        return True
    lod = parent.node()
    index = parent.node().find_child(path.node())
    if not levels:
        return index == 0
    centre_of = camera.node().get_lod_center()
    eye = camera if centre_of.is_empty() else centre_of
    distance = eye.get_relative_point(parent, lod.get_center()).length()
    return lod.get_out(index) <= distance < lod.get_in(index)


def culled(camera, root, levels: bool = True) -> tuple[int, int]:
    """(draws, triangles) under `root` that survive view-frustum culling (the Geoms whose bounds meet
    `camera`'s frustum, as Panda3D's cull decides it) and the choice of levels of detail (`levels`:
    see lod_shown)."""
    frustum = camera.node().get_lens().make_bounds()
    draws = triangles = 0
    for path in root.find_all_matches("**/+GeomNode"):
        if path.is_hidden() or not lod_shown(path, camera, levels):
            continue
        bounds = path.node().get_bounds().make_copy()
        bounds.xform(path.get_mat(camera))
        if frustum.contains(bounds):
            node = path.node()
            draws += node.get_num_geoms()
            triangles += sum(geom.get_primitive(k).get_num_faces() for geom in node.get_geoms()
                             for k in range(geom.get_num_primitives()))
    return draws, triangles


def visible_draws(camera, root) -> int:
    """Geoms under `root` whose bounds meet `camera`'s frustum: what survives view-frustum culling."""
    return culled(camera, root)[0]


def texture_bytes(root) -> int:
    return sum(tex.estimate_texture_memory() for tex in root.find_all_textures())


def frame_ms(view) -> float:
    """The time of one frame of `view`, in ms: its render_frame draws two, so half of the call."""
    start = time.perf_counter()
    view.render_frame()
    return (time.perf_counter() - start) * 1000 / 2


def path_frames(view, poses: list[tuple], camera) -> dict:
    """Each pose drawn once, after one unmeasured frame at the first (it uploads the scene)."""
    view.rig.set_pose(poses[0][0], *poses[0][1])
    view.render_frame()
    frames, draws, triangles = [], [], []
    for pos, hpr in poses:
        view.rig.set_pose(pos, *hpr)
        frames.append(frame_ms(view))
        d, t = culled(camera, view.built.root)
        draws.append(d)
        triangles.append(t)
    return summary(frames) | {"draw_calls_median": round(statistics.median(draws)), "draw_calls_max": max(draws),
                              "triangles_drawn_median": round(statistics.median(triangles)),
                              "triangles_drawn_max": max(triangles)}


def summary(frames_ms: list[float]) -> dict:
    p50 = statistics.median(frames_ms)
    return {"frames": len(frames_ms), "frame_ms_p50": round(p50, 1), "frame_ms_p95": round(percentile(frames_ms, 95), 1),
            "frame_ms_p99": round(percentile(frames_ms, 99), 1), "frame_ms_worst": round(max(frames_ms), 1),
            "worst_over_p50": round(max(frames_ms) / p50, 2)}
