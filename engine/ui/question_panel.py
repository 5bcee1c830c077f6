"""A tour's question on screen: the prompt and one large button per option (touch-sized)."""
from __future__ import annotations

from direct.gui.DirectGui import DirectButton, DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.ui.fonts import ui_font

BUTTON = (0.15, 0.18, 0.24, 0.92)


class QuestionPanel:
    def __init__(self, parent, on_answer):
        self.parent = parent
        self.on_answer = on_answer
        self.frame = None
        self.buttons: dict[str, DirectButton] = {}

    def show(self, prompt: str | None, options: list[tuple[str, str]]) -> None:
        self.hide()
        if not prompt:
            return
        font = ui_font()
        height = 0.2 + 0.14 * len(options)
        self.frame = DirectFrame(parent=self.parent, frameColor=(0.05, 0.07, 0.1, 0.9),
                                 frameSize=(-0.8, 0.8, -height / 2, height / 2), pos=(0, 0, 0.1))
        OnscreenText(parent=self.frame, text=prompt, font=font, scale=0.065, pos=(0, height / 2 - 0.1),
                     fg=(1, 1, 1, 1), align=TextNode.A_center, wordwrap=22)
        for i, (option_id, label) in enumerate(options):
            # 0.11 units high: 59 px at 1080p, above the 48 px a finger needs
            self.buttons[option_id] = DirectButton(
                parent=self.frame, text=label, text_font=font, text_scale=0.055, text_fg=(1, 1, 1, 1),
                frameSize=(-0.7, 0.7, -0.055, 0.055), frameColor=BUTTON, pos=(0, 0, height / 2 - 0.24 - 0.14 * i),
                command=self.on_answer, extraArgs=[option_id])

    def hide(self) -> None:
        if self.frame is not None:
            self.frame.destroy()
        self.frame, self.buttons = None, {}
