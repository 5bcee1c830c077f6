"""An offscreen buffer (EGL, no display needed): previews, tour frames, tests, servers."""
from __future__ import annotations

from engine.display.base import Display, make_base


class OffscreenDisplay(Display):
    kind = "offscreen"

    @classmethod
    def open(cls, size: tuple[int, int] = (1280, 720)) -> "OffscreenDisplay":
        return cls(make_base(offscreen=True, size=size), owns_base=True)
