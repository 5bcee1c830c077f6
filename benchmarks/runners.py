"""What the Marathon's runners cost per frame: Shapowei's default view with 0, 1,000 and 5,000
runners moving along Yanwu Bridge, measured in one process, the three counts interleaved in rounds
(this machine's load varies up to 2x between runs, so it hits every count alike).

    python benchmarks/runners.py [--size 1280x720] [--rounds 8]

Each frame moves every runner (the positions are array arithmetic, copied into two vertex
batches) and draws it. Prints the median frame time per count and its ratio to no runners."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.overlays.loader import load_event  # noqa: E402
from engine.overlays.routes import route_crowds, route_lines, surfaces_of  # noqa: E402
from engine.rendering import OffscreenRenderer  # noqa: E402
from engine.settings import Settings  # noqa: E402
from engine.world.plan.layers import LayerPlan  # noqa: E402

COUNTS = (0, 1000, 5000)
FRAMES_PER_ROUND = 4


def _crowd_layers(view) -> dict[int, LayerPlan]:
    scenes = ROOT / "scenes"
    event, _ = load_event(scenes / "events" / "xiamen_marathon.event.yaml", scenes)
    route = next(r for r in event.overlay.routes if r.id == "mar_bridge")
    built = view.built
    lines = route_lines(route, built.manifest, built.projection, built.ground)
    surfaces = surfaces_of(lines, built.ground)
    layers = {}
    for count in COUNTS[1:]:
        crowds = route_crowds(route.model_copy(update={"movers": route.movers.model_copy(update={"count": count})}),
                              lines, surfaces)
        layers[count] = LayerPlan(f"runners:{count}", crowds=crowds)
    return layers


def _frames_ms(view, count: int, t0: float) -> list[float]:
    out = []
    for k in range(count):
        view.animation_time = t0 + k / 30.0
        start = time.perf_counter()
        view.render_frame()
        out.append((time.perf_counter() - start) * 1000 / 2)  # render_frame draws two frames
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    renderer = OffscreenRenderer(Settings(size=size, event_ids=("none",)))
    try:
        view, _ = renderer.open("shapowei")
        layers = _crowd_layers(view)
        times: dict[int, list[float]] = {n: [] for n in COUNTS}
        t = 0.0
        for _ in range(args.rounds):
            for count in COUNTS:
                if count:
                    view.built.add_layer(layers[count])
                times[count] += _frames_ms(view, FRAMES_PER_ROUND, t)
                t += FRAMES_PER_ROUND / 30.0
                if count:
                    view.built.remove_layer(layers[count].name)
        base = statistics.median(times[0])
        for count in COUNTS:
            median = statistics.median(times[count])
            print(f"shapowei default view, {count:5d} runners moving: {median:6.1f} ms/frame  "
                  f"({median / base:4.2f}x)", flush=True)
    finally:
        renderer.close()


if __name__ == "__main__":
    main()
