"""A POI's info card: its name (and the name in the other language) and its description in the
visitor's language, with a close button large enough for a finger (at least 48 px at 1080p).

It hangs from the top right corner of the screen, right of the question panel and below the
passport button, and grows downwards to fit its wrapped text (engine.ui.screen_layout)."""
from __future__ import annotations

from direct.gui.DirectGui import DGG, DirectButton, DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.i18n.card_text import card_body
from engine.i18n.ui_words import SHARED
from engine.manifest.scene_schema import Poi
from engine.ui.fonts import ui_font
from engine.ui.screen_layout import (BUTTON_HALF_HEIGHT, CARD_BODY, CARD_SUBTITLE, CARD_TITLE, CARD_TOP,
                                     CARD_WIDTH, MARGIN, PAD, anchor)
from engine.ui.text_layout import centred_baseline, show_wrapped
from engine.ui.text_size import fitted

CLOSE_LABEL = SHARED["close"]  # as the web page's card says it
CLOSE_HALF_WIDTH = 0.12
INSET = 0.05  # the text's left edge inside the card


class InfoCard:
    def __init__(self, parent, lang: str = "zh"):
        self.lang = lang
        self.poi: Poi | None = None
        font = ui_font()
        # the frame's top right corner is the anchor point; x grows leftwards from the screen's right edge
        self.frame = DirectFrame(parent=anchor(parent, "a2dTopRight"), frameColor=(0.08, 0.10, 0.14, 0.88),
                                 frameSize=(-CARD_WIDTH, 0, -0.5, 0), pos=(-MARGIN, 0, CARD_TOP - 1),
                                 state=DGG.NORMAL)
        left = -CARD_WIDTH + INSET
        self.title = OnscreenText(parent=self.frame, text="", font=font, scale=CARD_TITLE.scale, pos=(left, 0),
                                  fg=(1, 1, 1, 1), align=TextNode.A_left, mayChange=True)
        self.other_name = OnscreenText(parent=self.frame, text="", font=font, scale=CARD_SUBTITLE.scale,
                                       pos=(left, 0), fg=(0.75, 0.78, 0.84, 1), align=TextNode.A_left, mayChange=True)
        self.body = OnscreenText(parent=self.frame, text="", font=font, scale=CARD_BODY.scale, pos=(left, 0),
                                 fg=(0.88, 0.90, 0.94, 1), align=TextNode.A_left, mayChange=True)
        self.close_button = DirectButton(parent=self.frame, text=CLOSE_LABEL[lang], text_font=font,
                                         text_scale=0.05, text_pos=(0, centred_baseline(0.05)),
                                         frameSize=(-CLOSE_HALF_WIDTH, CLOSE_HALF_WIDTH,
                                                    -BUTTON_HALF_HEIGHT, BUTTON_HALF_HEIGHT),
                                         pos=(-PAD - CLOSE_HALF_WIDTH, 0, -PAD - BUTTON_HALF_HEIGHT),
                                         frameColor=(0.72, 0.12, 0.32, 1), text_fg=(1, 1, 1, 1),
                                         command=self.hide)
        self.frame.hide()

    def show(self, poi: Poi) -> None:
        self.poi = poi
        name = getattr(poi.name, self.lang)
        other = poi.name.en if self.lang == "zh" else poi.name.zh
        text = card_body(poi, self.lang)
        top = -PAD  # each text below the one before, by its measured height
        for label, box, content in ((self.title, CARD_TITLE, name), (self.other_name, CARD_SUBTITLE, other),
                                    (self.body, CARD_BODY, text)):
            wrapped = fitted(box, content, self.frame)  # larger with the large-text switch, in the same room
            label.setTextScale(wrapped.scale)
            show_wrapped(label, content, wrapped)
            label.setPos(-CARD_WIDTH + INSET, top - wrapped.ascent)
            top -= wrapped.height + PAD / 2
            if label is self.title:  # the lines below run the card's full width: keep under the button
                top = min(top, -PAD - 2 * BUTTON_HALF_HEIGHT - PAD / 2)
        bottom = min(top - PAD / 2, -2 * PAD - 2 * BUTTON_HALF_HEIGHT)
        self.frame["frameSize"] = (-CARD_WIDTH, 0, bottom, 0)
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
