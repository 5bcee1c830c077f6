"""Whole-command times, as a user waits for them: `run_tour.py render SCENE` from a warm scene cache
(the interpreter's start, imports, the base, the scene from the cache, one frame, the PNG), the
median of several runs after one that fills the cache."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from engine.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def bench_commands(settings: Settings, scenes: list[str], runs: int) -> dict:
    scratch = Path(tempfile.mkdtemp(prefix="ludao-bench-commands-"))
    env = {**os.environ, "LUDAO_DATA": str(scratch / "data")}
    results = {}
    try:
        for scene in scenes:
            command = [sys.executable, str(ROOT / "run_tour.py"), "render", scene, "--scenes", str(settings.scenes_dir),
                       "--out", str(scratch / f"{scene}.png"), "--event", "none"]
            subprocess.run(command, env=env, check=True, capture_output=True)  # fills the cache
            walls = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run(command, env=env, check=True, capture_output=True)
                walls.append(time.perf_counter() - start)
            results[f"render {scene}"] = {"warm_s_median": round(statistics.median(walls), 2),
                                          "runs_s": [round(w, 2) for w in walls]}
            print(f"command    render {scene}: {results[f'render {scene}']['warm_s_median']:.2f} s warm (whole command)",
                  flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return results
