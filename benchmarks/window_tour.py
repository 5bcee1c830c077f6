"""A guided tour played in a real window on the real clock, as a visitor sees it: every frame's time,
taken by the engine itself (`play --frame-times`), over the first minute of each scene's first tour.

Along a tour the frame time changes with the view (a wide view over the whole island costs more
than a street), so the worst frame over the median mixes two things. A hitch is a frame much longer
than the frames around it: `spike` is the worst frame over the median of the 20 frames around it,
which a changing view hardly moves and a blocking commit or file write does.

Without $DISPLAY it starts an Xvfb of its own on :100-:109 (benchmarks/kiosk_soak.py's).
    python benchmarks/window_tour.py [--seconds 60] [--size 1920x1080]
"""
from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECONDS = 60.0  # of each tour, after its scene is on screen
SETTLE_S = 3.0  # the first seconds on screen are left out: the scene's first upload to the renderer
NEIGHBOURS = 10  # on each side, for a frame's spike


def spikes(frames_ms: list[float]) -> list[float]:
    """Each frame's time over the median of the frames around it (itself left out)."""
    out = []
    for i, ms in enumerate(frames_ms):
        around = frames_ms[max(0, i - NEIGHBOURS):i] + frames_ms[i + 1:i + 1 + NEIGHBOURS]
        out.append(ms / statistics.median(around) if around else 1.0)
    return out


def frame_summary(frames_ms: list[float], at_s: list[float]) -> dict:
    """The frames after the scene settled: percentiles, the worst over the median, the worst spike
    and when the three longest frames came (seconds after the first frame)."""
    from benchmarks.camera_path import summary
    start = at_s[0] + SETTLE_S if at_s else 0.0
    kept = [(ms, t) for ms, t in zip(frames_ms, at_s) if t >= start]
    frames, times = [ms for ms, _ in kept], [t for _, t in kept]
    if len(frames) < 2 * NEIGHBOURS:
        return {"frames": len(frames)}
    ratio = spikes(frames)
    worst = sorted(range(len(frames)), key=frames.__getitem__, reverse=True)[:3]
    return {**summary(frames), "fps_mean": round(len(frames) / max(times[-1] - times[0], 1e-6), 1),
            "spike_max": round(max(ratio), 2),
            "longest": [{"at_s": round(times[i] - times[0], 2), "ms": frames[i], "spike": round(ratio[i], 2)}
                        for i in worst]}


def play_in_window(settings, scene_id: str, tour_id: str, size: tuple[int, int], seconds: float,
                   scratch: Path) -> dict:
    """`run_tour.py play SCENE --tour T` in a window; SIGTERM after `seconds` of frames (it closes
    cleanly and writes its frame times)."""
    out = scratch / f"{scene_id}-frames.json"
    command = [sys.executable, str(ROOT / "run_tour.py"), "play", scene_id, "--tour", tour_id, "--size",
               f"{size[0]}x{size[1]}", "--mute", "--event", "none", "--frame-times", str(out),
               "--scenes", str(settings.scenes_dir), "--scripts", str(settings.scripts_dir)]
    env = {**os.environ, "LUDAO_DATA": str(scratch / "data")}
    said, err = scratch / f"{scene_id}-stdout.txt", scratch / f"{scene_id}-stderr.txt"
    with said.open("w") as stdout, err.open("w") as stderr:  # files, not pipes: a full pipe would stall it
        proc = subprocess.Popen(command, env=env, stdout=stdout, stderr=stderr, text=True)
        # the visit's protocol says when the scene is loaded: count the seconds from there
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline and "scene\t" not in said.read_text():
            time.sleep(0.2)
        time.sleep(seconds + SETTLE_S)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    if not out.exists():
        raise RuntimeError(f"play {scene_id} --tour {tour_id} wrote no frame times (exit {proc.returncode}): "
                           f"{err.read_text()[-800:]}")
    data = json.loads(out.read_text())
    return {"tour": tour_id, "size": f"{size[0]}x{size[1]}", "seconds": seconds,
            **frame_summary(data["frames_ms"], data["at_s"])}


def bench_window_tours(settings, scenes: list[str], size: tuple[int, int], seconds: float = SECONDS) -> dict:
    from benchmarks.camera_path import tour_poses
    from benchmarks.kiosk_soak import a_display
    results = {}
    with a_display(), tempfile.TemporaryDirectory(prefix="ludao-window-tour-") as scratch:
        for scene_id in scenes:
            tour_id, _ = tour_poses(settings, scene_id, 2)
            if tour_id is None:
                continue
            r = play_in_window(settings, scene_id, tour_id, size, seconds, Path(scratch))
            results[scene_id] = r
            if "frame_ms_p50" in r:
                print(f"{'':10s} {tour_id} in a window ({r['size']}, {seconds:.0f} s): p50 {r['frame_ms_p50']} / p99 "
                      f"{r['frame_ms_p99']} ms, worst {r['worst_over_p50']} x p50, largest spike "
                      f"{r['spike_max']} x its neighbours, {r['fps_mean']} fps", flush=True)
    return results


def main() -> int:
    import argparse

    from engine.settings import Settings
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--out", type=Path)
    parser.add_argument("scenes", nargs="*", default=["gulangyu", "shapowei", "yundang"])
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    results = bench_window_tours(Settings.from_environment(), args.scenes, (width, height), args.seconds)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
