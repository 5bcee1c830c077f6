"""The game on screen: the passport and the button that opens it (with the score), toasts for what a
visitor earns, and the quiz panel. The visit calls a few methods; every text follows set_language."""
from __future__ import annotations

from collections.abc import Callable, Mapping

from direct.gui.DirectGui import DirectButton

from engine.game.rules import GameProgress
from engine.game.schema import GameContent
from engine.ui.fonts import ui_font
from engine.ui.passport import TITLE, Passport
from engine.ui.question_panel import QuestionPanel
from engine.ui.screen_layout import MARGIN, anchor
from engine.ui.text_layout import centred_baseline
from engine.ui.toasts import Toasts

BUTTON_RED = (0.78, 0.12, 0.12, 0.95)
EXPLANATION = (0.15, 0.18, 0.24, 0.92)


class GameHud:
    def __init__(self, parent, game: GameContent, scene_name, lang: str, *,
                 passport_data: Callable[[], tuple[GameProgress, list]], on_answer: Callable[[str, str], None]):
        """passport_data: the progress and leaderboard rows to show when the passport opens.
        on_answer(quiz_id, option_id): the visitor answered a quiz."""
        self.lang = lang
        self.passport_data = passport_data
        self.on_answer = on_answer
        self.toasts = Toasts(parent, lang)
        self.passport = Passport(parent, game, scene_name, lang)
        self.quiz_panel = QuestionPanel(parent, self._answer)
        self.quiz = None  # the quiz on screen (game content), to redraw it in another language
        self.score: int | None = None  # shown on the button once something is earned
        # top right, from the corner: on screen at any aspect ratio, above the info card and the toasts
        self.passport_button = DirectButton(
            parent=anchor(parent, "a2dTopRight"), text=TITLE[lang], text_font=ui_font(), text_scale=0.05,
            text_pos=(0, centred_baseline(0.05)),
            text_fg=(1, 1, 1, 1), frameSize=(-0.2, 0.2, -0.055, 0.055), frameColor=BUTTON_RED,
            pos=(-MARGIN - 0.2, 0, -0.1), command=self.toggle_passport)

    # --- passport ------------------------------------------------------------------------------
    def toggle_passport(self) -> None:
        if self.passport.visible:
            self.passport.hide()
        else:
            self.passport.show(*self.passport_data())

    def show_score(self, score: int) -> None:
        self.score = score
        self._label_button()
        if self.passport.visible:
            self.passport.show(*self.passport_data())

    def _label_button(self) -> None:
        title = TITLE[self.lang]
        self.passport_button["text"] = title if self.score is None else f"{title} {self.score}"

    # --- toasts and quizzes --------------------------------------------------------------------
    def toast(self, text: str | Mapping[str, str], *, explanation: bool = False) -> None:
        self.toasts.show(text, colour=EXPLANATION) if explanation else self.toasts.show(text)

    def ask(self, quiz) -> None:
        """A quiz from the game content, on large buttons in the visitor's language."""
        self.quiz = quiz
        lang = self.lang
        self.quiz_panel.show(getattr(quiz.question, lang), [(o.id, getattr(o.text, lang)) for o in quiz.options])

    def close_quiz(self) -> None:
        self.quiz = None
        self.quiz_panel.hide()

    def _answer(self, option_id: str) -> None:
        quiz = self.quiz
        self.close_quiz()
        if quiz is not None:
            self.on_answer(quiz.id, option_id)

    # --- the visit -----------------------------------------------------------------------------
    def advance(self, dt: float) -> None:
        self.toasts.advance(dt)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.toasts.set_language(lang)
        self.passport.set_language(lang)
        self._label_button()
        if self.quiz is not None:
            self.ask(self.quiz)

    def reset(self) -> None:
        """Nothing open: no passport, quiz or toasts (the score stays: it is the visit's)."""
        self.passport.hide()
        self.close_quiz()
        self.toasts.destroy()

    def destroy(self) -> None:
        self.reset()
        self.passport_button.destroy()
