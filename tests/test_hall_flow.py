"""The exhibition hall's loop on an offscreen display, on an injected clock and calendar: a tour
plays and ends, the next starts after the pause (in the next language), closing time brings the
still screen (its caption on screen, no tour, the 3D camera off), opening time the tours again."""
from __future__ import annotations

import io
import json
from datetime import datetime, timedelta

from engine.display.base import pixels
from engine.display.offscreen import OffscreenDisplay
from engine.kiosk.hall_config import load_hall
from engine.kiosk.hall_flow import HallFlow
from engine.kiosk.hall_schedule import BEIJING
from engine.play.protocol import VisitLines
from engine.ui.visible_text import visible_texts
from engine.world.library import get_scene
from tests.conftest import DATA

TOUR = """\
id: {id}
scene: islet
title: {{zh: 小岛, en: The islet}}
summary: {{zh: 很短。, en: Short.}}
duration_min: 0.1
steps:
  - id: look
    wait: {{duration_s: 1}}
  - id: hello
    narrate: {{id: hello_line, zh: 你好。, en: Hello.}}
  - id: done
    goto: end
"""
HALL = """\
tours: [{scene: islet, tour: islet-short}, {scene: islet, tour: islet-broken}, {scene: islet, tour: islet-short}]
languages: [zh, en]
events: none
open: {days: "09:00-17:00"}
quiet: ["12:00-13:00"]
pause_s: 2
"""


def _still_top_half(base):
    """The upper half of a frame drawn with the window cleared to magenta first."""
    win = base.win
    before = win.get_clear_color_active(), win.get_clear_color()
    win.set_clear_color_active(True)
    win.set_clear_color((1, 0, 1, 1))
    try:
        for _ in range(3):  # the screenshot lags a frame behind a change here
            frame = pixels(base)
        return frame[: win.get_y_size() // 2].astype(float)
    finally:
        win.set_clear_color_active(before[0])
        win.set_clear_color(before[1])


def test_tours_loop_and_rest_on_the_schedule(open_view, offscreen_base, scene_cache, tmp_path):
    open_view.release()  # the shared base shows one scene at a time
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    for name in ("islet-short", "islet-broken"):
        (scripts / f"{name}.tour.yaml").write_text(TOUR.format(id=name), encoding="utf-8")
    (tmp_path / "hall.yaml").write_text(HALL, encoding="utf-8")
    hall, _ = load_hall(tmp_path / "hall.yaml", DATA / "scenes", scripts)
    (scripts / "islet-broken.tour.yaml").write_text("id: [", encoding="utf-8")  # broken after the hall started
    out = io.StringIO()
    now, day = [0.0], [datetime(2026, 12, 8, 16, 0, tzinfo=BEIJING)]
    display = OffscreenDisplay(offscreen_base)

    def load(scene_id: str, forced):
        built, _ = get_scene(hall.scenes[scene_id], offscreen_base.loader, scene_cache)
        return built, None

    def run(seconds: float, step: float = 0.1) -> None:
        for _ in range(round(seconds / step)):
            now[0] += step
            display.step()

    flow = HallFlow(display, hall, lines=VisitLines(out), load_scene=load, clock=lambda: now[0],
                    moment=lambda: day[0] + timedelta(seconds=now[0]))
    try:
        assert flow.state == "tour" and flow.session.lang == "zh"
        run(3.5)  # the short tour ends: a pause
        assert flow.state == "pause" and flow.session is None
        run(2.2)  # the broken tour is skipped, the third item (the first again) plays
        assert flow.state == "tour" and flow.item.tour == "islet-short"
        run(0.5)
        day[0] = datetime(2026, 12, 8, 17, 0, tzinfo=BEIJING) - timedelta(seconds=now[0])  # closing time
        run(1.1)
        assert flow.state == "still" and flow.session is None
        texts = visible_texts(display.overlay)
        assert sorted(texts) == ["Open 09:00-17:00", "本馆开放时间 09:00-17:00"]
        offscreen_base.messenger.send("f12")  # the texts line, as at the kiosk
        assert not offscreen_base.cam.node().get_display_region(0).is_active()  # the 3D scene is not drawn
        assert offscreen_base.render.find_all_matches("**/+GeomNode").get_num_paths() == 0  # nor even there
        flow.still.image.hide()
        bare = _still_top_half(offscreen_base)
        flow.still.image.show()
        top = _still_top_half(offscreen_base)
        assert (bare == [255, 0, 255]).all()  # nothing draws the scene...
        assert top.std() > 10 and top[..., 2].mean() > top[..., 1].mean()  # ... its picture shows it (blue sky)
        day[0] += timedelta(hours=16)  # the next morning, 09:00
        run(1.1)
        assert flow.state == "tour" and flow.session.lang == "en"  # the second loop speaks English
        assert offscreen_base.cam.node().get_display_region(0).is_active()
        day[0] += timedelta(hours=3)  # 12:00: quiet hours
        run(1.1)
        assert flow.state == "still" and sorted(visible_texts(display.overlay)) == ["Quiet hours", "静音时段"]
    finally:
        flow.close()
    lines = out.getvalue().splitlines()
    hall_lines = [line for line in lines if line.startswith("hall")]
    assert hall_lines == ["hall\topen", "hall\ttour\tislet\tislet-short\tzh", "hall\tend\tislet-short\tend",
                          "hall\tskip\tislet\tislet-broken", "hall\ttour\tislet\tislet-short\tzh",
                          "hall\tend\tislet-short\tclosed", "hall\tstill\tclosed", "hall\topen",
                          "hall\ttour\tislet\tislet-short\ten", "hall\tend\tislet-short\tquiet", "hall\tstill\tquiet"]
    reported = [json.loads(line.split("\t", 1)[1]) for line in lines if line.startswith("texts\t")]
    assert [sorted(texts) for texts in reported] == [["Open 09:00-17:00", "本馆开放时间 09:00-17:00"]]
