"""Stereo frame time: Shapowei's default view drawn for a headset-sized pair (two 1440x1600 eyes side
by side in one offscreen buffer, as `render --stereo` and `play --mode stereo` draw them), against
one eye alone (the right eye's region switched off), the two interleaved in rounds in one process
(this machine's load varies up to 2x between runs, so it hits both alike).

    python benchmarks/stereo.py [--eye 1440x1600] [--rounds 6]

A 90 Hz headset leaves 11.1 ms a frame for both eyes; `make bench` runs this too (fewer rounds)."""
from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine.settings import Settings  # noqa: E402

HEADSET_EYE = (1440, 1600)  # a common per-eye panel (Quest 2 class)
BUDGET_90HZ_MS = 1000 / 90
FRAMES_PER_ROUND = 4


def _frames_ms(view, count: int) -> list[float]:
    from benchmarks.camera_path import frame_ms
    return [frame_ms(view) for _ in range(count)]


def bench_stereo(settings: Settings, eye: tuple[int, int] = HEADSET_EYE, rounds: int = 6,
                 scene: str = "shapowei") -> dict:
    from engine.display.side_by_side import on_mono_camera
    from engine.gl_info import renderer_description
    from engine.rendering import OffscreenRenderer
    width, height = eye
    renderer = OffscreenRenderer(replace(settings, size=(2 * width, height), event_ids=("none",)))
    try:
        view, _ = renderer.open(scene)
        pair = on_mono_camera(renderer.base)
        view.render_frame()  # the first frame uploads the scene: not a steady frame
        times: dict[str, list[float]] = {"one_eye": [], "both_eyes": []}
        for _ in range(rounds):
            for name, ms in times.items():
                pair.regions[1].set_active(name == "both_eyes")
                ms += _frames_ms(view, FRAMES_PER_ROUND)
        pair.close()
        view.detach()
        gl = renderer_description(renderer.base)
    finally:
        renderer.close()
    result = {"scene": scene, "view": "default", "eye_size": f"{width}x{height}", "renderer": gl,
              "budget_90hz_ms": round(BUDGET_90HZ_MS, 1)}
    for name, ms in times.items():
        result[f"{name}_ms_median"] = round(statistics.median(ms), 1)
        result[f"{name}_ms_p95"] = round(sorted(ms)[int(len(ms) * 0.95) - 1], 1)
    print(f"stereo     {scene} default view, 2 x {width}x{height}: {result['both_eyes_ms_median']:6.1f} ms/frame "
          f"(p95 {result['both_eyes_ms_p95']:.1f}), one eye {result['one_eye_ms_median']:.1f} ms; "
          f"a 90 Hz headset allows {BUDGET_90HZ_MS:.1f} ms", flush=True)
    return result


def bench_stereo_path(settings: Settings, scene: str, poses: list[tuple], eye: tuple[int, int] = HEADSET_EYE) -> dict:
    """A tour's flight drawn as a headset-sized pair: frame time p50/p95/p99 (benchmarks/camera_path.py)."""
    from benchmarks.camera_path import path_frames
    from engine.display.side_by_side import on_mono_camera
    from engine.rendering import OffscreenRenderer
    width, height = eye
    renderer = OffscreenRenderer(replace(settings, size=(2 * width, height), event_ids=("none",)))
    try:
        view, _ = renderer.open(scene)
        pair = on_mono_camera(renderer.base)
        result = path_frames(view, poses, renderer.base.cam)
        pair.close()
        view.detach()
    finally:
        renderer.close()
    print(f"{'':10s} stereo path 2 x {width}x{height}: p50 {result['frame_ms_p50']} / p95 {result['frame_ms_p95']} / "
          f"p99 {result['frame_ms_p99']} ms", flush=True)
    return {"size": f"2x{width}x{height}", **result}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eye", default="1440x1600", help="one eye's size")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    eye = tuple(int(v) for v in args.eye.split("x"))
    bench_stereo(Settings.from_environment(), eye, args.rounds)


if __name__ == "__main__":
    main()
