"""The banner of the events on now: a ribbon standing at the top centre for as long as an event is
on, in the visitor's language. Several banners (one event's, or several events') take turns every
few seconds of app time. It takes the first toast's place; the toasts stack under it
(screen_layout.BANNER), so it never covers a toast, the HUD or a question."""
from __future__ import annotations

from collections.abc import Mapping

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.ui.fonts import ui_font
from engine.ui.screen_layout import BANNER, TOAST_HALF_WIDTH, TOAST_PAD, TOAST_TOP
from engine.ui.text_layout import Wrapped, show_wrapped

TURN_S = 6.0  # each banner's turn when there are several
GOLD = (0.55, 0.08, 0.1, 0.92)


class EventBanner:
    def __init__(self, parent, lang: str = "zh"):
        self.lang = lang
        self.banners: list[Mapping[str, str]] = []
        self.index, self._turn_left = 0, TURN_S
        self.height = BANNER.height(1) + 2 * TOAST_PAD
        self.frame = DirectFrame(parent=parent, frameColor=GOLD, pos=(0, 0, TOAST_TOP),
                                 frameSize=(-TOAST_HALF_WIDTH, TOAST_HALF_WIDTH, -self.height, 0))
        self.label = OnscreenText(parent=self.frame, text="", font=ui_font(), scale=BANNER.scale,
                                  fg=(1, 0.93, 0.7, 1), align=TextNode.A_center, mayChange=True)
        self.frame.hide()

    @property
    def shown(self) -> bool:
        return bool(self.banners)

    @property
    def text(self) -> str | None:
        """The banner on screen now, in the visitor's language (None when no event is on)."""
        return self.banners[self.index][self.lang] if self.banners else None

    def set_banners(self, banners: list[Mapping[str, str]]) -> None:
        """The banners of the events on now ({lang: text} each), in the events' order; [] hides it."""
        if list(banners) == self.banners:
            return
        self.banners, self.index, self._turn_left = list(banners), 0, TURN_S
        self._fill()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._fill()

    def advance(self, dt: float) -> None:
        if len(self.banners) < 2:
            return
        self._turn_left -= dt
        if self._turn_left <= 0:
            self.index, self._turn_left = (self.index + 1) % len(self.banners), TURN_S
            self._fill()

    def _fill(self) -> None:
        if not self.banners:
            self.frame.hide()
            return
        text = self.text
        wrapped = BANNER.wrap(text)  # one line for checked content (U001); longer still shows, cut
        show_wrapped(self.label, text, Wrapped(wrapped.lines[:1], wrapped.scale))
        self.label.setPos(0, -TOAST_PAD - wrapped.ascent)
        self.frame.show()

    def destroy(self) -> None:
        self.frame.destroy()
