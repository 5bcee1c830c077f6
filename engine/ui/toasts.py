"""Toasts: short messages at the top of the screen for a new stamp, badge or find; they stack and
fade after a few seconds of app time (advance(dt) is called each frame)."""
from __future__ import annotations

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.ui.fonts import ui_font

SHOW_S = 4.0
MAX_SHOWN = 3


class Toasts:
    def __init__(self, parent):
        self.parent = parent
        self.shown: list[list] = []  # [frame, seconds left]

    def show(self, text: str, colour=(0.85, 0.2, 0.45, 0.92)) -> None:
        frame = DirectFrame(parent=self.parent, frameColor=colour, frameSize=(-0.62, 0.62, -0.06, 0.08))
        OnscreenText(parent=frame, text=text, font=ui_font(), scale=0.055, pos=(0, -0.005), fg=(1, 1, 1, 1),
                     align=TextNode.A_center)
        self.shown.insert(0, [frame, SHOW_S])
        for extra in self.shown[MAX_SHOWN:]:
            extra[0].destroy()
        self.shown = self.shown[:MAX_SHOWN]
        self._arrange()

    def advance(self, dt: float) -> None:
        for item in self.shown:
            item[1] -= dt
            if item[1] < 0.5:
                item[0].set_alpha_scale(max(item[1], 0.0) / 0.5)
        for item in [i for i in self.shown if i[1] <= 0]:
            item[0].destroy()
            self.shown.remove(item)
        self._arrange()

    def _arrange(self) -> None:
        for i, (frame, _) in enumerate(self.shown):
            frame.set_pos(0, 0, 0.78 - i * 0.16)

    @property
    def texts(self) -> list[str]:
        return [frame.get_children()[0].node().get_text() if frame.get_children() else "" for frame, _ in self.shown]

    def destroy(self) -> None:
        for frame, _ in self.shown:
            frame.destroy()
        self.shown = []
