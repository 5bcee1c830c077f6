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
