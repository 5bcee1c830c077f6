"""The bench's own parts (benchmarks/): the camera path is a tour's flight, the draws counted after
culling follow the camera, and the markdown table carries every scene's figures. No timing is
asserted here: speed is measured by `make bench`, not tested."""
from __future__ import annotations

from benchmarks.camera_path import percentile, tour_poses, visible_draws
from benchmarks.report import markdown
from engine.settings import Settings
from tests.conftest import DATA, ISLET


def test_the_path_is_the_tours_flight_spread_evenly():
    settings = Settings(scenes_dir=DATA / "scenes", scripts_dir=DATA / "tours")
    tour, poses = tour_poses(settings, "islet", 20)
    assert tour == "islet-basics" and len(poses) == 20
    assert len({pos for pos, _ in poses}) > 10  # it flies: not one pose repeated
    assert tour_poses(settings, "no-such-scene", 20) == (None, [])


def test_draws_after_culling_follow_the_camera(open_view, offscreen_base):
    view = open_view(ISLET)
    root, cam = view.built.root, offscreen_base.cam
    view.rig.look_from((0, -300, 120), (0, 0, 0))
    seen = visible_draws(cam, root)
    view.rig.look_from((0, -300, 120), (0, -2000, 2000))  # up and away, into the sky
    away = visible_draws(cam, root)
    total = sum(p.node().get_num_geoms() for p in root.find_all_matches("**/+GeomNode"))
    assert 0 <= away < seen <= total


def test_percentiles_and_the_table():
    assert percentile([1, 2, 3, 4, 100], 50) == 3 and percentile([1, 2, 3, 4, 100], 99) == 100
    results = {"machine": {"cpu": "CPU", "cores": 2, "renderer": "llvmpipe", "platform": "Linux"}, "peak_rss_mb": 400,
               "scenes": {"islet": {"cold_build_to_first_frame_s": 0.7, "warm_load_to_first_frame_s": 0.2,
                                    "triangles": 14392, "draw_calls": 24, "texture_bytes": 0,
                                    "path": {"tour": "islet-basics", "size": "1920x1080", "frame_ms_p50": 20.0,
                                             "frame_ms_p95": 30.0, "frame_ms_p99": 35.0, "worst_over_p50": 1.8,
                                             "draw_calls_median": 19, "draw_calls_max": 24}}},
               "commands": {"render islet": {"warm_s_median": 1.1}}, "tours": {}}
    table = markdown(results)
    assert "| islet | 0.7 | 0.2 | 1.1 | 14,392 | 24 | 19/24 |" in table and "| 20.0 | 30.0 | 35.0 | 1.8x |" in table
    row = next(line for line in table.splitlines() if line.startswith("| islet"))
    assert row.endswith("| – | – | – | – | – | – |")  # no baseline measured: said, not invented
    results["scenes"]["islet"]["path"]["baselines"] = {
        "naive": {"frame_ms_p50": 60.0, "draw_calls_median": 900, "over_ludao_p50": 3.0},
        "batched": {"frame_ms_p50": 24.0, "draw_calls_median": 20, "over_ludao_p50": 1.2}}
    row = next(line for line in markdown(results).splitlines() if line.startswith("| islet"))
    assert row.endswith("| 60.0 | 900 | 3.0x | 24.0 | 20 | 1.2x |")
    results["window_tours"] = {"islet": {"tour": "islet-basics", "size": "1920x1080", "seconds": 60.0, "fps_mean": 9.5,
                                         "frame_ms_p50": 100.0, "frame_ms_p95": 150.0, "frame_ms_p99": 180.0,
                                         "worst_over_p50": 1.9, "spike_max": 1.4}}
    assert "| islet-basics (islet) | 1920x1080 | 60 | 9.5 | 100.0 | 150.0 | 180.0 | 1.9x | 1.4x |" in markdown(results)


def test_a_hitch_stands_out_from_a_view_that_slowly_costs_more():
    """The window tour's spike: a frame over the frames around it. A view growing dearer frame by
    frame is no spike; one frame blocked on a disk is."""
    from benchmarks.window_tour import frame_summary, spikes
    ramp = [20.0 + i * 0.5 for i in range(100)]
    assert max(spikes(ramp)) < 1.2
    blocked = [20.0] * 100
    blocked[60] = 90.0
    assert max(spikes(blocked)) == 4.5 and spikes(blocked).index(4.5) == 60
    at = [i * 0.05 for i in range(200)]
    summary = frame_summary([20.0] * 100 + blocked, at)  # the first 3 s (60 frames) left out
    assert summary["frames"] == 140 and summary["spike_max"] == 4.5 and summary["longest"][0]["ms"] == 90.0
    assert summary["longest"][0]["at_s"] == round(160 * 0.05 - 3.0, 2)
