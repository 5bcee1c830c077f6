"""`--stats` shows the frame time in milliseconds on Panda3D's frame-rate meter, beside the visit's
overlay (its own display region), and goes away again."""
from __future__ import annotations

from engine.display.frame_stats import show_frame_stats


def test_the_frame_time_is_shown_in_milliseconds(offscreen_base):
    show_frame_stats(offscreen_base)
    try:
        meter = offscreen_base.frameRateMeter
        assert meter is not None
        for _ in range(5):
            offscreen_base.task_mgr.step()
        meter.update()
        assert meter.get_text().rstrip().endswith("ms"), meter.get_text()
    finally:
        offscreen_base.set_frame_rate_meter(False)
    assert offscreen_base.frameRateMeter is None


def test_frame_times_are_written_when_the_display_closes(offscreen_base, tmp_path):
    """`--frame-times FILE`: one entry per frame drawn, in ms, with when it began; the file appears
    when the display closes (whole: atomic), and the recording task goes with it."""
    import json
    import time

    from engine.display.offscreen import OffscreenDisplay
    out = tmp_path / "frames.json"
    display = OffscreenDisplay(offscreen_base)
    display.frame_stats(record_to=out)
    offscreen_base.task_mgr.step()
    for _ in range(6):
        time.sleep(0.02)  # a frame at least this long
        offscreen_base.task_mgr.step()
    assert not out.exists()
    display.close()
    data = json.loads(out.read_text())
    assert len(data["frames_ms"]) == len(data["at_s"]) == 7 and data["size"] == list(display.size)
    assert all(ms >= 19 for ms in data["frames_ms"][1:]) and data["at_s"] == sorted(data["at_s"])
    assert not offscreen_base.task_mgr.hasTaskNamed("ludao-frame-times")
