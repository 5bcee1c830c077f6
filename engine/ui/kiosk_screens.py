"""The kiosk's own screens on the 2D overlay: the start screen (language buttons and scene cards,
with the events on today), the attract loop's caption and the "still there?" prompt.

Touch-first: every target is at least 0.09 aspect2d units high (48 px at 1080p; most are far larger).
Every text stands on an opaque (or nearly opaque) frame of a known colour, so its contrast is
checked (tests/test_kiosk_screens.py) against WCAG AA. Each screen is laid out for the `aspect`
(width per unit height) it is given, so a test can lay it out at 16:9 under a plain node.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from direct.gui.DirectGui import DirectButton, DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.ui.fonts import ui_font
from engine.ui.text_layout import centred_baseline, show_wrapped, wrap

BACKDROP = (0.05, 0.07, 0.11, 1.0)
CARD = (0.10, 0.22, 0.40, 1.0)
CHOSEN = (0.72, 0.12, 0.32, 1.0)   # the language in use
BUTTON = (0.16, 0.20, 0.28, 1.0)
BAND = (0.02, 0.03, 0.05, 0.85)     # the attract caption over the moving scene
WHITE = (1.0, 1.0, 1.0, 1.0)
GOLD = (1.0, 0.86, 0.45, 1.0)       # the events on today, on a card
SOFT = (0.85, 0.88, 0.93, 1.0)

TEXTS = {
    "title": {"zh": "鹭岛 · 厦门虚拟游览", "en": "Ludao · a virtual tour of Xiamen"},
    "choose": {"zh": "选择一个景点开始参观", "en": "Choose a place to start your visit"},
    "today": {"zh": "今日活动：{names}", "en": "On today: {names}"},
    "touch": {"zh": "触摸屏幕开始", "en": "Touch to start"},
    "still_there": {"zh": "还在吗？", "en": "Still there?"},
    "back_in": {"zh": "{n} 秒后回到首页 · 触摸屏幕继续参观", "en": "Back to the start in {n} s · touch to stay"},
    "stay": {"zh": "继续参观", "en": "Keep exploring"},
    "large_text": {"zh": "大字 A+", "en": "Large text A+"},
}
LANG_NAMES = {"zh": "中文", "en": "English"}


@dataclass
class SceneCard:
    """What a start screen card shows: the scene's id, its name ({zh, en}) and the events on today."""
    id: str
    name: dict
    events: list[dict] = field(default_factory=list)


def text_at(parent, text: str, scale: float, pos, fg=WHITE, align=TextNode.A_center) -> OnscreenText:
    return OnscreenText(parent=parent, text=text, font=ui_font(), scale=scale, pos=pos, fg=fg, align=align)


def big_button(parent, text: str, scale: float, half: tuple[float, float], pos, colour, command, args=()) -> DirectButton:
    return DirectButton(parent=parent, text=text, text_font=ui_font(), text_scale=scale, text_fg=WHITE,
                        text_pos=(0, centred_baseline(scale)), frameSize=(-half[0], half[0], -half[1], half[1]),
                        frameColor=colour, relief=1, pos=(pos[0], 0, pos[1]), command=command, extraArgs=list(args))


