"""Gaze and the panel in space against a real OpenXR runtime (Monado's simulated headset: no
controllers, a head that only wobbles slowly; see tests/xr_runtime.py). From the islet's `from_sea`
viewpoint the head looks straight at the summit's pin: held there past the dwell time, the pin's
card opens (the `poi` protocol line, as a tap's) and the panel with it shows in both eyes, a little
apart, as a thing 1.6 m away does."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.conftest import ISLET, ROOT
from tests.xr_runtime import monado_env

# About 10 s at the null compositor's pace here: Monado's head turns 7 degrees either way and back
# every 16 s, so the gaze meets the pin for a dwell within that, whenever the frames start.
FRAMES = 200


@pytest.fixture(scope="module")
def gaze_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("vr-gaze")
    proc = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "play", str(ISLET), "--mode", "vr",
                           "--view", "from_sea", "--lang", "en", "--max-frames", str(FRAMES), "--size", "320x240",
                           "--data", str(tmp / "data"), "--xr-readback", str(tmp / "readback")],
                          capture_output=True, text=True, env=monado_env(), cwd=ROOT, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.splitlines(), tmp / "readback"


def _picture(folder: Path, tag: str, eye: str) -> np.ndarray:
    return np.asarray(Image.open(folder / f"{tag}-{eye}.png").convert("RGB")).astype(int)


def _dark(picture: np.ndarray) -> np.ndarray:
    """The panel's card and quiz frames: near-black navy, where the scene here is sea, sky and land."""
    return picture.max(axis=2) < 60


def test_gazing_at_a_pin_opens_its_card_as_a_tap_would(gaze_run):
    lines, _ = gaze_run
    assert "poi\tsummit\tSummit" in lines
    assert "game\tstamp\tstamp_summit" in lines  # the game heard it as a tap: a stamp by tap
    assert "quiz\tquiz_hill" in lines  # and asked the summit's quiz on the panel
    assert [line for line in lines if line.startswith("xr\thands")] == ["xr\thands\tleft=absent\tright=absent"]


def test_the_panel_shows_in_both_eyes_a_little_apart(gaze_run):
    _, folder = gaze_run
    centres = {}
    for eye in ("left", "right"):
        first, last = _picture(folder, "first", eye), _picture(folder, "last", eye)
        opened = _dark(last) & ~_dark(first)  # the card and the quiz, opened since the first frame
        assert opened.sum() > 300, (eye, opened.sum())
        centres[eye] = np.nonzero(opened)[1].mean()
    # the panel is near: the left eye sees it further right than the right eye does, by a few pixels
    assert 0.5 < centres["left"] - centres["right"] < 25, centres
