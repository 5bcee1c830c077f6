"""A tour's question on screen: the prompt and one large button per option (touch-sized).

The prompt is wrapped by its measured width and the buttons start below its real height, so a
two- or three-line question never hides under its first answer. The panel stands on the line just
above the tallest subtitle band and grows upwards (engine.ui.screen_layout)."""
from __future__ import annotations

import math

from direct.gui.DirectGui import DirectButton, DirectFrame, OnscreenText
from panda3d.core import TextNode

from engine.ui.fonts import ui_font
from engine.ui.screen_layout import (BUTTON_HALF_HEIGHT, OPTION, OPTION_HALF_WIDTH, OPTION_STEP, PAD, PROMPT,
                                     QUESTION_BOTTOM, QUESTION_HALF_WIDTH, QUESTION_TOP, question_height)
from engine.ui.text_layout import Wrapped, centred_baseline, show_wrapped
from engine.ui.text_size import fitted

BUTTON = (0.15, 0.18, 0.24, 0.92)
COUNTDOWN = (1.0, 0.86, 0.45, 1.0)
COUNTDOWN_SCALE = 0.045  # two digits fit the gutter right of the option buttons
COUNTDOWN_X = (OPTION_HALF_WIDTH + QUESTION_HALF_WIDTH) / 2


def option_centres(prompt: str, count: int) -> list[float]:
    """Where each option button's middle is (aspect2d z) under `prompt`: a test taps them there."""
    wrapped = PROMPT.wrap(prompt)
    height = question_height(wrapped, count)
    first = height - PAD - wrapped.height - PAD - BUTTON_HALF_HEIGHT
    return [QUESTION_BOTTOM + first - OPTION_STEP * i for i in range(count)]


class QuestionPanel:
    def __init__(self, parent, on_answer):
        self.parent = parent
        self.on_answer = on_answer
        self.frame = None
        self.prompt = None  # the prompt's OnscreenText while shown
        self.buttons: dict[str, DirectButton] = {}
        self.countdown = None  # the seconds left, in the gutter beside the first option
        self._first_z = 0.0

    def show(self, prompt: str | None, options: list[tuple[str, str]]) -> None:
        self.hide()
        if not prompt:
            return
        font = ui_font()
        # with the large-text switch the prompt grows as far as the panel still ends below the toasts
        room = min(PROMPT.height(PROMPT.max_lines), QUESTION_TOP - QUESTION_BOTTOM
                   - question_height(Wrapped([], PROMPT.scale), len(options)))
        wrapped = fitted(PROMPT, prompt, self.parent, room)
        height = question_height(wrapped, len(options))
        self.frame = DirectFrame(parent=self.parent, frameColor=(0.05, 0.07, 0.1, 0.9),
                                 frameSize=(-QUESTION_HALF_WIDTH, QUESTION_HALF_WIDTH, 0, height),
                                 pos=(0, 0, QUESTION_BOTTOM))
        self.prompt = OnscreenText(parent=self.frame, text="", font=font, scale=wrapped.scale,
                                   pos=(0, height - PAD - wrapped.ascent), fg=(1, 1, 1, 1), align=TextNode.A_center)
        show_wrapped(self.prompt, prompt, wrapped)
        first = height - PAD - wrapped.height - PAD - BUTTON_HALF_HEIGHT  # the first button's centre
        self._first_z = first
        for i, (option_id, label) in enumerate(options):
            scale = fitted(OPTION, label, self.parent, room=2 * BUTTON_HALF_HEIGHT).scale  # one line, inside its button
            # 0.11 units high: 59 px at 1080p, above the 48 px a finger needs
            self.buttons[option_id] = DirectButton(
                parent=self.frame, text=label, text_font=font, text_scale=scale, text_fg=(1, 1, 1, 1),
                text_pos=(0, centred_baseline(scale)),
                frameSize=(-OPTION_HALF_WIDTH, OPTION_HALF_WIDTH, -BUTTON_HALF_HEIGHT, BUTTON_HALF_HEIGHT),
                frameColor=BUTTON, pos=(0, 0, first - OPTION_STEP * i),
                command=self.on_answer, extraArgs=[option_id])

    def show_countdown(self, seconds: float) -> None:
        """The seconds left to answer, counting down beside the first option."""
        if self.frame is None:
            return
        text = str(max(0, math.ceil(seconds)))
        if self.countdown is None:
            self.countdown = OnscreenText(parent=self.frame, text=text, font=ui_font(), scale=COUNTDOWN_SCALE,
                                          pos=(COUNTDOWN_X, self._first_z + centred_baseline(COUNTDOWN_SCALE)),
                                          fg=COUNTDOWN, align=TextNode.A_center)
        elif self.countdown.getText() != text:
            self.countdown.setText(text)

    def hide(self) -> None:
        if self.frame is not None:
            self.frame.destroy()
        self.frame, self.prompt, self.buttons, self.countdown = None, None, {}, None
