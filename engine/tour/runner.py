"""The tour interpreter: deterministic, driven by the time it is given, talking only to a stage.

`tick(dt)` advances tour time; the runner starts and ends steps, moves the camera along smooth
paths, shows subtitles and cards, asks questions and writes events (JSON-ready dicts, each with
`t` and `type`, and `step` when it happens inside a step). It never reads a clock or touches
Panda3D, so the same tour runs in a window, headless in simulated time, or in a test.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

from engine.tour import camera_path as paths
from engine.tour.actions import REGISTRY
from engine.tour.checks import jump_targets
from engine.tour.schema import END_LABEL, Step, Tour
from engine.tour.time_up import MIN_SECONDS, rejoin, time_up_text
from engine.tour.timing import narration_audio, narration_seconds, text_seconds
from engine.tour.world import TourWorld


class Stage(Protocol):
    """What a tour drives. The app's stage moves the real camera; a recording stage just listens."""

    def camera(self, pos: tuple, hpr: tuple) -> None: ...
    def subtitle(self, text: str | None) -> None: ...
    def card(self, poi: str | None) -> None: ...
    def question(self, prompt: str | None, options: list[tuple[str, str]]) -> None: ...
    def sound(self, path: Path, volume: float) -> None: ...
    def time_of_day(self, hour: float) -> None: ...
    def highlight(self, poi: str, seconds: float) -> None: ...
    def free_roam(self) -> None: ...


