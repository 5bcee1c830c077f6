"""Actions a tour may call by name. Content never runs code: it names one of these, with
parameters checked against the declared types when the tour is validated. Every action has a
headless behaviour (it acts through the stage), so tours run whole in tests and simulated time."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class ActionSpec:
    name: str
    params: dict[str, type]  # parameter -> str, int, float or bool
    required: frozenset[str]
    description: str
    run: Callable  # run(stage, **params) -> seconds the action lasts (0 for instant)
    ends_tour: bool = False  # the tour is over once it runs (a tour may end with this step)


REGISTRY: dict[str, ActionSpec] = {}


def register(name: str, params: dict[str, type], description: str, *, required: tuple[str, ...] = (),
             ends_tour: bool = False):
    def wrap(fn: Callable) -> Callable:
        REGISTRY[name] = ActionSpec(name, params, frozenset(required or params), description, fn, ends_tour)
        return fn
    return wrap


@register("highlight_poi", {"poi": str, "seconds": float}, "make a POI's marker pulse for a while",
          required=("poi",))
def highlight_poi(stage, poi: str, seconds: float = 4.0) -> float:
    stage.highlight(poi, seconds)
    return 0.0


@register("free_roam", {}, "hand the camera to the visitor: the tour ends here and free roaming begins",
          ends_tour=True)
def free_roam(stage) -> float:
    stage.free_roam()
    return 0.0
