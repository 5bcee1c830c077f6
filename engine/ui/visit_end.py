"""The end of a visit at a kiosk: the postcard as it was written (with its QR code, big enough for a
phone to scan from the screen), the visit's score, stamps and badges, and large buttons: open the
passport, print the postcard (when the kiosk has a printer), put a name on the leaderboard, done.

It shows what it is handed and decides nothing: the flow writes the postcard, prints, signs the
leaderboard and answers with a line for `say()`. Laid out for the `aspect` it is given: the postcard
takes the left of the screen, the buttons a column on the right."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from direct.gui.DirectGui import DirectButton, DirectFrame
from panda3d.core import Filename, Texture, TextNode

from engine.ui.kiosk_screens import BACKDROP, BUTTON, CHOSEN, GOLD, SOFT, big_button, text_at
from engine.ui.text_layout import show_at_most

POSTCARD_ASPECT = 3 / 2  # engine.souvenir.postcard.CARD_SIZE
TEXTS = {
    "thanks": {"zh": "谢谢参观！", "en": "Thank you for visiting!"},
    "scan": {"zh": "用手机扫描二维码，日后可验证这张明信片",
             "en": "Scan the QR code with your phone to verify this postcard later"},
    "no_postcard": {"zh": "这次参观没有明信片。", "en": "This visit has no postcard."},
    "preparing": {"zh": "正在制作您的明信片……", "en": "Making your postcard…"},
    "score": {"zh": "得分 {n}", "en": "Score {n}"},
    "stamps": {"zh": "印章 {have} / {of}", "en": "Stamps {have} of {of}"},
    "badges": {"zh": "徽章：{names}", "en": "Badges: {names}"},
    "no_badges": {"zh": "徽章：还没有", "en": "Badges: none yet"},
    "passport": {"zh": "查看护照", "en": "Passport"},
    "print": {"zh": "打印明信片", "en": "Print postcard"},
    "leaderboard": {"zh": "登上排行榜", "en": "Join the leaderboard"},
    "on_board": {"zh": "排行榜上的名字：{name}", "en": "On the leaderboard as {name}"},
    "done": {"zh": "完成", "en": "Done"},
}
BUTTON_HALF_HEIGHT = 0.075  # 0.15 units: 81 px at 1080p
BADGE_LINES = 2
MESSAGE_LINES = 3


@dataclass
class VisitSummary:
    """What the end screen tells: the scene's name {zh, en}, the score, stamps had of all, the badges'
    names ({zh, en} each) and the postcard's PNG (None when the visit has none)."""
    scene_name: dict
    score: int = 0
    stamps: tuple[int, int] = (0, 0)
    badges: list[dict] = field(default_factory=list)
    postcard: Path | None = None


@dataclass(frozen=True)
class Columns:
    """Where the end screen's parts go at an aspect: the postcard on the left, the buttons right."""
    aspect: float

    @property
    def inner(self) -> tuple[float, float]:
        return -self.aspect + 0.1, self.aspect - 0.08

    @property
    def card_width(self) -> float:
        left, right = self.inner
        return min(1.98, 0.62 * (right - left - 0.1))

    @property
    def right(self) -> tuple[float, float]:
        """The right column's left edge and width."""
        left = self.inner[0] + self.card_width + 0.12
        return left, self.inner[1] - left

    def button_centre(self, name: str, printing: bool = False) -> tuple[float, float]:
        """Where a button's middle is (aspect2d x, z): a test taps it there."""
        left, width = self.right
        if name == "done":
            return left + width / 2, -0.84
        rows = button_rows(printing)
        return left + width / 2, 0.1 - rows.index(name) * 0.2


def button_rows(printing: bool) -> list[str]:
    return ["passport"] + (["print"] if printing else []) + ["leaderboard"]


