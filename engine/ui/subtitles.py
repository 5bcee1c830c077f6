"""Subtitles: the guide's line at the bottom of the screen, on a dark band. The text is broken into
lines by its measured width (Chinese line-breaking rules kept, engine.ui.text_layout) and the band
grows upwards from just above the tour controls, so no line count reaches them. On a screen
narrower than 16:9 the band narrows to stay inside the edges (and may need more lines)."""
from __future__ import annotations

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.ui.fonts import ui_font
from engine.ui.screen_layout import MARGIN, PAD, SUBTITLE, SUBTITLE_BOTTOM, SUBTITLE_HALF_WIDTH, Box, anchor
from engine.ui.text_layout import show_wrapped
from engine.ui.text_size import fitted


class Subtitles:
    def __init__(self, parent):
        self.right_edge = anchor(parent, "a2dRightCenter")  # follows the window's aspect ratio
        self.band = DirectFrame(parent=parent, frameColor=(0, 0, 0, 0.55),
                                frameSize=(-SUBTITLE_HALF_WIDTH, SUBTITLE_HALF_WIDTH, 0, 0.1),
                                pos=(0, 0, SUBTITLE_BOTTOM))
        self.text = OnscreenText(parent=self.band, text="", font=ui_font(), scale=SUBTITLE.scale, pos=(0, 0),
                                 fg=(1, 1, 1, 1), align=TextNode.A_center, mayChange=True)
        self._shown: str | None = None
        self.band.hide()

    def show(self, text: str | None) -> None:
        if not text:
            self._shown = None
            self.band.hide()
            return
        self._shown = text
        half = min(SUBTITLE_HALF_WIDTH, self.right_edge.get_x() - MARGIN)
        box = SUBTITLE if half == SUBTITLE_HALF_WIDTH else \
            Box(SUBTITLE.scale, SUBTITLE.width - 2 * (SUBTITLE_HALF_WIDTH - half), SUBTITLE.max_lines)
        wrapped = fitted(box, text, self.band)  # larger with the large-text switch, in the same room
        self.text.setTextScale(wrapped.scale)
        show_wrapped(self.text, text, wrapped)
        height = wrapped.height + 2 * PAD
        self.band["frameSize"] = (-half, half, 0, height)
        self.text.setPos(0, height - PAD - wrapped.ascent)
        self.band.show()

    @property
    def current(self) -> str | None:
        """The line as the tour gave it (without the line breaks added to fit the band)."""
        return None if self.band.is_hidden() else self._shown

    def destroy(self) -> None:
        self.band.destroy()
