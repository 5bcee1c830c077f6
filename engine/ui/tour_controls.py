"""On-screen controls for a guided tour: pause/resume, back, skip, and explore/rejoin.
Each button is 0.11 aspect2d units high (59 px at 1080p), for fingers as much as mice.

They hang from the bottom right corner (ShowBase's a2dBottomRight anchor), so the row ends a margin
inside the right edge at any aspect ratio instead of at a fixed x that runs off a 16:9 screen."""
from __future__ import annotations

from direct.gui.DirectGui import DirectButton

from engine.ui.fonts import ui_font
from engine.ui.screen_layout import BOTTOM_ROW_Z, BUTTON_HALF_HEIGHT, MARGIN, anchor
from engine.ui.text_layout import centred_baseline

LABELS = {
    "pause": {"zh": "暂停", "en": "Pause"}, "resume": {"zh": "继续", "en": "Resume"},
    "back": {"zh": "上一步", "en": "Back"}, "skip": {"zh": "跳过", "en": "Skip"},
    "roam": {"zh": "自由探索", "en": "Explore"}, "rejoin": {"zh": "回到导览", "en": "Rejoin tour"},
}
COLOUR = (0.15, 0.18, 0.24, 0.9)
ACTIVE = (0.72, 0.12, 0.32, 1)  # white on it: 6.3:1
HALF_WIDTH = 0.16
TEXT_SCALE = 0.05
STEP = 2 * HALF_WIDTH + MARGIN
ORDER = ("pause", "back", "skip", "roam")
ROW_WIDTH = len(ORDER) * STEP - MARGIN


def button_centre(name: str, aspect: float) -> tuple[float, float]:
    """Where button `name`'s middle is in aspect2d (x, z) on a screen `aspect` wide per unit high."""
    i = ORDER.index(name)
    return aspect - MARGIN - HALF_WIDTH - (len(ORDER) - 1 - i) * STEP, BOTTOM_ROW_Z


class TourControls:
    def __init__(self, parent, lang: str, *, on_pause, on_back, on_skip, on_roam):
        self.lang = lang
        self.paused = self.roaming = False
        font = ui_font()
        corner = anchor(parent, "a2dBottomRight")
        self.buttons: dict[str, DirectButton] = {}
        commands = {"pause": on_pause, "back": on_back, "skip": on_skip, "roam": on_roam}
        for name in ORDER:
            x = button_centre(name, 0.0)[0]  # from the right edge (the anchor), leftwards
            self.buttons[name] = DirectButton(
                parent=corner, text=LABELS[name][lang], text_font=font, text_scale=TEXT_SCALE,
                text_pos=(0, centred_baseline(TEXT_SCALE)), text_fg=(1, 1, 1, 1),
                frameSize=(-HALF_WIDTH, HALF_WIDTH, -BUTTON_HALF_HEIGHT, BUTTON_HALF_HEIGHT), frameColor=COLOUR,
                pos=(x, 0, BOTTOM_ROW_Z + 1), command=commands[name])

    def show_state(self, paused: bool, roaming: bool) -> None:
        self.paused, self.roaming = paused, roaming
        if not self.buttons:
            return  # destroyed: the tour handed over
        self.buttons["pause"]["text"] = LABELS["resume" if paused else "pause"][self.lang]
        self.buttons["roam"]["text"] = LABELS["rejoin" if roaming else "roam"][self.lang]
        self.buttons["roam"]["frameColor"] = ACTIVE if roaming else COLOUR
        for name in ("back", "skip"):
            self.buttons[name]["state"] = "disabled" if roaming else "normal"

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for name in ("back", "skip"):
            if name in self.buttons:
                self.buttons[name]["text"] = LABELS[name][lang]
        self.show_state(self.paused, self.roaming)

    def destroy(self) -> None:
        for button in self.buttons.values():
            button.destroy()
        self.buttons = {}