class VisitEndScreen:
    def __init__(self, parent, aspect: float, lang: str, summary: VisitSummary, *, printing: bool,
                 on_passport, on_print, on_leaderboard, on_done, preparing: bool = False):
        """preparing: the postcard is still being made; show_postcard() puts it up (or says none)."""
        self.lang = lang
        a = aspect
        self.frame = DirectFrame(parent=parent, frameColor=BACKDROP, frameSize=(-a, a, -1, 1))
        self.buttons: dict[str, DirectButton] = {}
        columns = Columns(a)
        inner_left = columns.inner[0]
        card_w = columns.card_width
        card_h = card_w / POSTCARD_ASPECT
        text_at(self.frame, TEXTS["thanks"][lang], 0.08, (inner_left, 0.84), align=TextNode.A_left)
        self._card = (inner_left + card_w / 2, 0.72, card_w, card_h)  # centre x, top, width, height
        self.postcard = self.placeholder = None
        if summary.postcard is not None or not preparing:
            self.show_postcard(summary.postcard)
        else:
            self.placeholder = text_at(self.frame, TEXTS["preparing"][lang], 0.06, (self._card[0], 0.1), fg=SOFT)

        left, width = columns.right
        text_at(self.frame, TEXTS["score"][lang].format(n=summary.score), 0.09, (left, 0.6), fg=GOLD,
                align=TextNode.A_left)
        have, of = summary.stamps
        text_at(self.frame, TEXTS["stamps"][lang].format(have=have, of=of), 0.06, (left, 0.46), align=TextNode.A_left)
        names = ("、" if lang == "zh" else ", ").join(b[lang] for b in summary.badges)
        badges = TEXTS["badges"][lang].format(names=names) if names else TEXTS["no_badges"][lang]
        show_at_most(text_at(self.frame, "", 0.05, (left, 0.34), fg=SOFT, align=TextNode.A_left), badges, 0.05,
                     width, BADGE_LINES)
        half = (width / 2, BUTTON_HALF_HEIGHT)
        commands = {"passport": on_passport, "print": on_print, "leaderboard": on_leaderboard}
        rows = button_rows(printing)
        for name in rows:
            self.buttons[name] = big_button(self.frame, TEXTS[name][lang], 0.06, half,
                                            columns.button_centre(name, printing), BUTTON, commands[name])
        self.message = text_at(self.frame, "", 0.045, (left, 0.1 - len(rows) * 0.2 + 0.02), fg=GOLD,
                               align=TextNode.A_left)
        self.message_width = width
        self.buttons["done"] = big_button(self.frame, TEXTS["done"][lang], 0.07, half, columns.button_centre("done"),
                                          CHOSEN, on_done)

    def show_postcard(self, png: Path | None) -> None:
        """The postcard (with the hint to scan its QR code), or a line saying there is none."""
        if self.placeholder is not None:
            self.placeholder.destroy()
            self.placeholder = None
        card_x, card_top, card_w, card_h = self._card
        if png is None:
            self.placeholder = text_at(self.frame, TEXTS["no_postcard"][self.lang], 0.06, (card_x, 0.1), fg=SOFT)
            button = self.buttons.pop("print", None)  # nothing to print
            if button is not None:
                button.destroy()
            return
        self.postcard = DirectFrame(parent=self.frame, image=_texture(png), image_scale=(card_w / 2, 1, card_h / 2),
                                    frameColor=(0, 0, 0, 0), pos=(card_x, 0, card_top - card_h / 2))
        hint = text_at(self.frame, "", 0.045, (card_x, card_top - card_h - 0.09), fg=SOFT)
        show_at_most(hint, TEXTS["scan"][self.lang], 0.045, card_w, 2)

    def say(self, text: str) -> None:
        """A line under the buttons: the printer's answer, the name taken, ..."""
        show_at_most(self.message, text, 0.045, self.message_width, MESSAGE_LINES)

    def named(self, nickname: str) -> None:
        """The visitor is on the leaderboard: say so, and the button is spent."""
        self.say(TEXTS["on_board"][self.lang].format(name=nickname))
        button = self.buttons.pop("leaderboard", None)
        if button is not None:
            button.destroy()

    def destroy(self) -> None:
        self.frame.destroy()


def _texture(png: Path) -> Texture:
    """The postcard read afresh (the loader's cache would keep every visitor's card for months)."""
    texture = Texture("postcard")
    texture.read(Filename.from_os_specific(str(png)))
    texture.set_minfilter(Texture.FT_linear_mipmap_linear)
    return texture
