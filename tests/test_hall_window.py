"""`hall` from the command line: a bad hall.yaml exits 2 with positioned errors before any window
opens; in a real window under Xvfb, closing time shows the still screen, and `vr: true` without an
OpenXR runtime says so in one line and plays on the window."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests import test_play_window as window
from tests import xvfb
from tests.conftest import DATA, ROOT

HALL = """\
tours: [{scene: islet}]
events: none
open: {days: "09:00-17:00"}
vr: true
"""


def _hall(tmp_path, text: str, *extra: str, env: dict | None = None, whole_env: dict | None = None):
    """The finished `hall` run; env: added to this process's environment, whole_env: instead of it."""
    config = tmp_path / "hall.yaml"
    config.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "hall", "--config", str(config),
                           "--scenes", str(DATA / "scenes"), "--scripts", str(DATA / "tours"), "--data", str(tmp_path),
                           *extra], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env=whole_env or {**os.environ, **(env or {})})


def test_a_bad_hall_yaml_exits_2_with_its_positions(tmp_path):
    done = _hall(tmp_path, 'tours: [{scene: islte}]\nopen: {days: "18:00-09:00"}\n')
    assert done.returncode == 2 and done.stdout == ""
    assert "hall.yaml:1:17: error: no scene 'islte' [H001] (did you mean 'islet'?)" in done.stderr
    assert "hall.yaml:2:14: error: open.days: '18:00-09:00' ends before it starts" in done.stderr


@window.pytestmark
def test_closing_time_in_a_window_shows_the_still_screen_and_vr_falls_back(tmp_path):
    started = xvfb.fixed_range_xvfb(range(90, 100))
    if started is None:
        pytest.fail("no free display in :90-:99 for Xvfb")
    proc, name = started
    try:
        done = _hall(tmp_path, HALL, "--windowed", "--size", "320x180", "--mute", "--max-frames", "4",
                     "--clock-from", "2026-12-08T17:30", env={"DISPLAY": name, "XR_RUNTIME_JSON": "/nonexistent.json",
                                                              "XR_LOADER_DEBUG": "none"})
    finally:
        xvfb.stop(proc)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("hall\tvr\toff\t")  # one line, then the hall plays on the window
    assert "hall\tstill\tclosed" in lines and not any(line.startswith("hall\ttour") for line in lines)


def test_with_a_headset_the_hall_plays_in_it(tmp_path):
    """Monado's simulated headset (tests/xr_runtime.py; skipped without its build, except in CI):
    the tours run on the VR display, no fallback line."""
    from tests.xr_runtime import monado_env
    done = _hall(tmp_path, HALL, "--size", "320x180", "--mute", "--max-frames", "30", "--clock-from",
                 "2026-12-08T10:00", whole_env=monado_env())  # no DISPLAY: EGL
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("xr\tsession\t") for line in lines) and not any("\tvr\toff" in line for line in lines)
    assert "hall\ttour\tislet\tislet-basics\tzh" in lines
