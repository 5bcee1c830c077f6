"""Creating the Panda3D ShowBase for each output: an offscreen buffer or a real window.

The PRC is set before ShowBase starts, quietly: nothing cached in the home folder, no audio device
needed, no pipe-type chatter on stderr.
"""
from __future__ import annotations

from panda3d.core import load_prc_file_data

QUIET_PRC = """
audio-library-name null
print-pipe-types false
notify-level-device fatal
notify-level-egldisplay error
notify-level-glgsg error
notify-level-display error
notify-level-linmath error
sync-video false
model-cache-dir
framebuffer-multisample false
multisamples 0
text-pixels-per-unit 48
text-page-size 1024 1024
"""


def make_base(*, offscreen: bool, size: tuple[int, int] = (1280, 720), title: str = "Ludao 鹭岛",
              fullscreen: bool = False):
    from direct.showbase.ShowBase import ShowBase

    width, height = size
    prc = QUIET_PRC + f"win-size {width} {height}\n"
    if offscreen:
        prc += "load-display p3headlessgl\naux-display pandagl\nwindow-type offscreen\n"
    else:
        prc += (f"window-title {title}\nwin-origin 0 0\nload-display pandagl\n"
                f"fullscreen {'true' if fullscreen else 'false'}\n")
    load_prc_file_data("ludao", prc)
    base = ShowBase(windowType="offscreen" if offscreen else "onscreen")
    base.disable_mouse()
    base.set_frame_rate_meter(False)
    return base
