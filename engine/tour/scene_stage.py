"""The stage a tour drives when there is a picture: a SceneView plus subtitles, cards and questions.

The same stage serves an offscreen run (frames for a preview) and a window (the visitor's screen);
the tour interpreter never knows which.
"""
from __future__ import annotations

from pathlib import Path

from engine.scene_view import SceneView
from engine.ui.info_card import InfoCard
from engine.ui.question_panel import QuestionPanel
from engine.ui.subtitles import Subtitles

HIGHLIGHT = (1.0, 0.95, 0.3, 1.0)  # a pulsing marker turns gold


class SceneStage:
    def __init__(self, view: SceneView, ui_parent, lang: str, on_answer=None, on_free_roam=None):
        self.view = view
        self.lang = lang
        self.subtitles = Subtitles(ui_parent)
        self.cards = InfoCard(ui_parent, lang)
        self.questions = QuestionPanel(ui_parent, on_answer or (lambda option: None))
        self.on_free_roam = on_free_roam
        self.highlighted: dict[str, float] = {}
        self.sounds: list[Path] = []

    # --- Stage -------------------------------------------------------------------------------
    def camera(self, pos, hpr) -> None:
        self.view.rig.set_pose(pos, hpr[0], hpr[1])

    def subtitle(self, text) -> None:
        self.subtitles.show(text)

    def card(self, poi) -> None:
        if poi is None:
            self.cards.hide()
        else:
            self.cards.show(next(p for p in self.view.built.manifest.pois if p.id == poi))

    def question(self, prompt, options) -> None:
        self.questions.show(prompt, options)

    def sound(self, path, volume) -> None:
        self.sounds.append(Path(path))  # audio output comes with the window's audio device

    def time_of_day(self, hour) -> None:
        self.view.set_time_of_day(hour)

    def highlight(self, poi, seconds) -> None:
        self.highlighted[poi] = float(seconds)
        self._marker(poi).set_color_scale(HIGHLIGHT)

    def free_roam(self) -> None:
        if self.on_free_roam:
            self.on_free_roam()

    # --- time ----------------------------------------------------------------------------------
    def advance(self, dt: float) -> None:
        """Tour time passed: highlights wear off."""
        for poi in list(self.highlighted):
            self.highlighted[poi] -= dt
            if self.highlighted[poi] <= 0:
                del self.highlighted[poi]
                self._marker(poi).clear_color_scale()

    def _marker(self, poi):
        return self.view.markers.find(f"poi:{poi}")

    def destroy(self) -> None:
        self.subtitles.destroy()
        self.cards.destroy()
        self.questions.hide()
