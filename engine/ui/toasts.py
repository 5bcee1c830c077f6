"""Toasts: short messages at the top of the screen for a new stamp, badge or find; they stack and
fade after a few seconds of app time (advance(dt) is called each frame). A toast given in both
languages follows a language switch while it is shown."""
from __future__ import annotations

from collections.abc import Mapping

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.ui.fonts import ui_font

SHOW_S = 4.0
MAX_SHOWN = 3


class _Toast:
    def __init__(self, frame: DirectFrame, label: OnscreenText, text: str | Mapping[str, str]):
        self.frame, self.label, self.text, self.left = frame, label, text, SHOW_S


class Toasts:
    def __init__(self, parent, lang: str = "zh"):
        self.parent = parent
        self.lang = lang
        self.shown: list[_Toast] = []  # newest first

    def _in_language(self, text: str | Mapping[str, str]) -> str:
        return text if isinstance(text, str) else text[self.lang]

    def show(self, text: str | Mapping[str, str], colour=(0.85, 0.2, 0.45, 0.92)) -> None:
        """text: one string, or {lang: string} to follow language switches."""
        frame = DirectFrame(parent=self.parent, frameColor=colour, frameSize=(-0.62, 0.62, -0.06, 0.08))
        label = OnscreenText(parent=frame, text=self._in_language(text), font=ui_font(), scale=0.055,
                             pos=(0, -0.005), fg=(1, 1, 1, 1), align=TextNode.A_center, mayChange=True)
        self.shown.insert(0, _Toast(frame, label, text))
        for extra in self.shown[MAX_SHOWN:]:
            extra.frame.destroy()
        self.shown = self.shown[:MAX_SHOWN]
        self._arrange()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for toast in self.shown:
            toast.label.setText(self._in_language(toast.text))

    def advance(self, dt: float) -> None:
        for toast in self.shown:
            toast.left -= dt
            if toast.left < 0.5:
                toast.frame.set_alpha_scale(max(toast.left, 0.0) / 0.5)
        for toast in [t for t in self.shown if t.left <= 0]:
            toast.frame.destroy()
            self.shown.remove(toast)
        self._arrange()

    def _arrange(self) -> None:
        for i, toast in enumerate(self.shown):
            toast.frame.set_pos(0, 0, 0.78 - i * 0.16)

    @property
    def texts(self) -> list[str]:
        return [toast.label.getText() for toast in self.shown]

    def destroy(self) -> None:
        for toast in self.shown:
            toast.frame.destroy()
        self.shown = []
