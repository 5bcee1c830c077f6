"""Game content (scenes/<id>/game.yaml): check-in stamps, quizzes, hidden collectibles, badges and
timed challenges for one scene, as pydantic models. Validated like every content file."""
from __future__ import annotations

from typing import Optional

from pydantic import Field, model_validator

from engine.manifest.kinds import ContentKind, register
from engine.manifest.common import Id, Lat, Lon, Strict, Text


class Checkin(Strict):
    """A stamp for reaching a POI: coming within radius_m of it, or tapping its marker."""

    id: Id
    poi: Id = Field(description="the POI this stamp is for")
    name: Text
    radius_m: float = Field(80.0, gt=0, le=2000, description="how near the camera must come (metres, 3D)")
    points: int = Field(10, ge=0, le=1000)


class QuizOption(Strict):
    id: Id
    text: Text


class Quiz(Strict):
    """A question with one right answer. A tour's question with the same id counts as this quiz."""

    id: Id
    question: Text
    options: list[QuizOption] = Field(min_length=2, max_length=6)
    answer: Id = Field(description="the id of the right option")
    explanation: Text = Field(description="shown after the visitor answers, right or wrong")
    points: int = Field(20, ge=0, le=1000)
    poi: Optional[Id] = Field(None, description="free roaming: asked when the visitor opens this POI's card")


class Collectible(Strict):
    """Something hidden in the scene, found by coming near it or clicking it."""

    id: Id
    name: Text
    lat: Lat
    lon: Lon
    height_m: float = Field(2.0, ge=0, le=500, description="above the ground")
    radius_m: float = Field(30.0, gt=0, le=500)
    points: int = Field(30, ge=0, le=1000)


class Condition(Strict):
    """When a badge is earned: every condition given must hold."""

    all_checkins: Optional[bool] = Field(None, description="every stamp of this scene")
    checkins: Optional[list[Id]] = Field(None, min_length=1, description="these stamps")
    all_collectibles: Optional[bool] = None
    collectibles: Optional[list[Id]] = Field(None, min_length=1)
    quiz_streak: Optional[int] = Field(None, ge=1, le=50, description="this many quizzes right in a row")
    score_at_least: Optional[int] = Field(None, ge=1)
    challenge: Optional[Id] = Field(None, description="a timed challenge completed")

    @model_validator(mode="after")
    def _something(self) -> "Condition":
        if all(getattr(self, name) in (None, False) for name in type(self).model_fields):
            raise ValueError("a badge condition needs at least one of: " + ", ".join(type(self).model_fields))
        return self


class Badge(Strict):
    id: Id
    name: Text
    description: Text
    when: Condition
    points: int = Field(0, ge=0, le=1000)


class Goal(Strict):
    checkins: Optional[int] = Field(None, ge=1)
    collectibles: Optional[int] = Field(None, ge=1)
    quizzes_right: Optional[int] = Field(None, ge=1)
    route: Optional[list[Id]] = Field(None, min_length=2, max_length=50,
                                      description="these stamps, in this order: a course to run; the challenge's "
                                                  "time then counts from the first of them, not from the visit's start")

    @model_validator(mode="after")
    def _something(self) -> "Goal":
        if all(getattr(self, name) is None for name in type(self).model_fields):
            raise ValueError("a challenge goal needs checkins, collectibles, quizzes_right or a route")
        return self


class Challenge(Strict):
    """Reach a goal within a time from the start of the visit (or, for a `route`, from its first stamp)."""

    id: Id
    name: Text
    description: Text
    within_s: float = Field(gt=0, le=7200)
    goal: Goal
    points: int = Field(50, ge=0, le=1000)


class GameContent(Strict):
    scene: Id
    checkins: list[Checkin] = []
    quizzes: list[Quiz] = []
    collectibles: list[Collectible] = []
    badges: list[Badge] = []
    challenges: list[Challenge] = []


register(ContentKind("game", GameContent, "game.schema.json"))
