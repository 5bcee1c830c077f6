"""`play SCENE --mode vr` against a real OpenXR runtime: Monado's simulated headset, no GPU (see
tests/xr_runtime.py). Each run is a subprocess (`run_tour.py play`) that reports on stdout
(engine.xr.frame_report):
the session's states, what the runtime's swapchain images held (--xr-readback) and the frames.
The refusal without a runtime needs no Monado and always runs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.conftest import ISLET, ROOT
from tests.test_play_window import display  # noqa: F401  (the Xvfb fixture, for the GLX run)
from tests.xr_runtime import monado_env

FRAMES = 16
QUIT_ORDER = ["STOPPING", "IDLE", "EXITING"]


class VrRun:
    def __init__(self, tmp_path: Path, env: dict[str, str], size: str = "320x240"):
        self.readback = tmp_path / "readback"
        self.log = tmp_path / "data" / "logs" / "ludao.log"
        proc = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "play", str(ISLET), "--mode", "vr",
                               "--max-frames", str(FRAMES), "--size", size, "--data", str(tmp_path / "data"),
                               "--xr-readback", str(self.readback)],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        self.returncode, self.stderr = proc.returncode, proc.stderr
        assert proc.returncode == 0, proc.stderr[-3000:]
        self.xr = [line.split("\t")[1:] for line in proc.stdout.splitlines() if line.startswith("xr\t")]

    def lines(self, kind: str) -> list[list[str]]:
        return [fields[1:] for fields in self.xr if fields[0] == kind]

    @property
    def states(self) -> list[str]:
        return [fields[0] for fields in self.lines("state")]

    def picture(self, tag: str, eye: str) -> np.ndarray:
        return np.asarray(Image.open(self.readback / f"{tag}-{eye}.png").convert("RGB")).astype(int)

    def head(self, tag: str) -> tuple[np.ndarray, np.ndarray]:
        fields = next(f for f in self.lines("readback") if f[0] == tag)
        return tuple(np.array([float(v) for v in text.split(",")]) for text in fields[-3:-1])

    def ipd(self, tag: str) -> float:
        return float(next(f for f in self.lines("readback") if f[0] == tag)[-1])


@pytest.fixture(scope="module")
def egl_run(tmp_path_factory):
    return VrRun(tmp_path_factory.mktemp("vr-egl"), monado_env())


def _shows_the_scene(run: VrRun) -> None:
    assert "FOCUSED" in run.states
    frames = run.lines("frames")[0]
    assert int(frames[0]) >= FRAMES
    for tag in ("first", "last"):
        left, right = run.picture(tag, "left"), run.picture(tag, "right")
        for picture in (left, right):
            assert picture.shape == (240, 320, 3)  # the runtime's recommended size, not padded
            assert picture.std() > 10  # not blank
            top = picture[:20].reshape(-1, 3).mean(axis=0)
            assert top[2] > top[0] + 30 and top[2] > 120, top  # sky above
        # two eyes, two pictures: the island, hundreds of metres off, shifts by a pixel or so
        assert (np.abs(left - right).max(axis=2) > 0).sum() > 100


def test_vr_with_egl_and_no_display_reaches_focused_and_fills_both_eyes(egl_run):
    session = egl_run.lines("session")[0]
    assert session[2:4] == ["egl", "STAGE"] and session[4] == "320x240 320x240"
    _shows_the_scene(egl_run)


@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool")
def test_vr_under_xvfb_uses_glx_and_fills_both_eyes(display, tmp_path):  # noqa: F811
    # a desktop window smaller than an eye: the whole eye must still arrive (Panda3D's scissor box
    # is the window's; the blit into the swapchain must not be clipped by it)
    run = VrRun(tmp_path, {**monado_env(), "DISPLAY": display}, size="240x135")
    assert run.lines("session")[0][2] == "glx"
    _shows_the_scene(run)


def test_the_picture_follows_the_headset(egl_run):
    """Monado's simulated headset wobbles slowly: the located pose changes over the frames, and
    what the eyes show changes with it."""
    (pos0, quat0), (pos1, quat1) = egl_run.head("first"), egl_run.head("last")
    assert np.abs(pos1 - pos0).max() > 1e-3 or np.abs(quat1 - quat0).max() > 1e-3
    assert 1.2 < pos0[2] < 2.0  # a standing head in a STAGE space (Panda3D: Z up)
    assert 0.05 < egl_run.ipd("first") < 0.08  # the eyes are placed apart, as the runtime located them
    moved = np.abs(egl_run.picture("first", "left") - egl_run.picture("last", "left")).mean()
    assert moved > 0.5


def test_max_frames_ends_the_session_through_stopping_idle_exiting(egl_run):
    states = egl_run.states
    assert states[:5] == ["IDLE", "READY", "SYNCHRONIZED", "VISIBLE", "FOCUSED"]
    assert states[-3:] == QUIT_ORDER
    after_focus = states[states.index("FOCUSED"):]
    assert [s for s in after_focus if s in QUIT_ORDER] == QUIT_ORDER


def test_a_headset_without_controllers_has_no_hand_poses(egl_run):
    assert egl_run.lines("hands")[-1] == ["left=absent", "right=absent"]
    log = egl_run.log.read_text(encoding="utf-8")
    assert "OpenXR session state IDLE -> READY" in log
    assert "refused the bindings" not in log  # every controller's suggested bindings were taken


def test_vr_without_a_runtime_exits_3_with_one_line(tmp_path):
    env = {**_plain_env(), "XR_RUNTIME_JSON": str(tmp_path / "missing.json")}
    proc = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "play", str(ISLET), "--mode", "vr",
                           "--data", str(tmp_path / "data")], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "--mode stereo" in proc.stderr
    assert proc.stdout == ""


def _plain_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("XR_LOADER_DEBUG", None)  # the engine itself must keep the loader quiet
    return env
