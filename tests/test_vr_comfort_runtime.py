"""A VR tour against a real OpenXR runtime (Monado's simulated headset, see tests/xr_runtime.py):
`play --mode vr --tour` plays the islet's tour while its camera flies and turns; the visitor's
anchor keeps its heading all along and moves only by fades (engine.xr.frame_report: an `anchor`
line the first frame and each frame it moved, a `comfort` line at the end)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import DATA, ISLET, ROOT
from tests.xr_runtime import monado_env

FRAMES = 160  # about 8 s here: the tour's first flight (6 s) is under way, one fade at least


def vr_play(tmp_path, frames: int, *options: str) -> list[list[str]]:
    """The `xr` lines of a VR visit of the islet (fields after the kind's tab)."""
    proc = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "play", str(ISLET), "--mode", "vr",
                           "--scripts", str(DATA / "tours"), "--scenes", str(DATA / "scenes"), "--lang", "en",
                           "--max-frames", str(frames), "--size", "320x240", "--data", str(tmp_path / "data"),
                           *options],
                          capture_output=True, text=True, env=monado_env(), cwd=ROOT, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return [line.split("\t")[1:] for line in proc.stdout.splitlines() if line.startswith("xr\t")]


def test_a_vr_tour_never_turns_the_visitor_and_moves_them_only_by_fades(tmp_path):
    log = tmp_path / "tour.jsonl"
    xr = vr_play(tmp_path, FRAMES, "--tour", "islet-basics", "--log", str(log))
    anchors = [fields[1:] for fields in xr if fields[0] == "anchor"]
    heading, fades, teleports, turns = next(fields[1:] for fields in xr if fields[0] == "comfort")
    assert int(fades) >= 1 and int(teleports) == 0 and int(turns) == 0
    assert len(anchors) == int(fades) + 1  # placed once, then moved only by its fades
    assert {a[2] for a in anchors} == {heading}  # never turned
    assert len({a[1] for a in anchors}) == len(anchors)  # each fade took the visitor somewhere new
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    headings = [e["hpr"][0] for e in events if e["type"] == "camera"]
    assert max(headings) - min(headings) > 1.0  # the tour's camera turned; the visitor did not


def test_seated_lifts_the_view_by_the_difference_in_eye_height(tmp_path):
    first = {pose: next(f[2] for f in vr_play(tmp_path / pose, 6, "--vr-pose", pose) if f[0] == "anchor")
             for pose in ("standing", "seated")}
    (sx, sy, sz), (tx, ty, tz) = ([float(v) for v in first[pose].split(",")] for pose in ("standing", "seated"))
    assert (tx, ty) == pytest.approx((sx, sy), abs=0.1)  # the simulated head wobbles a little
    assert tz - sz == pytest.approx(0.4, abs=0.002)  # 1.6 m standing, 1.2 m seated
