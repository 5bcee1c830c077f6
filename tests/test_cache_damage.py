"""A damaged scene cache heals itself: a cut-short or bit-flipped entry is noticed before anything
reads it, logged, rebuilt, and the picture is the original one."""
from __future__ import annotations

import json
import logging
import random
import subprocess
import sys

import numpy as np
from PIL import Image

from engine.manifest.scene_loader import load_scene
from engine.world.cache import SceneCache, cache_key, plan_to_arrays
from engine.world.plans import load_plan
from tests.conftest import DATA, ISLET, ROOT

SEED = 20261206


def _entry(tmp_path):
    cache = SceneCache(tmp_path / "cache")
    plan, report = load_plan(ISLET, cache)
    assert not report.from_cache
    scene, _ = load_scene(ISLET)
    key = cache_key(scene, ISLET)
    return cache, scene, key, plan


def _damaged(data: bytes, rng: random.Random, kind: str) -> bytes:
    if kind == "truncated":
        return data[:rng.randrange(0, len(data))]
    at = rng.randrange(len(data))
    return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:]


def test_every_cut_and_every_flipped_byte_is_noticed_logged_and_removed(tmp_path, caplog):
    cache, scene, key, _ = _entry(tmp_path)
    path = cache.entry(scene.id, key)
    original = path.read_bytes()
    rng = random.Random(SEED)
    cases = ["truncated"] * 10 + ["flipped"] * 100
    with caplog.at_level(logging.WARNING, logger="ludao.cache"):
        for number, kind in enumerate(cases):
            path.write_bytes(_damaged(original, rng, kind))
            caplog.clear()
            assert cache.load(scene, key) is None, f"case {number} ({kind}) was read as a good entry"
            assert not path.exists(), "a damaged entry was left in place"
            assert any("damaged" in r.getMessage() and path.name in r.getMessage() for r in caplog.records)
    path.write_bytes(original)
    assert cache.load(scene, key) is not None, "the undamaged entry must still load"


def test_a_damaged_entry_is_rebuilt_to_the_same_plan(tmp_path):
    cache, scene, key, plan = _entry(tmp_path)
    want = plan_to_arrays(plan)
    rng = random.Random(SEED + 1)
    for kind in ("truncated", "flipped", "truncated", "flipped"):
        path = cache.entry(scene.id, key)
        path.write_bytes(_damaged(path.read_bytes(), rng, kind))
        rebuilt, report = load_plan(ISLET, cache)
        assert not report.from_cache
        got = plan_to_arrays(rebuilt)
        assert sorted(got) == sorted(want)
        for name in want:
            assert np.array_equal(got[name], want[name]), f"{name} differs after the rebuild"
        again, report = load_plan(ISLET, cache)
        assert report.from_cache, "the rebuilt entry was not stored"


def _render(data_dir, out):
    """`render` in a process of its own; a damaged cache must not hang it (the timeout), and how fast
    it is is the bench's business, not a test's."""
    return subprocess.run([sys.executable, "run_tour.py", "render", "islet", "--out", str(out), "--size", "160x120",
                             "--data", str(data_dir), "--scenes", str(DATA / "scenes")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_render_heals_a_damaged_cache_and_shows_the_original_picture(tmp_path):
    data = tmp_path / "data"
    first = _render(data, tmp_path / "before.png")
    assert first.returncode == 0, first.stderr
    before = np.asarray(Image.open(tmp_path / "before.png"))
    rng = random.Random(SEED + 2)
    for number, kind in enumerate(["truncated", "flipped", "garbage"]):
        (entry,) = (data / "cache").glob("islet-*.plan.npz")
        damaged = b"\x00not a plan\xff" * 3 if kind == "garbage" else _damaged(entry.read_bytes(), rng, kind)
        entry.write_bytes(damaged)
        out = tmp_path / f"after-{number}.png"
        result = _render(data, out)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "damaged" in result.stderr and "rebuilding" in result.stderr, result.stderr
        assert np.array_equal(np.asarray(Image.open(out)), before), f"case {kind}: the picture changed"
    log = (data / "logs" / "ludao.log").read_text(encoding="utf-8").splitlines()
    assert sum("damaged" in line for line in log) == 3, log


def test_a_cache_of_the_earlier_format_is_cleared(tmp_path):
    """.bam entries of the earlier cache are never read (Panda3D's reader can hang on a cut one)
    and go when the scene's new entry is written."""
    folder = tmp_path / "cache"
    folder.mkdir()
    old = folder / f"islet-{'0' * 32}.bam"
    old.write_bytes(b"pbj\x00\n\r" + b"\x00" * 10)
    (folder / f"islet-{'0' * 32}.ground.npz").write_bytes(b"x")
    _entry(tmp_path)
    assert sorted(p.suffix for p in folder.iterdir()) == [".npz"]
    assert json.dumps([p.name for p in folder.iterdir()]).count(".plan.npz") == 1


def test_every_damaged_entry_renders_the_original_picture(tmp_path, caplog, offscreen_base):
    """All 110 damaged entries (10 cuts, 100 flipped bytes) go through a real load and render: each
    is logged, rebuilt and drawn pixel for pixel as the undamaged scene (offscreen, in-process:
    the same code path as `render`, without 110 process starts)."""
    from engine.display.scene_view import SceneView
    from engine.world.library import get_scene
    cache = SceneCache(tmp_path / "cache")

    def picture():
        built, report = get_scene(ISLET, offscreen_base.loader, cache)
        view = SceneView(offscreen_base, built)
        try:
            return view.pixels(), report
        finally:
            view.detach()

    before, report = picture()
    assert not report.from_cache
    scene, _ = load_scene(ISLET)
    key = cache_key(scene, ISLET)
    rng = random.Random(SEED + 3)
    with caplog.at_level(logging.WARNING, logger="ludao.cache"):
        for number, kind in enumerate(["truncated"] * 10 + ["flipped"] * 100):
            path = cache.entry(scene.id, key)
            path.write_bytes(_damaged(path.read_bytes(), rng, kind))
            caplog.clear()
            after, report = picture()
            assert not report.from_cache, f"case {number} ({kind}) was served from the damaged entry"
            assert any("damaged" in r.getMessage() for r in caplog.records), f"case {number} left no log line"
            assert np.array_equal(after, before), f"case {number} ({kind}): the picture changed"
