"""The free-roam HUD: scene title, navigation-mode buttons, next-viewpoint button and a help line.
Buttons are at least 0.1 aspect2d units high (54 px at 1080p), so a finger can hit them. The title
hangs from the top left corner, the buttons from the bottom left one (ShowBase's edge anchors), so
they stay on screen at any aspect ratio."""
from __future__ import annotations

from direct.gui.DirectGui import DirectButton, DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.i18n.ui_words import SHARED
from engine.manifest.scene_schema import SceneManifest
from engine.ui.fonts import ui_font
from engine.ui.screen_layout import BOTTOM_ROW_Z, anchor
from engine.ui.text_layout import centred_baseline, font_extent, text_width
from engine.ui.text_size import large_text

LABELS = {
    "orbit": SHARED["orbit"],  # the shared words: the published web page says the same
    "walk": SHARED["walk"],
    "fly": {"zh": "飞行", "en": "Fly"},
    "next_view": {"zh": "下一视角", "en": "Next view"},
    "help": {"zh": "拖动旋转 · 滚轮缩放 · WASD 移动 · 点击标记查看介绍",
             "en": "Drag to turn · wheel to zoom · WASD to move · tap a pin for its story"},
    # a kiosk's touch screen: no wheel, no keys. Panda3D reads a Linux touch screen as one pointer (no
    # pinch), so zooming is two buttons at the left edge.
    "help_touch": {"zh": "拖动旋转 · 按 + – 缩放 · 点击标记查看介绍",
                   "en": "Drag to turn · + and – to zoom · tap a pin for its story"},
    # a headset: a controller's ray and trigger, or a gaze that rests on a pin; the stick turns and teleports
    "help_vr": {"zh": "用手柄指向并扣扳机，或注视标记片刻 · 摇杆：转身与瞬移",
                "en": "Point and pull the trigger, or rest your gaze on a pin · stick: turn and teleport"},
    "language": SHARED["switch_language"],
    # a kiosk visit's end: the postcard, the passport and the leaderboard
    "finish": {"zh": "结束参观", "en": "Finish"},
}
ACTIVE = (0.72, 0.12, 0.32, 1)  # white on it: 6.3:1 (WCAG AA needs 4.5)
IDLE = (0.15, 0.18, 0.24, 0.85)
BAND = (0.02, 0.03, 0.05, 0.8)
ZOOM_STEPS = 2  # a zoom button's tap: two wheel clicks
HELP_SCALE = 0.04
HELP_SCALE_LARGE = 0.048  # the large-text switch: as large as the top band holds under the title


class Hud:
    def __init__(self, parent, manifest: SceneManifest, lang: str, *, on_mode, on_next_view, touch: bool = False,
                 vr: bool = False, on_language=None, on_finish=None, on_zoom=None):
        """touch: a kiosk's help line (touch gestures, no keys); vr: a headset's (ray, gaze, stick);
        on_language: a language button too; on_finish: a kiosk's "Finish" button too; on_zoom(steps):
        a touch screen's zoom buttons (+ and -) at the left edge."""
        self.manifest = manifest
        self.touch, self.vr, self.on_language, self.on_finish = touch, vr, on_language, on_finish
        self.on_zoom = on_zoom
        self.font = ui_font()
        self.parent = parent
        self.on_mode, self.on_next_view = on_mode, on_next_view
        self.mode = "orbit"
        self.lang = lang
        self.widgets: list = []
        self.buttons: dict[str, DirectButton] = {}
        self._build()

    def _build(self) -> None:
        self.destroy()
        top_left, bottom_left = anchor(self.parent, "a2dTopLeft"), anchor(self.parent, "a2dBottomLeft")
        help_line = LABELS["help_vr" if self.vr else "help_touch" if self.touch else "help"][self.lang]
        help_scale = HELP_SCALE_LARGE if large_text(self.parent) else HELP_SCALE
        # the help line's top just under the title's descent, whatever its size
        help_z = -0.1 - 0.07 * font_extent()[1] - 0.005 - help_scale * font_extent()[0]
        if self.touch or self.vr:  # the title and help on a dark band, readable over any scene (WCAG AA)
            width = max(text_width(getattr(self.manifest.name, self.lang)) * 0.07, text_width(help_line) * help_scale)
            top_left = DirectFrame(parent=top_left, frameColor=BAND, frameSize=(0.04, 0.12 + width, -0.2, -0.01))
            self.widgets.append(top_left)
        title = OnscreenText(parent=top_left, text=getattr(self.manifest.name, self.lang), font=self.font,
                             scale=0.07, pos=(0.08, -0.1), fg=(1, 1, 1, 1), shadow=(0, 0, 0, 0.8),
                             align=TextNode.A_left)
        help_text = OnscreenText(parent=top_left, text=help_line, font=self.font, scale=help_scale,
                                 pos=(0.08, help_z), fg=(1, 1, 1, 0.9), shadow=(0, 0, 0, 0.8), align=TextNode.A_left)
        self.widgets += [title, help_text]
        names = ("orbit", "walk", "fly", "next_view") + (("language",) if self.on_language else ()) + \
            (("finish",) if self.on_finish else ())
        for i, mode in enumerate(names):
            command = {"next_view": self.on_next_view, "language": self.on_language,
                       "finish": self.on_finish}.get(mode, self.on_mode)
            extra = [mode] if command is self.on_mode else []
            button = DirectButton(parent=bottom_left, text=LABELS[mode][self.lang], text_font=self.font,
                                  scale=0.055, pos=(0.16 + i * 0.3, 0, BOTTOM_ROW_Z + 1), pad=(0.4, 0.5),
                                  frameSize=(-2.3, 2.3, -0.9, 1.2), text_fg=(1, 1, 1, 1),
                                  frameColor=ACTIVE if mode == self.mode else IDLE,
                                  command=command, extraArgs=extra)
            self.buttons[mode] = button
            self.widgets.append(button)
        if self.on_zoom is not None:
            left_centre = anchor(self.parent, "a2dLeftCenter")
            for name, label, z, steps in (("zoom_in", "+", 0.09, ZOOM_STEPS), ("zoom_out", "–", -0.09, -ZOOM_STEPS)):
                button = DirectButton(parent=left_centre, text=label, text_font=self.font, text_scale=0.08,
                                      text_pos=(0, centred_baseline(0.08)), text_fg=(1, 1, 1, 1),
                                      frameSize=(-0.07, 0.07, -0.07, 0.07), frameColor=IDLE, relief=1,
                                      pos=(0.11, 0, z), command=self.on_zoom, extraArgs=[steps])
                self.buttons[name] = button
                self.widgets.append(button)

    def show_mode(self, mode: str) -> None:
        self.mode = mode
        for name, button in self.buttons.items():
            button["frameColor"] = ACTIVE if name == mode else IDLE

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._build()

    def destroy(self) -> None:
        for w in self.widgets:
            w.destroy()
        self.widgets, self.buttons = [], {}
