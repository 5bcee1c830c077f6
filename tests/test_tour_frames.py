"""A headless tour run with a picture: frames at every step and at a fixed rate, and a preview."""
import json
import subprocess
import sys

import numpy as np
from PIL import Image

from tests.conftest import DATA, ROOT


def test_frames_show_each_step_with_its_subtitles_and_make_a_preview(tmp_path):
    frames = tmp_path / "frames"
    result = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "play", "islet", "--tour", "islet-basics",
                             "--headless", "--log", str(tmp_path / "log.jsonl"), "--frames", str(frames),
                             "--fps", "1", "--size", "240x135", "--lang", "en", "--scenes", str(DATA / "scenes"),
                             "--scripts", str(DATA / "tours"), "--data", str(tmp_path / "data")],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    index = json.loads((frames / "frames.json").read_text())
    events = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    started = [e["step"] for e in events if e["type"] == "step_start"]
    assert [f["step"] for f in index if f["step_start"]] == started  # a frame at every step
    timed = [f["t"] for f in index if not f["step_start"]]
    assert len(timed) >= 70 and max(np.diff(timed)) <= 1.01  # and one every second of tour time

    def image(step, first=True):
        chosen = [f for f in index if f["step"] == step]
        with Image.open(frames / chosen[0 if first else -1]["file"]) as im:
            return np.asarray(im.convert("RGB")).astype(int)

    welcome, flight_start, flight_end = image("welcome"), image("arrive"), image("arrive", first=False)
    assert welcome.shape == (135, 240, 3)
    band = welcome[110:121, 40:200]  # the subtitle band low in the picture: dark, with light letters
    assert (band.sum(axis=2) < 200).mean() > 0.4 and (band.min(axis=2) > 170).mean() > 0.01
    assert np.abs(flight_start - flight_end).mean() > 10  # the camera moved during the flight
    dusk = image("back_up", first=False)
    noon = image("chapel_card")
    assert dusk[:30].mean() < noon[:30].mean() - 40  # the sky darkened after set_time_of_day 18

    with Image.open(frames / "preview.webp") as preview:
        # identical neighbours (a card held still) are merged by the encoder, so a few frames fewer
        assert preview.format == "WEBP" and 20 < preview.n_frames <= len(timed) and preview.width == 480
