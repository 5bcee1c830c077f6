"""Subtitles: the guide's line at the bottom of the screen, on a dark band, wrapped to the width."""
from __future__ import annotations

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.ui.fonts import ui_font


class Subtitles:
    def __init__(self, parent):
        self.band = DirectFrame(parent=parent, frameColor=(0, 0, 0, 0.55), frameSize=(-1.5, 1.5, -0.1, 0.1),
                                pos=(0, 0, -0.72))
        self.text = OnscreenText(parent=self.band, text="", font=ui_font(), scale=0.06, pos=(0, 0.015),
                                 fg=(1, 1, 1, 1), align=TextNode.A_center, wordwrap=44, mayChange=True)
        self.band.hide()

    def show(self, text: str | None) -> None:
        if not text:
            self.band.hide()
            return
        self.text.setText(text)
        lines = max(1, self.text.textNode.get_num_rows())
        self.band["frameSize"] = (-1.5, 1.5, -0.05 - 0.07 * (lines - 1), 0.1)
        self.band.show()

    @property
    def current(self) -> str | None:
        return None if self.band.is_hidden() else self.text.getText()

    def destroy(self) -> None:
        self.band.destroy()
