"""`--stats`: the frame time on screen, in milliseconds, averaged over a short window. It is
Panda3D's own FrameRateMeter (a display region of its own at the top right, outside the overlay, so
nothing of the visit's layout moves) told to speak milliseconds."""
from __future__ import annotations

import json
from pathlib import Path

from panda3d.core import load_prc_file_data

from engine.files import atomic_write

PRC = """
frame-rate-meter-milliseconds true
frame-rate-meter-update-interval 0.5
"""


def show_frame_stats(base) -> None:
    load_prc_file_data("ludao-stats", PRC)  # read when the meter is made
    base.set_frame_rate_meter(True)


class FrameTimes:
    """`--frame-times FILE`: the time of every frame drawn, as the clock measured it (ms), and when
    each began (s since the first), written as JSON when the display closes. A task late in the
    frame reads the clock's dt, which spans the whole previous frame: drawing, tasks, waits."""

    def __init__(self, base, path: Path):
        self.base, self.path = base, path
        self.frames_ms: list[float] = []
        self.at_s: list[float] = []
        self._start = base.clock.get_frame_time()
        base.task_mgr.add(self._tick, "ludao-frame-times", sort=1000)

    def _tick(self, task):
        self.frames_ms.append(round(self.base.clock.get_dt() * 1000, 2))
        self.at_s.append(round(self.base.clock.get_frame_time() - self._start, 3))
        return task.cont

    def write(self) -> None:
        self.base.task_mgr.remove("ludao-frame-times")
        size = self.base.win.get_x_size(), self.base.win.get_y_size()
        with atomic_write(self.path) as out:
            json.dump({"size": list(size), "frames_ms": self.frames_ms, "at_s": self.at_s}, out)