class StartScreen:
    """Large language buttons (top right) and one card per scene (a row across the middle)."""

    CARD_HALF_HEIGHT = 0.42

    def __init__(self, parent, aspect: float, languages: list[str], cards: list[SceneCard], lang: str, *,
                 on_language, on_scene, on_large_text=None, large: bool = False):
        """on_large_text: a "Large text" switch too (bottom right), shown on when `large`."""
        self.parent, self.aspect = parent, aspect
        self.languages, self.cards = languages, cards
        self.on_language, self.on_scene, self.on_large_text = on_language, on_scene, on_large_text
        self.large = large
        self.lang = lang
        self.frame = None
        self.buttons: dict[str, DirectButton] = {}  # "lang:zh", "scene:gulangyu", ...
        self._build()

    def _build(self) -> None:
        self.destroy()
        a, lang = self.aspect, self.lang
        self.frame = DirectFrame(parent=self.parent, frameColor=BACKDROP, frameSize=(-a, a, -1, 1))
        text_at(self.frame, TEXTS["title"][lang], 0.085, (-a + 0.12, 0.8), align=TextNode.A_left)
        text_at(self.frame, TEXTS["choose"][lang], 0.06, (-a + 0.12, 0.62), fg=SOFT, align=TextNode.A_left)
        for i, code in enumerate(reversed(self.languages)):  # right to left, the first language leftmost
            x = a - 0.36 - i * 0.62
            self.buttons[f"lang:{code}"] = big_button(self.frame, LANG_NAMES[code], 0.07, (0.28, 0.1), (x, 0.78),
                                                   CHOSEN if code == lang else BUTTON, self.on_language, [code])
        count = max(len(self.cards), 1)
        per_row = min(count, 3)
        gap = 0.08
        width = min(1.05, (2 * a - 0.24 - gap * (per_row - 1)) / per_row)
        rows = (count + per_row - 1) // per_row
        half_h = self.CARD_HALF_HEIGHT if rows == 1 else 0.3
        for i, card in enumerate(self.cards):
            row, col = divmod(i, per_row)
            in_row = min(per_row, count - row * per_row)
            x = (col - (in_row - 1) / 2) * (width + gap)
            z = -0.12 - row * (2 * half_h + gap) + (rows - 1) * (half_h + gap / 2)
            self.buttons[f"scene:{card.id}"] = self._card(card, x, z, width / 2, half_h)
        if self.on_large_text is not None:  # the reading texts of the visit up to 1.3 x (engine.ui.text_size)
            self.buttons["large_text"] = big_button(self.frame, TEXTS["large_text"][lang], 0.06, (0.34, 0.08),
                                                    (a - 0.46, -0.84), CHOSEN if self.large else BUTTON,
                                                    self.on_large_text)

    def _card(self, card: SceneCard, x: float, z: float, half_w: float, half_h: float) -> DirectButton:
        button = DirectButton(parent=self.frame, frameSize=(-half_w, half_w, -half_h, half_h), frameColor=CARD,
                              relief=1, pos=(x, 0, z), command=self.on_scene, extraArgs=[card.id])
        inner = 2 * half_w - 0.12
        name = card.name[self.lang]
        wrapped = wrap(name, 0.075, inner)
        label = text_at(button, "", 0.075, (0, half_h - 0.08 - wrapped.ascent))
        show_wrapped(label, name, wrapped)
        if card.events:
            names = ("、" if self.lang == "zh" else ", ").join(e[self.lang] for e in card.events)
            line = TEXTS["today"][self.lang].format(names=names)
            events = wrap(line, 0.05, inner)
            text = text_at(button, "", 0.05, (0, -half_h + 0.06 + events.height - events.ascent), fg=GOLD)
            show_wrapped(text, line, events)
        return button

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._build()

    def set_large(self, large: bool) -> None:
        self.large = large
        self._build()

    def destroy(self) -> None:
        if self.frame is not None:
            self.frame.destroy()
        self.frame, self.buttons = None, {}


class AttractCaption:
    """"Touch to start" in every language of the kiosk, on a dark band low on the screen."""

    def __init__(self, parent, languages: list[str]):
        self.frame = DirectFrame(parent=parent, frameColor=BAND, frameSize=(-1.1, 1.1, -0.17, 0.17), pos=(0, 0, -0.68))
        lines = [TEXTS["touch"][code] for code in languages]
        scales = [0.09, 0.065][: len(lines)]
        z = 0.03 if len(lines) == 2 else centred_baseline(0.09)
        for i, (line, scale) in enumerate(zip(lines, scales)):
            text_at(self.frame, line, scale, (0, z - i * 0.12), fg=WHITE if i == 0 else SOFT)

    def destroy(self) -> None:
        self.frame.destroy()


class IdlePrompt:
    """"Still there?" with a countdown, over a veil that catches every touch (a touch keeps the visit)."""

    def __init__(self, parent, aspect: float, lang: str, seconds: int, *, on_stay):
        self.lang = lang
        self.veil = DirectButton(parent=parent, frameColor=(0, 0, 0, 0.55), frameSize=(-aspect, aspect, -1, 1),
                                 relief=1, command=on_stay)
        self.panel = DirectFrame(parent=self.veil, frameColor=BACKDROP, frameSize=(-1.0, 1.0, -0.5, 0.5))
        text_at(self.panel, TEXTS["still_there"][lang], 0.1, (0, 0.3))
        self.number = text_at(self.panel, str(seconds), 0.16, (0, 0.06), fg=GOLD)
        self.line = text_at(self.panel, "", 0.05, (0, -0.12), fg=SOFT)
        self.stay = big_button(self.panel, TEXTS["stay"][lang], 0.065, (0.4, 0.09), (0, -0.33), CHOSEN, on_stay)
        self.show(seconds)

    def show(self, seconds: int) -> None:
        self.number.setText(str(seconds))
        self.line.setText(TEXTS["back_in"][self.lang].format(n=seconds))

    def destroy(self) -> None:
        self.veil.destroy()
