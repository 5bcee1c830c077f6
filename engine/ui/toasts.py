"""Toasts: short messages at the top of the screen for a new stamp, badge or find; they stack and
fade after a few seconds of app time (advance(dt) is called each frame). A toast given in both
languages follows a language switch while it is shown.

Each toast is wrapped by its measured width and as tall as its lines; they stack downwards from
under the top row (the HUD's title on the left, the passport button on the right, which they never
reach: they are centred and narrower than the gap between the two)."""
from __future__ import annotations

from collections.abc import Mapping

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.ui.fonts import ui_font
from engine.ui.screen_layout import TOAST, TOAST_GAP, TOAST_HALF_WIDTH, TOAST_PAD, TOAST_TOP
from engine.ui.text_layout import show_wrapped

SHOW_S = 4.0
MAX_SHOWN = 3


class _Toast:
    def __init__(self, frame: DirectFrame, label: OnscreenText, text: str | Mapping[str, str]):
        self.frame, self.label, self.text, self.left = frame, label, text, SHOW_S
        self.height = 0.0


class Toasts:
    def __init__(self, parent, lang: str = "zh"):
        self.parent = parent
        self.lang = lang
        self.shown: list[_Toast] = []  # newest first
        self.top, self.max_shown = TOAST_TOP, MAX_SHOWN

    def _in_language(self, text: str | Mapping[str, str]) -> str:
        return text if isinstance(text, str) else text[self.lang]

    def show(self, text: str | Mapping[str, str], colour=(0.72, 0.12, 0.32, 0.92)) -> None:
        """text: one string, or {lang: string} to follow language switches."""
        frame = DirectFrame(parent=self.parent, frameColor=colour)
        label = OnscreenText(parent=frame, text="", font=ui_font(), scale=TOAST.scale, fg=(1, 1, 1, 1),
                             align=TextNode.A_center, mayChange=True)
        toast = _Toast(frame, label, text)
        self._fill(toast)
        self.shown.insert(0, toast)
        self._trim()

    def below_banner(self, height: float) -> None:
        """Stack under an event's banner `height` tall (0: none), one toast fewer while it stands."""
        self.top = TOAST_TOP - (height + TOAST_GAP if height else 0.0)
        self.max_shown = MAX_SHOWN - 1 if height else MAX_SHOWN
        self._trim()

    def _trim(self) -> None:
        for extra in self.shown[self.max_shown:]:
            extra.frame.destroy()
        self.shown = self.shown[:self.max_shown]
        self._arrange()

    def _fill(self, toast: _Toast) -> None:
        """The toast's text in the current language, wrapped, and its frame as tall as the lines."""
        text = self._in_language(toast.text)
        wrapped = TOAST.wrap(text)
        show_wrapped(toast.label, text, wrapped)
        toast.height = wrapped.height + 2 * TOAST_PAD
        toast.frame["frameSize"] = (-TOAST_HALF_WIDTH, TOAST_HALF_WIDTH, -toast.height, 0)
        toast.label.setPos(0, -TOAST_PAD - wrapped.ascent)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for toast in self.shown:
            self._fill(toast)
        self._arrange()

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
        top = self.top  # each toast's frame hangs from its top edge
        for toast in self.shown:
            toast.frame.set_pos(0, 0, top)
            top -= toast.height + TOAST_GAP

    @property
    def texts(self) -> list[str]:
        return [self._in_language(toast.text) for toast in self.shown]

    def destroy(self) -> None:
        for toast in self.shown:
            toast.frame.destroy()
        self.shown = []