class NullStage:
    """A stage that shows nothing (headless runs: the event log is the output)."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


@dataclass
class _Task:
    step: Step
    duration: float | None  # None: until answered (a question)
    move: paths.Move | None = None
    elapsed: float = 0.0
    on_end: Callable[[], None] | None = None
    on_tick: Callable[[float], None] | None = None  # called with progress 0..1 as time passes

    @property
    def done(self) -> bool:
        return self.duration is not None and self.elapsed >= self.duration - 1e-9


@dataclass
class RunnerState:
    t: float = 0.0
    pc: int | None = None
    paused: bool = False
    roaming: bool = False
    finished: bool = False
    history: list[int] = field(default_factory=list)


class TourRunner:
    def __init__(self, tour: Tour, world: TourWorld, *, lang: str = "zh", stage: Stage | None = None,
                 log: Callable[[dict], None] | None = None, tour_path: Path | None = None,
                 start_pose: paths.Pose | None = None, right_answers: dict[str, str] | None = None):
        """right_answers: question id -> its right option (the game's quizzes of the same id), for the
        neutral line an unanswered question ends with (engine.tour.time_up)."""
        self.tour, self.world, self.lang = tour, world, lang
        self.right_answers = dict(right_answers or {})
        self._after_time_up: str | None = None  # where an unanswered question's time-up line leads
        self.stage = stage or NullStage()
        self.log = log or (lambda event: None)
        self.tour_path = Path(tour_path) if tour_path else None
        self.tour_dir = self.tour_path.parent if self.tour_path else None
        self.state = RunnerState()
        self.tasks: list[_Task] = []
        self.targets = jump_targets(tour)
        self.pose = start_pose or self._default_pose()
        self.pending_choice: Step | None = None
        self.hour = world.scene.sky.time_of_day  # the light the scene starts in

    # --- control -------------------------------------------------------------------------------
    def start(self, at: int = 0, resume: dict | None = None) -> None:
        """Begin at step index `at`, or where a saved position says (see resume_index)."""
        self.emit("tour_start", tour=self.tour.id, scene=self.tour.scene, lang=self.lang)
        if resume is not None:
            at, notice = resume_index(self.tour, resume)
            if notice:
                self.emit("notice", text=notice)
        self._camera_event(None)
        self._enter(at)

    def tick(self, dt: float) -> None:
        if self.state.finished or self.state.paused or self.state.roaming:
            return
        self.state.t += dt
        for task in self.tasks:
            task.elapsed += dt
            if task.move is not None:
                self._apply_pose(task.move.pose_at(min(task.elapsed, task.move.duration)))
            if task.on_tick is not None and task.duration:
                task.on_tick(min(task.elapsed / task.duration, 1.0))
            if task.step.choice is not None and task is self._question_task() \
                    and task.elapsed >= task.step.choice.timeout_s:
                self._unanswered(task.step, "timeout")
                return
        if self.tasks and all(task.done for task in self.tasks):
            self._finish_step()

    def answer(self, option_id: str) -> None:
        """The visitor picked an option of the question on screen."""
        if self.pending_choice is None:
            raise RuntimeError("no question is waiting for an answer")
        self._take_option(self.pending_choice, option_id, "visitor")

    def pause(self) -> None:
        self.state.paused = True
        self.emit("pause")

    def resume(self) -> None:
        self.state.paused = False
        self.emit("resume")

    def skip(self) -> None:
        """End the current step now; a camera move jumps to where it was going."""
        for task in self.tasks:
            if task.move is not None:
                self._apply_pose(task.move.end)
            task.elapsed = task.duration if task.duration is not None else task.elapsed
        self.emit("skip", step=self._current_id())
        if self.pending_choice is not None:
            self._unanswered(self.pending_choice, "skip")
        elif self.tasks:
            self._finish_step()

    def back(self) -> None:
        """Go back to the step before the current one (or restart the first)."""
        previous = self.state.history[-2] if len(self.state.history) >= 2 else 0
        self.emit("back", step=self._current_id())
        self._abandon()
        self.state.history = self.state.history[:-2]
        self._enter(previous)

    def leave(self) -> None:
        """The visitor roams freely; the tour waits where it was."""
        self.state.roaming = True
        self.emit("leave", step=self._current_id())

    def rejoin(self, pose: paths.Pose) -> None:
        """Back from roaming at `pose`: the interrupted step starts again from there."""
        self.state.roaming = False
        self.pose = pose
        pc = self.state.pc
        self._abandon()
        self.emit("rejoin", step=self.tour.steps[pc].id if pc is not None else None)
        if self.state.history:
            self.state.history.pop()
        if pc is not None:
            self._enter(pc)

    def saved_position(self) -> dict:
        """What a kiosk stores to come back to this point: the step id and its section's label."""
        pc = self.state.pc
        return {"tour": self.tour.id, "step": self._current_id(),
                "section": section_of(self.tour, pc) if pc is not None else None}

    # --- steps ---------------------------------------------------------------------------------
    def _enter(self, pc: int | None) -> None:
        if pc is None or pc >= len(self.tour.steps):
            self._end()
            return
        self.state.pc = pc
        self.state.history.append(pc)
        step = self.tour.steps[pc]
        self.emit("step_start", step=step.id, kind=step.kind)
        self.tasks = []
        for part in (step.parallel or [step]):
            self.tasks += self._begin(part, step)
        if step.goto is not None:
            self._finish_step(jump=step.goto)
        elif all(task.done for task in self.tasks) and self.pending_choice is None:
            self._finish_step()

    def _begin(self, step: Step, outer: Step) -> list[_Task]:
        """Start one action; returns the tasks that keep it running."""
        emit_step = outer.id if step is outer else step.id
        kind = step.kind
        if kind in ("fly_to", "orbit", "look_at"):
            move = self._move(step)
            if move.lengthened_from is not None:
                self.emit("comfort", step=emit_step, authored_s=round(move.lengthened_from, 2),
                          used_s=round(move.duration, 2))
            return [_Task(step, move.duration, move)]
        if kind == "narrate":
            line = step.narrate
            text = getattr(line, self.lang)
            seconds = narration_seconds(line, self.lang, self.tour.reading_speed, self.tour_path)
            self.stage.subtitle(text)
            audio = narration_audio(line, self.lang, self.tour_path)
            if audio is not None:
                self.stage.sound(audio, 1.0)
            self.emit("narrate", step=emit_step, id=line.id, text=text, lang=self.lang, duration=round(seconds, 2))
            return [_Task(step, seconds, on_end=lambda: self.stage.subtitle(None))]
        if kind == "wait":
            return [_Task(step, step.wait.duration_s)]
        if kind == "show_card":
            self.stage.card(step.show_card.poi)
            self.emit("card", step=emit_step, poi=step.show_card.poi)
            return [_Task(step, step.show_card.duration_s, on_end=lambda: self.stage.card(None))]
        if kind == "choice":
            choice = step.choice
            self.pending_choice = step
            options = [(o.id, getattr(o.text, self.lang)) for o in choice.options]
            self.stage.question(getattr(choice.prompt, self.lang), options)
            self.emit("question", step=emit_step, id=choice.id, prompt=getattr(choice.prompt, self.lang),
                      options=[o.id for o in choice.options])
            return [_Task(step, None)]
        if kind == "set_time_of_day":
            change = step.set_time_of_day
            start_hour, end_hour = self.hour, change.hour
            self.emit("time_of_day", step=emit_step, hour=end_hour, duration=change.duration_s)
            if change.duration_s <= 0:
                self._set_hour(end_hour)
                return []
            return [_Task(step, change.duration_s, on_tick=lambda u: self._set_hour(
                start_hour + (end_hour - start_hour) * paths.ease("ease_in_out", u)))]
        if kind == "play_sound":
            path = (self.tour_dir / step.play_sound.file) if self.tour_dir else Path(step.play_sound.file)
            self.stage.sound(path, step.play_sound.volume)
            self.emit("sound", step=emit_step, file=step.play_sound.file)
            return []
        if kind == "action":
            spec = REGISTRY[step.action.name]
            seconds = spec.run(self.stage, **step.action.params) or 0.0
            self.emit("action", step=emit_step, name=spec.name, params=dict(step.action.params))
            return [_Task(step, seconds)] if seconds else []
        return []  # goto: handled by _enter

    def _move(self, step: Step) -> paths.Move:
        world, here = self.world, self.pose
        if step.fly_to:
            fly = step.fly_to
            if fly.target in world.viewpoints:
                eye, look = world.viewpoint_pose(fly.target)
                return paths.fly(here, eye, look, world.floor, fly.duration_s, fly.easing,
                                 end_orientation=paths.facing(eye, look))
            look = world.poi_point(fly.target)
            if fly.heading_deg is not None:  # the author chose the side: stand back against the bearing
                bearing = np.radians(fly.heading_deg)
                direction = -np.array([np.sin(bearing), np.cos(bearing)])
            else:  # arrive on the side the camera comes from, so the flight does not pass the POI
                away = np.asarray(here.pos[:2], float) - look[:2]
                norm = float(np.hypot(*away))
                direction = away / norm if norm > 1.0 else np.array([0.0, -1.0])
            distance = fly.distance_m or 120.0
            x, y = look[:2] + direction * distance
            z = world.ground_at(look[0], look[1]) + (fly.height_m or 60.0)
            z = max(z, world.floor(x, y))
            return paths.fly(here, (x, y, z), look, world.floor, fly.duration_s, fly.easing)
        if step.orbit:
            return paths.orbit(here, world.poi_point(step.orbit.target), step.orbit.angle_deg, world.floor,
                               step.orbit.duration_s)
        return paths.turn(here, world.poi_point(step.look_at.target), step.look_at.duration_s)

    def _take_option(self, step: Step, option_id: str, by: str) -> None:
        option = next((o for o in step.choice.options if o.id == option_id), None)
        if option is None:
            raise ValueError(f"question '{step.choice.id}' has no option '{option_id}'")
        self.pending_choice = None
        self.stage.question(None, [])
        self.emit("choice", step=self._current_id(), id=step.choice.id, option=option.id, by=by)
        for task in self.tasks:
            task.duration = task.elapsed if task.step is step else task.duration
        self._finish_step(jump=option.goto)

    def _question_task(self) -> _Task | None:
        step = self.pending_choice
        return next((t for t in self.tasks if t.step is step), None) if step is not None else None

    @property
    def question_seconds_left(self) -> float | None:
        """The countdown of the question on screen (None when none waits)."""
        task = self._question_task()
        return None if task is None else max(0.0, task.step.choice.timeout_s - task.elapsed)

    def _unanswered(self, step: Step, by: str) -> None:
        """Nobody answered (by: timeout or skip): the default option is logged as taken (the game does
        not pay it), the right answer is said neutrally, then the tour goes on where the branches meet."""
        choice = step.choice
        default = choice.default or choice.options[0].id
        self.pending_choice = None
        self.stage.question(None, [])
        self.emit("choice", step=self._current_id(), id=choice.id, option=default, by=by)
        for task in self.tasks:
            task.duration = task.elapsed if task.step is step else task.duration
        joined = rejoin(self.tour, step, self.targets)
        option = next(o for o in choice.options if o.id == default)
        self._after_time_up = joined if joined is not None else option.goto
        text = time_up_text(step, self.right_answers.get(choice.id or ""), self.lang)
        seconds = max(MIN_SECONDS, text_seconds(text, self.lang, self.tour.reading_speed))
        self.stage.subtitle(text)
        self.emit("narrate", step=self._current_id(), id=f"{choice.id or step.id}.time_up", text=text,
                  lang=self.lang, duration=round(seconds, 2))
        self.tasks.append(_Task(step, seconds, on_end=lambda: self.stage.subtitle(None)))

    def _finish_step(self, jump: str | None = None) -> None:
        if jump is None and self._after_time_up is not None:
            jump = self._after_time_up
        self._after_time_up = None
        step = self.tour.steps[self.state.pc]
        for task in self.tasks:
            if task.on_end:
                task.on_end()
        self.tasks = []
        self.emit("step_end", step=step.id)
        self._camera_event(step.id)
        if jump == END_LABEL:
            self._end()
        elif jump is not None:
            self._enter(self.targets[jump])
        else:
            self._enter(self.state.pc + 1)

    def _abandon(self) -> None:
        for task in self.tasks:
            if task.on_end:
                task.on_end()
        self.tasks = []
        self.pending_choice = None
        self._after_time_up = None
        self.stage.question(None, [])

    def _end(self) -> None:
        if not self.state.finished:
            self.state.finished = True
            self.state.pc = None
            self.emit("tour_end", tour=self.tour.id)

    def _set_hour(self, hour: float) -> None:
        self.hour = hour
        self.stage.time_of_day(hour)

    # --- camera and events ---------------------------------------------------------------------
    def _default_pose(self) -> paths.Pose:
        vp = self.world.scene.default_view or self.world.scene.viewpoints[0].id
        eye, look = self.world.viewpoint_pose(vp)
        heading, pitch = paths.facing(eye, look)
        return paths.Pose(eye, heading, pitch)

    def _apply_pose(self, pose: paths.Pose) -> None:
        self.pose = pose
        pos, hpr = pose.as_tuple()
        self.stage.camera(pos, hpr)
        self._camera_event(self._current_id())

    def _camera_event(self, step_id) -> None:
        pos, hpr = self.pose.as_tuple()
        event = {"pos": [round(v, 3) for v in pos], "hpr": [round(v, 3) for v in hpr]}
        if step_id is not None:
            event["step"] = step_id
        self.emit("camera", **event)

    def _current_id(self) -> str | None:
        return self.tour.steps[self.state.pc].id if self.state.pc is not None else None

    def emit(self, event_type: str, /, **fields) -> None:
        self.log({"t": round(self.state.t, 3), "type": event_type, **fields})


def section_of(tour: Tour, index: int) -> str | None:
    """The label of the section a top-level step is in: the nearest label at or before it."""
    for step in reversed(tour.steps[: index + 1]):
        if step.label:
            return step.label
    return None


def resume_index(tour: Tour, saved: dict) -> tuple[int, str | None]:
    """Where to resume a saved position, and a notice when it cannot be exactly there.

    A saved step id that the content no longer has resumes at the start of its section (by label),
    or at the start of the tour; never at a dead end."""
    for i, step in enumerate(tour.steps):
        if step.id == saved.get("step"):
            return i, None
    section = saved.get("section")
    for i, step in enumerate(tour.steps):
        if section and step.label == section:
            return i, f"step '{saved.get('step')}' is no longer in this tour; resuming at the start of '{section}'"
    return 0, f"step '{saved.get('step')}' is no longer in this tour; starting again from the beginning"
