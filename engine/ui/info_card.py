"""A POI's info card: its name and one-line description in the visitor's language, with a close
button large enough for a finger (at least 48 px at 1080p). It sits top right, clear of the
subtitles and questions a tour shows at the same time."""
from __future__ import annotations

from direct.gui.DirectGui import DGG, DirectButton, DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.manifest.scene_schema import Poi
from engine.ui.fonts import ui_font

CLOSE_LABEL = {"zh": "关闭", "en": "Close"}
APPROXIMATE_NOTE = {"zh": "（位置为近似）", "en": "(approximate position)"}


class InfoCard:
    def __init__(self, parent, lang: str = "zh"):
        self.lang = lang
        self.poi: Poi | None = None
        font = ui_font()
        # aspect2d units: the screen is 2 units high, so 0.1 is 54 px at 1080p.
        self.frame = DirectFrame(parent=parent, frameColor=(0.08, 0.10, 0.14, 0.88),
                                 frameSize=(-0.75, 0.75, -0.28, 0.28), pos=(0.95, 0, 0.45),
                                 state=DGG.NORMAL)
        self.title = OnscreenText(parent=self.frame, text="", font=font, scale=0.075, pos=(-0.70, 0.15),
                                  fg=(1, 1, 1, 1), align=TextNode.A_left, mayChange=True)
        self.body = OnscreenText(parent=self.frame, text="", font=font, scale=0.05, pos=(-0.70, 0.04),
                                 fg=(0.88, 0.90, 0.94, 1), align=TextNode.A_left, wordwrap=27, mayChange=True)
        self.close_button = DirectButton(parent=self.frame, text=CLOSE_LABEL[lang], text_font=font,
                                         scale=0.06, pos=(0.58, 0, 0.15), pad=(0.5, 0.35),
                                         frameColor=(0.85, 0.2, 0.45, 1), text_fg=(1, 1, 1, 1),
                                         command=self.hide)
        self.frame.hide()

    def show(self, poi: Poi) -> None:
        self.poi = poi
        name = getattr(poi.name, self.lang)
        other = poi.name.en if self.lang == "zh" else poi.name.zh
        self.title.setText(f"{name}  {other}")
        text = getattr(poi.description, self.lang)
        if poi.approximate:
            text += " " + APPROXIMATE_NOTE[self.lang]
        self.body.setText(text)
        self.frame.show()

    def set_language(self, lang: str) -> None:
        """Everything on the card in `lang` now, the open POI's text included."""
        self.lang = lang
        self.close_button["text"] = CLOSE_LABEL[lang]
        if self.poi is not None:
            self.show(self.poi)

    def hide(self) -> None:
        self.poi = None
        self.frame.hide()

    @property
    def visible(self) -> bool:
        return not self.frame.is_hidden()

    def destroy(self) -> None:
        self.frame.destroy()
