"""What the fast path's look costs per frame, measured A/B in one process so this machine's
load (it varies up to 2x between runs) hits both sides alike.

    python benchmarks/look_ab.py [--size 1280x720] [--rounds 12]

For each scene, at its default view: frames with the sky's fill light on and off, interleaved in
rounds of a few frames (the pins' per-frame sizing runs in both). Then one try of Panda3D's own
shadows (a shadow-casting sun and set_shader_auto): whether the frame changes, and what it costs.
Colours planned into the meshes (water sheen, ground shade, beaches) cost nothing per frame."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.rendering import OffscreenRenderer  # noqa: E402
from engine.settings import Settings  # noqa: E402

FRAMES_PER_ROUND = 4


def _frames_ms(view, count: int) -> list[float]:
    out = []
    for _ in range(count):
        t = time.perf_counter()
        view.render_frame()
        out.append((time.perf_counter() - t) * 1000 / 2)  # render_frame draws two frames
    return out


def _ab(view, on, off, rounds: int) -> tuple[float, float]:
    a, b = [], []
    for _ in range(rounds):
        on()
        a += _frames_ms(view, FRAMES_PER_ROUND)
        off()
        b += _frames_ms(view, FRAMES_PER_ROUND)
    on()
    return statistics.median(a), statistics.median(b)


def _measure(scene: str, view, rounds: int) -> None:
    root, fill = view.built.root, view.built.sky.fill
    with_fill, without = _ab(view, lambda: root.set_light(fill), lambda: root.clear_light(fill), rounds)
    print(f"{scene:9s} fill light on {with_fill:6.1f} ms   off {without:6.1f} ms", flush=True)
    plain = view.pixels()
    sun = view.built.sky.sun
    sun.node().set_shadow_caster(True, 1024, 1024)
    root.set_shader_auto()
    shadowed = view.pixels()
    on, off = _ab(view, lambda: root.set_shader_auto(), lambda: root.clear_shader(), max(rounds // 2, 1))
    changed = float((shadowed != plain).any(axis=-1).mean())
    print(f"{scene:9s} shadow caster + shader_auto {on:6.1f} ms   fixed-function {off:6.1f} ms   "
          f"pixels changed {changed:.1%}", flush=True)
    root.clear_shader()
    sun.node().set_shadow_caster(False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--data", default="/tmp/ludao-look-ab")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    renderer = OffscreenRenderer(Settings(data_dir=Path(args.data), size=size, lang="en"))
    try:
        for scene in ("gulangyu", "shapowei", "yundang"):
            view, _ = renderer.open(scene)
            view.go_to_view(view.default_view())
            _frames_ms(view, 3)  # warm up
            _measure(scene, view, args.rounds)
            view.detach()
    finally:
        renderer.close()


if __name__ == "__main__":
    main()
