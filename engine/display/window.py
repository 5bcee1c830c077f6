"""A desktop window (or a fullscreen one for a kiosk screen) on the machine's display."""
from __future__ import annotations

import logging
import os
import sys

from engine.display.audio import sound_output_present
from engine.display.base import Display, make_base
from engine.errors import MissingCapability

NO_DISPLAY = ("no display found (DISPLAY is not set). Run it on a desktop or under Xvfb "
              "(xvfb-run -a python run_tour.py play ...), or render PNGs instead: "
              "python run_tour.py render SCENE --out FILE.png")


def has_display(environ=os.environ) -> bool:
    if sys.platform.startswith("linux"):
        return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    return True


class WindowDisplay(Display):
    kind = "window"

    def __init__(self, base, *, fullscreen: bool = False, title: str = "Ludao 鹭岛", owns_base: bool = False):
        super().__init__(base, owns_base=owns_base)
        self.fullscreen = fullscreen  # a kiosk screen: no title bar, the whole display
        self.title = title

    @classmethod
    def open(cls, size: tuple[int, int] = (1280, 720), *, fullscreen: bool = False,
             title: str = "Ludao 鹭岛", audio: bool = False, kiosk: bool = False,
             quality: str = "fast") -> "WindowDisplay":
        """kiosk: no decorations and no cursor (a touch screen's). quality: the lighting path
        (engine.display.lighting)."""
        if not has_display():
            raise MissingCapability(NO_DISPLAY)
        if audio and not sound_output_present():
            logging.getLogger("ludao.audio").info("no sound output on this machine: the visit is silent")
            audio = False
        try:
            base = make_base(offscreen=False, size=size, title=title, fullscreen=fullscreen, audio=audio,
                             kiosk=kiosk, quality=quality)
        except Exception as exc:  # Panda3D raises a bare Exception when no window can be opened
            raise MissingCapability(f"could not open a window ({exc}); use `render` for offscreen output") from None
        return cls(base, fullscreen=fullscreen, title=title, owns_base=True)
