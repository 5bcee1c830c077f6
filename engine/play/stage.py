"""The stage a tour drives when there is a picture: a SceneView plus subtitles, cards and questions.

The same stage serves an offscreen run (frames for a preview) and a window (the visitor's screen);
the tour interpreter never knows which. The interpreter hands over one language's text; given the
tour, the stage finds the bilingual line behind it, so a language switch re-shows the current
subtitle and question in the other language.
"""
from __future__ import annotations

from pathlib import Path

from engine.tour.checks import walk
from engine.display.audio import audio_of
from engine.display.scene_view import SceneView
from engine.ui.info_card import InfoCard
from engine.ui.question_panel import QuestionPanel
from engine.ui.subtitles import Subtitles

HIGHLIGHT = (1.0, 0.95, 0.3, 1.0)  # a pulsing marker turns gold
LANGS = ("zh", "en")


def bilingual_lines(tour) -> dict[tuple[str, str], object]:
    """(kind, text in either language) -> the tour's Narration ('narrate') or Choice ('choice')."""
    found: dict[tuple[str, str], object] = {}
    for _, step in walk(tour.steps if tour is not None else []):
        if step.narrate is not None:
            for lang in LANGS:
                found.setdefault(("narrate", getattr(step.narrate, lang)), step.narrate)
        if step.choice is not None:
            for lang in LANGS:
                found.setdefault(("choice", getattr(step.choice.prompt, lang)), step.choice)
    return found


class SceneStage:
    def __init__(self, view: SceneView, ui_parent, lang: str, on_answer=None, on_free_roam=None, tour=None):
        self.view = view
        self.lang = lang
        self.subtitles = Subtitles(ui_parent)
        self.cards = InfoCard(ui_parent, lang)
        self.questions = QuestionPanel(ui_parent, on_answer or (lambda option: None))
        self.on_free_roam = on_free_roam
        self.highlighted: dict[str, float] = {}
        self.sounds: list[Path] = []
        self._lines = bilingual_lines(tour)
        self._subtitle: object | str | None = None  # a Narration, or text the tour does not hold
        self._question: tuple | None = None  # (Choice or None, prompt, options) on screen

    # --- Stage -------------------------------------------------------------------------------
    def camera(self, pos, hpr) -> None:
        self.view.rig.set_pose(pos, hpr[0], hpr[1])

    def subtitle(self, text) -> None:
        self._subtitle = self._lines.get(("narrate", text), text) if text else None
        self.subtitles.show(text)

    def card(self, poi) -> None:
        if poi is None:
            self.cards.hide()
        else:
            self.cards.show(self.view.built.find_poi(poi))

    def question(self, prompt, options) -> None:
        self._question = (self._lines.get(("choice", prompt)), prompt, options) if prompt else None
        self.questions.show(prompt, options)

    def sound(self, path, volume) -> None:
        self.sounds.append(Path(path))
        audio_of(self.view.base).play(Path(path), volume)  # silent where the base has no audio device

    def time_of_day(self, hour) -> None:
        self.view.set_time_of_day(hour)

    def highlight(self, poi, seconds) -> None:
        self.highlighted[poi] = float(seconds)
        self._marker(poi).set_color_scale(HIGHLIGHT)

    def free_roam(self) -> None:
        if self.on_free_roam:
            self.on_free_roam()

    # --- language ------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """What is on screen now, in `lang`: subtitle, card and question."""
        self.lang = lang
        self.cards.set_language(lang)
        line = self._subtitle
        if line is not None and not isinstance(line, str):
            self.subtitles.show(getattr(line, lang))
        if self._question is not None:
            choice, prompt, options = self._question
            if choice is not None:
                prompt = getattr(choice.prompt, lang)
                options = [(o.id, getattr(o.text, lang)) for o in choice.options]
            self.questions.show(prompt, options)

    def countdown(self, seconds: float | None) -> None:
        """The question's countdown on its panel (None: no question waits)."""
        if seconds is not None:
            self.questions.show_countdown(seconds)

    # --- time ----------------------------------------------------------------------------------
    def advance(self, dt: float) -> None:
        """Tour time passed: highlights wear off."""
        for poi in list(self.highlighted):
            self.highlighted[poi] -= dt
            if self.highlighted[poi] <= 0:
                del self.highlighted[poi]
                self._marker(poi).clear_color_scale()

    def _marker(self, poi):
        for markers in self.view.built.marker_layers():  # the scene's pins, then an event's
            found = markers.find(f"poi:{poi}")
            if not found.is_empty():
                return found
        return self.view.markers.find(f"poi:{poi}")

    def clear(self) -> None:
        """Nothing of the tour on screen (it stopped)."""
        self.subtitle(None)
        self.question(None, [])
        self.cards.hide()
        for poi in list(self.highlighted):
            self._marker(poi).clear_color_scale()
        self.highlighted.clear()

    def destroy(self) -> None:
        self.clear()
        self.subtitles.destroy()
        self.cards.destroy()
        self.questions.hide()
