"""Running a whole tour in simulated time, as fast as the machine allows, writing its event log.

Questions are answered from a plan (question id -> option id); a question the plan does not
cover waits out its timeout and takes its default, as an unattended kiosk would.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import StepNotReached
from engine.files import atomic_write
from engine.tour.runner import Stage, TourRunner
from engine.tour.schema import Tour
from engine.tour.world import TourWorld

TICK_S = 0.1  # simulated seconds a tick: camera events at 10 Hz
MAX_SIMULATED_S = 4 * 3600  # a tour still running after this is stuck


@dataclass
class HeadlessResult:
    events: list[dict] = field(default_factory=list)
    finished: bool = False

    @property
    def duration_s(self) -> float:
        return self.events[-1]["t"] if self.events else 0.0


def run_tour(tour: Tour, tour_path: Path, world: TourWorld, *, lang: str = "zh", answers: dict | None = None,
             from_step: str | None = None, stage: Stage | None = None,
             on_tick=None, on_event=None, right_answers: dict | None = None) -> HeadlessResult:
    """Run `tour` to its end in simulated time; returns every event (after `from_step`, if given)."""
    answers = dict(answers or {})
    result = HeadlessResult()
    recording = from_step is None

    def log(event: dict) -> None:
        nonlocal recording
        extra = (on_event(event) or []) if on_event is not None else []
        if not recording and event["type"] == "step_start" and event.get("step") == from_step:
            recording = True
            result.events.append({"t": event["t"], "type": "fast_forward", "to": from_step})
            result.events.append({"t": event["t"], "type": "camera", **_pose_fields(runner)})
        if recording:
            result.events.append(event)
            result.events.extend(extra)  # what the event caused (the game's stamps, badges, ...)

    runner = TourRunner(tour, world, lang=lang, stage=stage, log=log, tour_path=Path(tour_path),
                        right_answers=right_answers)
    runner.start()
    while not runner.state.finished and runner.state.t < MAX_SIMULATED_S:
        pending = runner.pending_choice
        if pending is not None and pending.choice.id in answers:
            runner.answer(answers.pop(pending.choice.id))
            continue
        runner.tick(TICK_S)
        if on_tick is not None:
            on_tick(runner)
    result.finished = runner.state.finished
    if from_step is not None and not recording:
        raise StepNotReached(f"step '{from_step}' is never reached on this path through the tour")
    return result


def _pose_fields(runner: TourRunner) -> dict:
    pos, hpr = runner.pose.as_tuple()
    return {"pos": [round(v, 3) for v in pos], "hpr": [round(v, 3) for v in hpr]}


def write_log(events: list[dict], path: Path) -> None:
    """JSON Lines, written whole or not at all (engine.files.atomic_write)."""
    with atomic_write(path) as f:
        for event in events:
            f.write(json.dumps(event, ensure_ascii=False) + "\n")
