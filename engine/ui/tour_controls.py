"""On-screen controls for a guided tour: pause/resume, back, skip, and explore/rejoin.
Each button is 0.11 aspect2d units high (59 px at 1080p), for fingers as much as mice."""
from __future__ import annotations

from direct.gui.DirectGui import DirectButton

from engine.ui.fonts import ui_font

LABELS = {
    "pause": {"zh": "暂停", "en": "Pause"}, "resume": {"zh": "继续", "en": "Resume"},
    "back": {"zh": "上一步", "en": "Back"}, "skip": {"zh": "跳过", "en": "Skip"},
    "roam": {"zh": "自由探索", "en": "Explore"}, "rejoin": {"zh": "回到导览", "en": "Rejoin tour"},
}
COLOUR = (0.15, 0.18, 0.24, 0.9)
ACTIVE = (0.85, 0.2, 0.45, 1)


class TourControls:
    def __init__(self, parent, lang: str, *, on_pause, on_back, on_skip, on_roam):
        self.lang = lang
        self.paused = self.roaming = False
        font = ui_font()
        self.buttons: dict[str, DirectButton] = {}
        actions = [("pause", on_pause), ("back", on_back), ("skip", on_skip), ("roam", on_roam)]
        for i, (name, command) in enumerate(actions):
            self.buttons[name] = DirectButton(
                parent=parent, text=LABELS[name][lang], text_font=font, text_scale=0.05, text_fg=(1, 1, 1, 1),
                frameSize=(-0.16, 0.16, -0.055, 0.055), frameColor=COLOUR, pos=(0.55 + i * 0.36, 0, -0.92),
                command=command)

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
