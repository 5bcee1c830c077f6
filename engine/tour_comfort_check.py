"""T104: a camera move the comfort limit will stretch.

The tour camera (engine.tour.camera_path.comfortable) lengthens a move that would turn the view
faster than 40 deg/s, and the runner logs a `comfort` event when it does. Whether a move turns that
fast depends on where the camera is when it starts, which depends on every move before it, so this
check runs the tour the way a visit does: a TourRunner on the scene's TourWorld, in simulated time,
collecting the `comfort` events and reporting each at its step's `duration_s` with the seconds the
move will be stretched by. It lives here, above engine.tour and the world: engine.tour stays pure.

Paths: the run that takes every question's default, then one run for each other option of each
question (the rest at their defaults), so the steps a branch reaches are checked too. The tick is
coarse: a move's start pose is the end pose of the one before, whatever the tick, so the events do
not depend on it, and a tour runs in a fraction of a second.
"""
from __future__ import annotations

import math
from pathlib import Path

from engine.diagnostics import Diagnostic
from engine.manifest.yaml_loader import Document
from engine.tour.camera_path import COMFORT_DEG_PER_S
from engine.tour.headless import MAX_SIMULATED_S
from engine.tour.runner import TourRunner
from engine.tour.schema import Tour
from engine.tour.world import TourWorld

TICK_S = 1.0
MOVES = ("fly_to", "orbit", "look_at")
Stretch = tuple[float, float]  # (authored seconds, seconds the move will take)


def check_comfort(doc: Document, tour: Tour, world: TourWorld, tour_path: Path) -> list[Diagnostic]:
    """One warning for each camera move the comfort limit will stretch, on any path through the tour."""
    found: dict[tuple, Stretch] = {}
    moves: dict = {}
    for pick in [None] + _other_options(tour):
        for loc, stretch in _run(tour, world, tour_path, pick, moves):
            if loc not in found or stretch[1] > found[loc][1]:
                found[loc] = stretch
    out = []
    for loc, (authored, used) in found.items():
        kind = loc[-2]
        out.append(doc.diagnostic(loc, "T104", f"this {kind} turns the view faster than {COMFORT_DEG_PER_S:g}°/s: "
                                               f"the tour will stretch it by {used - authored:.1f} s, from "
                                               f"{authored:g} s to {used:.1f} s", severity="warning",
                                  hint=f"set duration_s: {math.ceil(used)} or more, so it runs as written"))
    return out


def _other_options(tour: Tour) -> list[tuple[int, str]]:
    """(step index, option id) for every option a question does not take by default."""
    picks = []
    for i, step in enumerate(tour.steps):
        if step.choice is not None:
            default = step.choice.default or step.choice.options[0].id
            picks += [(i, o.id) for o in step.choice.options if o.id is not None and o.id != default]
    return picks


class _SharedMoves(TourRunner):
    """A runner that reuses the camera moves of earlier runs: paths through a tour share most of their
    moves (same step, same start pose), and building one is what a simulated run spends its time on."""

    def __init__(self, *args, moves: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.moves = moves

    def _move(self, step):
        pose = self.pose
        key = (id(step), *(round(float(v), 6) for v in pose.pos), round(pose.heading, 6), round(pose.pitch, 6))
        if key not in self.moves:
            self.moves[key] = super()._move(step)
        return self.moves[key]


def _run(tour: Tour, world: TourWorld, tour_path: Path, pick: tuple[int, str] | None,
         moves: dict) -> list[tuple[tuple, Stretch]]:
    found: list[tuple[tuple, Stretch]] = []
    runner: TourRunner | None = None

    def log(event: dict) -> None:
        if event["type"] == "comfort" and runner is not None and runner.state.pc is not None:
            found.append((_loc_of(tour, runner.state.pc, event.get("step")),
                          (float(event["authored_s"]), float(event["used_s"]))))

    runner = _SharedMoves(tour, world, log=log, tour_path=tour_path, moves=moves)
    runner.start()
    answered = False
    while not runner.state.finished and runner.state.t < MAX_SIMULATED_S:
        if pick is not None and not answered and runner.pending_choice is not None and runner.state.pc == pick[0]:
            answered = True  # once: a question come back to takes its default, so a loop still ends
            runner.answer(pick[1])
            continue
        runner.tick(TICK_S)
    return found


def _loc_of(tour: Tour, pc: int, step_id: str | None) -> tuple:
    """Where the move's duration is written: the step, or the part of a `parallel` step."""
    step = tour.steps[pc]
    if step.parallel:
        parts = [(j, part) for j, part in enumerate(step.parallel) if part.kind in MOVES]
        j, part = next(((j, p) for j, p in parts if step_id is not None and p.id == step_id), parts[0])
        return ("steps", pc, "parallel", j, part.kind, "duration_s")
    return ("steps", pc, step.kind, "duration_s")
