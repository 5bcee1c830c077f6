"""A name for the leaderboard without a hardware keyboard: suggested bilingual names as big buttons,
or an on-screen keyboard (Latin letters, digits, space). Chinese is offered through the suggestions,
since writing it needs an input method a kiosk does not have.

`on_pick(name)` answers None when the name was taken, or the line to show the visitor when it was
refused (the store's rules decide, never this widget)."""
from __future__ import annotations

from direct.gui.DirectGui import DirectButton, DirectFrame
from panda3d.core import TextNode

from engine.store.nickname import MAX_LENGTH  # the store's own limit: typing stops where it would refuse
from engine.ui.kiosk_screens import BUTTON, CHOSEN, GOLD, SOFT, big_button, text_at
from engine.ui.text_layout import show_at_most

PANEL = (0.10, 0.13, 0.19, 1.0)  # a shade lighter than the screen under it
ROWS = ["1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"]
KEY_HALF = 0.06  # 0.12 units: 65 px at 1080p
KEY_STEP = 0.145
TEXTS = {
    "title": {"zh": "为排行榜选一个名字", "en": "Choose a name for the leaderboard"},
    "or_type": {"zh": "或者输入一个名字：", "en": "Or type one:"},
    "space": {"zh": "空格", "en": "Space"},
    "delete": {"zh": "删除", "en": "Delete"},
    "ok": {"zh": "确定", "en": "OK"},
    "cancel": {"zh": "取消", "en": "Cancel"},
}


def suggestion_centre(i: int) -> tuple[float, float]:
    """Where the i-th suggested name's button is (two a row)."""
    row, col = divmod(i, 2)
    return -0.58 + col * 1.16, 0.6 - row * 0.17


def key_centre(key: str) -> tuple[float, float]:
    """Where a key's middle is on the panel (aspect2d x, z): a test taps it there."""
    specials = {"space": (-0.65, -0.56), "delete": (0.0, -0.56), "ok": (0.65, -0.56), "cancel": (0.65, -0.8)}
    if key in specials:
        return specials[key]
    for row, keys in enumerate(ROWS):
        if key in keys:
            col = keys.index(key)
            return (col - (len(keys) - 1) / 2) * KEY_STEP, 0.02 - row * KEY_STEP
    raise KeyError(key)


class NicknamePicker:
    def __init__(self, parent, aspect: float, lang: str, suggestions: list[str], *, on_pick, on_cancel):
        self.lang, self.on_pick = lang, on_pick
        self.typed = ""
        # The veil catches every touch, so nothing under the picker reacts while it is open.
        self.veil = DirectButton(parent=parent, frameColor=(0, 0, 0, 0.6), frameSize=(-aspect, aspect, -1, 1), relief=1)
        self.panel = DirectFrame(parent=self.veil, frameColor=PANEL, frameSize=(-1.2, 1.2, -0.95, 0.95))
        text_at(self.panel, TEXTS["title"][lang], 0.07, (0, 0.8))
        self.buttons: dict[str, DirectButton] = {}
        for i, name in enumerate(suggestions[:4]):
            self.buttons[f"name:{name}"] = big_button(self.panel, name, 0.055, (0.55, 0.07), suggestion_centre(i),
                                                      CHOSEN, self._pick, [name])
        text_at(self.panel, TEXTS["or_type"][lang], 0.05, (-1.1, 0.25), fg=SOFT, align=TextNode.A_left)
        self.field = DirectFrame(parent=self.panel, frameColor=(0.92, 0.93, 0.95, 1), frameSize=(-0.1, 1.5, -0.04, 0.08),
                                 pos=(-0.5, 0, 0.24))
        self.shown = text_at(self.field, "", 0.06, (0.05, 0), fg=(0.05, 0.07, 0.11, 1), align=TextNode.A_left)
        for keys in ROWS:
            for key in keys:
                self.buttons[key] = self._key(key, key, 0.06, (KEY_HALF, KEY_HALF), self._type, [key])
        self.buttons["space"] = self._key("space", TEXTS["space"][lang], 0.05, (0.28, KEY_HALF), self._type, [" "])
        self.buttons["delete"] = self._key("delete", TEXTS["delete"][lang], 0.05, (0.28, KEY_HALF), self._delete)
        self.buttons["ok"] = self._key("ok", TEXTS["ok"][lang], 0.055, (0.28, KEY_HALF), self._submit, colour=CHOSEN)
        self.buttons["cancel"] = self._key("cancel", TEXTS["cancel"][lang], 0.05, (0.28, KEY_HALF), on_cancel)
        self.message = text_at(self.panel, "", 0.045, (-1.1, -0.76), fg=GOLD, align=TextNode.A_left)

    def _key(self, key: str, label: str, scale: float, half, command, args=(), colour=BUTTON) -> DirectButton:
        return big_button(self.panel, label, scale, half, key_centre(key), colour, command, args)

    def _type(self, char: str) -> None:
        if len(self.typed) < MAX_LENGTH and not (char == " " and (not self.typed or self.typed.endswith(" "))):
            self.typed += char
            self.shown.setText(self.typed)

    def _delete(self) -> None:
        self.typed = self.typed[:-1]
        self.shown.setText(self.typed)

    def _submit(self) -> None:
        self._pick(self.typed)

    def _pick(self, name: str) -> None:
        refused = self.on_pick(name)
        if refused:
            show_at_most(self.message, refused, 0.045, 1.4, 2)

    def destroy(self) -> None:
        self.veil.destroy()
