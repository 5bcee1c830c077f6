"""A guided tour in a window: the interpreter drives the real camera, subtitles, cards and
questions; the visitor can pause, go back, skip, or leave to explore and rejoin. Tour time is the
frame time the app hands in (tick), so the same interpreter runs here and headless."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from engine.errors import StepNotReached
from engine.play.stage import SceneStage
from engine.tour.camera_path import Pose
from engine.tour.runner import TourRunner
from engine.tour.world import TourWorld
from engine.ui.fonts import prepare_glyphs
from engine.ui.tour_controls import TourControls


class TourPlayback:
    def __init__(self, overlay, view, tour, tour_path: Path, lang: str, *, log_path: Path | None = None,
                 on_free_roam=None, from_step: str | None = None, on_event=None, right_answers: dict | None = None):
        self.view = view
        self._log_file = Path(log_path).open("a", encoding="utf-8") if log_path else None
        # What a step's start would otherwise do on its frame (a hitch mid-tour), done before the
        # tour starts: the clearance floor its camera paths keep above, and the glyphs of its texts
        # and of the scene's cards.
        view.built.clearance  # noqa: B018 (built on first use)
        prepare_glyphs([tour.model_dump(), [poi.model_dump() for poi in view.built.manifest.pois]])
        self.stage = SceneStage(view, overlay, lang, on_answer=self.answer, on_free_roam=self._free_roam, tour=tour)
        self.on_free_roam = on_free_roam
        self.on_event = on_event  # the game hears the tour's events; what it answers is logged too
        self.runner = TourRunner(tour, TourWorld(view.built.manifest, view.built), lang=lang,
                                 stage=self.stage, log=self._log, tour_path=tour_path, start_pose=self._pose(),
                                 right_answers=right_answers)
        self.controls = TourControls(overlay, lang, on_pause=self.toggle_pause, on_back=self.runner.back,
                                     on_skip=self.runner.skip, on_roam=self.toggle_roam)
        self.runner.start()
        if from_step is not None:
            self._fast_forward(from_step)

    def _fast_forward(self, step_id: str) -> None:
        """Run the earlier steps in simulated time, so the camera, light and clock are where a
        visitor would have them; questions wait out their timeouts, as in a headless run."""
        from engine.tour.headless import MAX_SIMULATED_S, TICK_S
        runner = self.runner
        while not runner.state.finished and runner.state.t < MAX_SIMULATED_S:
            if runner.state.pc is not None and runner.tour.steps[runner.state.pc].id == step_id:
                return
            runner.tick(TICK_S)
        raise StepNotReached(f"step '{step_id}' is never reached on the default path through the tour")

    @property
    def steering(self) -> bool:
        """True while the tour moves the camera (the visitor's navigation waits)."""
        state = self.runner.state
        return not state.finished and not state.roaming

    def tick(self, dt: float) -> None:
        if not self.runner.state.finished:
            self.runner.tick(dt)
            self.stage.advance(dt)
            self.stage.countdown(self.runner.question_seconds_left)

    def answer(self, option_id: str) -> None:
        if self.runner.pending_choice is not None:
            self.runner.answer(option_id)

    def toggle_pause(self) -> None:
        self.runner.resume() if self.runner.state.paused else self.runner.pause()
        self._show_state()

    def toggle_roam(self) -> None:
        if self.runner.state.roaming:
            self.runner.rejoin(self._pose())
        else:
            self.runner.leave()
        self._show_state()

    def _show_state(self) -> None:
        self.controls.show_state(self.runner.state.paused, self.runner.state.roaming)

    def _pose(self) -> Pose:
        rig = self.view.rig
        p = rig.position
        return Pose(np.array([p.x, p.y, p.z]), rig.heading, rig.pitch)

    def _free_roam(self) -> None:
        self.controls.destroy()
        if self.on_free_roam:
            self.on_free_roam()

    def _log(self, event: dict) -> None:
        self.log_events([event] + (list(self.on_event(event) or []) if self.on_event else []))

    def log_events(self, events: list[dict]) -> None:
        """Into the tour's log: its own events, and the game's (at once, or when they land)."""
        if self._log_file is not None:
            for item in events:
                self._log_file.write(json.dumps(item, ensure_ascii=False) + "\n")
            self._log_file.flush()

    def set_language(self, lang: str) -> None:
        """The lines still to come in `lang`, and what is on screen now re-shown in it."""
        self.runner.lang = lang  # the runner reads its lang at every narration and question
        self.stage.set_language(lang)
        self.controls.set_language(lang)

    def close(self) -> None:
        """The tour leaves the screen; its log is complete and closed."""
        self.stage.destroy()
        self.controls.destroy()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
