"""The pure core stays pure: a headless tour (no frames) reads the world plan's facts and never
loads Panda3D or trimesh, whether the scene's plan is cached or not."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import DATA, ROOT

PROBE = """
import json, sys
from engine.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "loaded": sorted(m for m in sys.modules
      if m.split(".")[0] in ("panda3d", "direct", "trimesh"))}))
"""


def _headless_tour(data_dir, log):
    args = ["play", "islet", "--tour", "islet-basics", "--headless", "--log", str(log), "--data", str(data_dir),
            "--scenes", str(DATA / "scenes"), "--scripts", str(DATA / "tours")]
    out = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("cached", [False, True])
def test_a_headless_tour_loads_neither_panda3d_nor_trimesh(tmp_path, cached):
    if cached:  # the scene's full plan is in the cache: the tour reads only its facts
        from engine.world.cache import SceneCache
        from engine.world.plans import load_plan
        load_plan(DATA / "scenes" / "islet" / "scene.yaml", SceneCache(tmp_path / "cache"))
        assert list((tmp_path / "cache").glob("islet-*.plan.npz"))
    result = _headless_tour(tmp_path, tmp_path / "tour.jsonl")
    assert result["code"] == 0
    assert result["loaded"] == [], f"a headless tour loaded {result['loaded'][:5]}"
    events = [json.loads(line) for line in (tmp_path / "tour.jsonl").read_text().splitlines()]
    assert events[0]["type"] == "tour_start" and events[-1]["type"] == "tour_end"


def test_the_probe_sees_panda3d_when_it_is_loaded(tmp_path):
    """The check above can fail: a command that renders does load Panda3D."""
    out = subprocess.run([sys.executable, "-c", PROBE, "render", "islet", "--out", str(tmp_path / "a.png"),
                          "--size", "64x48", "--data", str(tmp_path), "--scenes", str(DATA / "scenes")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    loaded = json.loads(out.stdout.strip().splitlines()[-1])["loaded"]
    assert "panda3d.core" in loaded
