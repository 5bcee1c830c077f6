"""`--stats`: the frame time on screen, in milliseconds, averaged over a short window. It is
Panda3D's own FrameRateMeter (a display region of its own at the top right, outside the overlay, so
nothing of the visit's layout moves) told to speak milliseconds."""
from __future__ import annotations

from panda3d.core import load_prc_file_data

PRC = """
frame-rate-meter-milliseconds true
frame-rate-meter-update-interval 0.5
"""


def show_frame_stats(base) -> None:
    load_prc_file_data("ludao-stats", PRC)  # read when the meter is made
    base.set_frame_rate_meter(True)
