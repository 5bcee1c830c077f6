"""The passport: every stamp of the scene, collected (a red seal) or still missing (a grey ring),
the badges earned, and the score. Opened from the HUD; large enough to read and tap on a kiosk."""
from __future__ import annotations

from direct.gui.DirectGui import DirectButton, DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.game.rules import GameProgress
from engine.game.schema import GameContent
from engine.i18n.ui_words import SHARED
from engine.ui.fonts import ui_font
from engine.ui.text_layout import centred_baseline, font_extent, show_wrapped, wrap

SEAL = (0.78, 0.12, 0.12, 1.0)
MISSING = (0.55, 0.57, 0.6, 1.0)
PAPER = (0.96, 0.93, 0.86, 0.97)
INK = (0.15, 0.12, 0.1, 1.0)
TITLE = {"zh": "游览护照", "en": "Passport"}
BADGES, SCORE, CLOSE = SHARED["badges"], SHARED["score"], SHARED["close"]  # the words the web pages say too
NONE_YET = {"zh": "还没有", "en": "none yet"}
BEST = {"zh": "排行榜", "en": "Best visits"}
COLUMNS = 4


class Passport:
    def __init__(self, parent, game: GameContent, scene_name, lang: str):
        self.parent, self.game, self.scene_name, self.lang = parent, game, scene_name, lang
        self.frame = None
        self._shown: tuple[GameProgress, list | None] | None = None  # what is on it, to redraw in another language

    @property
    def visible(self) -> bool:
        return self.frame is not None

    def show(self, progress: GameProgress, best: list | None = None) -> None:
        """best: leaderboard rows (rank, nickname, score) for this scene, shown at the bottom right."""
        self.hide()
        self._shown = (progress, best)
        font, lang = ui_font(), self.lang
        self.frame = DirectFrame(parent=self.parent, frameColor=PAPER, frameSize=(-1.3, 1.3, -0.85, 0.85))
        OnscreenText(parent=self.frame, text=f"{TITLE[lang]} · {getattr(self.scene_name, lang)}", font=font,
                     scale=0.08, pos=(-1.2, 0.7), fg=INK, align=TextNode.A_left)
        OnscreenText(parent=self.frame, text=f"{SCORE[lang]} {progress.score}", font=font, scale=0.07,
                     pos=(1.2, 0.7), fg=SEAL, align=TextNode.A_right)
        for i, checkin in enumerate(self.game.checkins):
            col, row = i % COLUMNS, i // COLUMNS
            x, z = -0.95 + col * 0.63, 0.45 - row * 0.26  # three rows of four end above the badges
            have = checkin.id in progress.stamps
            seal = DirectFrame(parent=self.frame, frameColor=SEAL if have else MISSING,
                               frameSize=(-0.27, 0.27, -0.11, 0.11), pos=(x, 0, z), relief=1 if have else 2,
                               borderWidth=(0.01, 0.01))
            name = ("✓ " if have else "") + getattr(checkin.name, lang)
            wrapped = wrap(name, 0.045, 0.5)  # by measured width, Chinese line-breaking rules kept
            label = OnscreenText(parent=seal, text="", font=font, scale=0.045,
                                 pos=(0, wrapped.height / 2 - wrapped.ascent),  # the lines centred on the seal
                                 fg=(1, 1, 1, 1) if have else (0.95, 0.95, 0.95, 1), align=TextNode.A_center)
            show_wrapped(label, name, wrapped)
        earned = [b for b in self.game.badges if b.id in progress.badges]
        names = "  ·  ".join(getattr(b.name, lang) for b in earned) or NONE_YET[lang]
        badges = f"{BADGES[lang]}: {names}"
        wrapped = wrap(badges, 0.055, 1.6)  # down the left, beside the leaderboard
        label = OnscreenText(parent=self.frame, text="", font=font, scale=0.055, pos=(-1.2, -0.28 - wrapped.ascent),
                             fg=INK, align=TextNode.A_left)
        show_wrapped(label, badges, wrapped)
        if best:
            lines = "\n".join(f"{row.rank}. {row.nickname}  {row.score}" for row in best[:5])
            OnscreenText(parent=self.frame, text=f"{BEST[lang]}\n{lines}", font=font, scale=0.045,
                         pos=(0.5, -0.28 - 0.045 * font_extent()[0]), fg=INK, align=TextNode.A_left)
        DirectButton(parent=self.frame, text=CLOSE[lang], text_font=font, text_scale=0.055,
                     text_pos=(0, centred_baseline(0.055)), text_fg=(1, 1, 1, 1),
                     frameSize=(-0.18, 0.18, -0.055, 0.055), frameColor=SEAL, pos=(1.05, 0, -0.76), command=self.hide)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self.visible and self._shown is not None:
            self.show(*self._shown)

    def hide(self) -> None:
        if self.frame is not None:
            self.frame.destroy()
        self.frame = None
