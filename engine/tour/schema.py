"""The guided-tour schema (scripts/<scene>-<name>.tour.yaml), as pydantic models.

A tour is a list of steps. Each step has an `id` (stable: saved positions, translations and logs
refer to it), an optional `label` to jump to, and exactly one action:

    fly_to, orbit, look_at, narrate, wait, show_card, choice, goto, parallel,
    set_time_of_day, play_sound, action

Every text a visitor sees is bilingual and carries an id of its own. Durations are in seconds of
tour time. References (POIs, viewpoints, labels, sounds, actions) are checked by engine.tour.checks.
"""
from __future__ import annotations

from typing import Any, Literal, Optional, Union

from pydantic import Field, model_validator

from engine.manifest.kinds import ContentKind, register
from engine.manifest.common import AssetPath, Id, Strict, Text

Seconds = float
END_LABEL = "end"  # `goto: end` finishes the tour
ACTION_KEYS = ("fly_to", "orbit", "look_at", "narrate", "wait", "show_card", "choice", "goto", "parallel",
               "set_time_of_day", "play_sound", "action")
Easing = Literal["linear", "ease_in_out", "ease_in", "ease_out"]


class FlyTo(Strict):
    """Fly the camera to a viewpoint (its exact pose) or to a POI (stopping short of it, facing it)."""

    target: Id = Field(description="a viewpoint id or a POI id of the tour's scene")
    duration_s: Seconds = Field(8.0, gt=0, le=300)
    easing: Easing = "ease_in_out"
    height_m: Optional[float] = Field(None, gt=0, le=2000,
                                      description="POI targets: arrival height above the POI's ground")
    distance_m: Optional[float] = Field(None, gt=5, le=5000,
                                        description="POI targets: how far from the POI to stop")
    heading_deg: Optional[float] = Field(None, ge=-360, le=360,
                                         description="POI targets: the direction the camera faces on arrival, "
                                         "degrees clockwise from north (90: facing east, so it arrives on the "
                                         "POI's west side); default: it arrives on the side it comes from")


class Orbit(Strict):
    """Circle around a POI, keeping it in view."""

    target: Id = Field(description="a POI id")
    angle_deg: float = Field(90.0, ge=-720, le=720, description="how far round; negative turns clockwise")
    duration_s: Seconds = Field(12.0, gt=0, le=300)


class LookAt(Strict):
    """Turn the camera, without moving it, to face a POI."""

    target: Id
    duration_s: Seconds = Field(2.0, gt=0, le=60)


class Audio(Strict):
    zh: Optional[AssetPath] = None
    en: Optional[AssetPath] = None


class Narration(Strict):
    """A line the guide says, shown as a subtitle; its length comes from its audio or its text."""

    id: Optional[Id] = Field(None, description="stable id for translations; `run_tour.py tag` adds missing ones")
    zh: str = Field(min_length=1, max_length=2000)
    en: str = Field(min_length=1, max_length=2000)
    zh_from: Optional[str] = Field(None, pattern=r"^[0-9a-f]{8}$", description="see Text.zh_from")
    en_from: Optional[str] = Field(None, pattern=r"^[0-9a-f]{8}$", description="see Text.en_from")
    audio: Optional[Audio] = None


class Wait(Strict):
    duration_s: Seconds = Field(gt=0, le=600)


class ShowCard(Strict):
    poi: Id
    duration_s: Seconds = Field(6.0, gt=0, le=120)


class Option(Strict):
    id: Optional[Id] = None
    text: Text
    goto: Optional[str] = Field(None, min_length=1, max_length=64,
                                description="a label or step id to continue at; default: the next step")


class Choice(Strict):
    """A question; the visitor's answer decides where the tour goes on."""

    id: Optional[Id] = None
    prompt: Text
    options: list[Option] = Field(min_length=2, max_length=6)
    timeout_s: Seconds = Field(30.0, gt=0, le=600, description="unattended: take `default` after this long")
    default: Optional[Id] = Field(None, description="option taken on timeout; default: the first")


class SetTimeOfDay(Strict):
    hour: float = Field(ge=0, le=24)
    duration_s: Seconds = Field(0.0, ge=0, le=300)


class PlaySound(Strict):
    file: AssetPath
    volume: float = Field(1.0, ge=0, le=1)


ScalarParam = Union[str, int, float, bool]


class Action(Strict):
    """Calls a Python action registered by name in engine code; content never runs code."""

    name: Id
    params: dict[str, ScalarParam] = {}


class Step(Strict):
    id: Optional[Id] = Field(None, description="stable id; `run_tour.py tag` adds missing ones")
    label: Optional[Id] = Field(None, description="a name `goto` and choice options can jump to")
    fly_to: Optional[FlyTo] = None
    orbit: Optional[Orbit] = None
    look_at: Optional[LookAt] = None
    narrate: Optional[Narration] = None
    wait: Optional[Wait] = None
    show_card: Optional[ShowCard] = None
    choice: Optional[Choice] = None
    goto: Optional[str] = Field(None, min_length=1, max_length=64, description="a label or step id; 'end' ends the tour")
    parallel: Optional[list["Step"]] = Field(None, min_length=2, max_length=8,
                                             description="steps run side by side; ends when all have ended")
    set_time_of_day: Optional[SetTimeOfDay] = None
    play_sound: Optional[PlaySound] = None
    action: Optional[Action] = None

    @model_validator(mode="after")
    def _exactly_one_action(self) -> "Step":
        present = [key for key in ACTION_KEYS if getattr(self, key) is not None]
        if len(present) != 1:
            found = ", ".join(present) if present else "none"
            raise ValueError(f"a step needs exactly one action ({', '.join(ACTION_KEYS)}); found {found}")
        return self

    @property
    def kind(self) -> str:
        return next(key for key in ACTION_KEYS if getattr(self, key) is not None)

    @property
    def body(self) -> Any:
        return getattr(self, self.kind)


class ReadingSpeed(Strict):
    zh_chars_per_s: float = Field(4.5, gt=0.5, le=20)
    en_words_per_min: float = Field(150.0, gt=30, le=400)


class Tour(Strict):
    """A guided tour of one scene."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)
    scene: Id
    title: Text
    summary: Text
    duration_min: float = Field(gt=0, le=60, description="estimated length in minutes")
    reading_speed: ReadingSpeed = ReadingSpeed()
    postcard_view: Optional[Id] = Field(None, description="the viewpoint shown on this tour's souvenir postcard "
                                                           "(default: the scene's main view)")
    event: Optional[Id] = Field(None, description="an event overlay (scenes/events/<id>.event.yaml) this tour shows "
                                                  "off: on while the tour runs, whatever the date")
    steps: list[Step] = Field(min_length=1)


Step.model_rebuild()


_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _list_registered_actions(schema: dict) -> None:
    """The `action` step as one alternative per registered action, with its own parameters."""
    if "Action" not in schema.get("$defs", {}):
        return
    from engine.tour.actions import REGISTRY
    schema["$defs"]["Action"] = {"description": "calls an action registered in engine code, by name", "oneOf": [
        {"type": "object", "additionalProperties": False, "required": ["name"] + (["params"] if spec.required else []),
         "description": spec.description,
         "properties": {"name": {"const": name}, "params": {
             "type": "object", "additionalProperties": False, "required": sorted(spec.required),
             "properties": {p: {"type": _JSON_TYPES[t]} for p, t in spec.params.items()}}}}
        for name, spec in sorted(REGISTRY.items())]}


register(ContentKind("tour", Tour, "tour.schema.json", customise=_list_registered_actions))
