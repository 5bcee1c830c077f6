"""The operator's PIN pad: digits as big buttons (no hardware keyboard needed), the digits typed as
dots, a line for "wrong PIN", and beside it the status lines a caller hands in (uptime, visits
today, ...). It checks nothing itself: `on_submit(pin)` answers whether the PIN was right."""
from __future__ import annotations

from direct.gui.DirectGui import DirectButton, DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.ui.fonts import ui_font
from engine.ui.kiosk_screens import BACKDROP, BUTTON, CHOSEN, GOLD, SOFT, WHITE
from engine.ui.text_layout import centred_baseline

MAX_DIGITS = 12
KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
LABELS = {"clear": "清除 Clear", "ok": "确定 OK", "cancel": "取消 Cancel"}
TITLE = "管理员密码 · Operator PIN"
WRONG = "密码错误 · Wrong PIN"
KEY_HALF = (0.15, 0.1)   # 0.2 units high: 108 px at 1080p
KEY_STEP = (0.34, 0.23)
PAD_X = 0.75             # the pad's centre; the status panel stands left of it


def key_centre(key: str) -> tuple[float, float]:
    """Where a key's middle is (aspect2d x, z): a test taps it there."""
    if key == "cancel":
        return PAD_X, -0.8
    row, col = divmod(KEYS.index(key), 3)
    return PAD_X + (col - 1) * KEY_STEP[0], 0.3 - row * KEY_STEP[1]


class PinPad:
    def __init__(self, parent, aspect: float, status_lines: list[str], *, on_submit, on_cancel):
        self.on_submit, self.on_cancel = on_submit, on_cancel
        self.digits = ""
        font = ui_font()
        self.frame = DirectFrame(parent=parent, frameColor=BACKDROP, frameSize=(-aspect, aspect, -1, 1))
        OnscreenText(parent=self.frame, text=TITLE, font=font, scale=0.07, pos=(PAD_X, 0.8), fg=WHITE)
        self.dots = OnscreenText(parent=self.frame, text="", font=font, scale=0.09, pos=(PAD_X, 0.62), fg=WHITE)
        self.message = OnscreenText(parent=self.frame, text="", font=font, scale=0.055, pos=(PAD_X, 0.48), fg=GOLD)
        self.keys: dict[str, DirectButton] = {}
        for key in [*KEYS, "cancel"]:
            x, z = key_centre(key)
            digit = key.isdigit()
            scale = 0.08 if digit else 0.045
            half = KEY_HALF if key != "cancel" else (0.4, 0.09)
            self.keys[key] = DirectButton(
                parent=self.frame, text=key if digit else LABELS[key], text_font=font, text_scale=scale,
                text_fg=WHITE, text_pos=(0, centred_baseline(scale)), frameSize=(-half[0], half[0], -half[1], half[1]),
                frameColor=CHOSEN if key == "ok" else BUTTON, relief=1, pos=(x, 0, z),
                command=self._press, extraArgs=[key])
        self.status = DirectFrame(parent=self.frame, frameColor=(0.10, 0.13, 0.19, 1.0),
                                  frameSize=(-aspect + 0.1, PAD_X - 0.66, -0.9, 0.9))
        for i, line in enumerate(status_lines[:12]):
            OnscreenText(parent=self.status, text=line, font=font, scale=0.05, pos=(-aspect + 0.18, 0.75 - i * 0.1),
                         fg=SOFT, align=TextNode.A_left)

    def _press(self, key: str) -> None:
        if key == "cancel":
            self.on_cancel()
            return
        if key == "clear":
            self.digits = ""
        elif key == "ok":
            pin, self.digits = self.digits, ""
            if not self.on_submit(pin):
                self.message.setText(WRONG)
        elif len(self.digits) < MAX_DIGITS:
            self.digits += key
            self.message.setText("")
        if self.frame is not None:
            self.dots.setText("*" * len(self.digits))

    def destroy(self) -> None:
        if self.frame is not None:
            self.frame.destroy()
            self.frame = None
