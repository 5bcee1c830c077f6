"""Event overlays (scenes/events/<id>.event.yaml): what an event adds to the scenes it dresses and
when it is on, as pydantic models. Validated like every content file; the scene's own manifest is
never touched.

Props are landmarks (the same kit kinds and glTF models, placed by lat/lon or along a path), extra
POIs are POIs, the event's game content uses the game's own stamps, quizzes and badges.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from engine.game.schema import Badge, Challenge, Checkin, Quiz
from engine.manifest.common import AssetPath, Colour, Id, LatLon, Metres, Strict, Text
from engine.manifest.kinds import ContentKind, register
from engine.manifest.scene_schema import Landmark, Poi, Viewpoint

DateText = str  # checked by engine.overlays.calendar.parse_moment, with the field's position


class Edition(Strict):
    """One dated edition: on from `start` to the end of `end` (Beijing time)."""

    start: DateText = Field(min_length=10, max_length=32, description="first day, YYYY-MM-DD (or YYYY-MM-DDTHH:MM)")
    end: DateText = Field(min_length=10, max_length=32, description="last day it is on, inclusive (or an end time)")
    note: Optional[str] = Field(None, max_length=200, description="where the dates come from")


class When(Strict):
    """When the overlay is on: any of dated editions, a recurrence rule, a calendar file."""

    editions: list[Edition] = Field([], max_length=200)
    rrule: Optional[str] = Field(None, min_length=5, max_length=500,
                                 description="an RFC 5545 RRULE, e.g. FREQ=YEARLY;BYMONTH=1;BYDAY=1SU")
    first: Optional[DateText] = Field(None, min_length=10, max_length=32,
                                      description="the rule's first occurrence (its DTSTART), Beijing time")
    days: float = Field(1.0, gt=0, le=366, description="how long each occurrence of the rule lasts, in days")
    except_on: list[DateText] = Field([], max_length=200, description="occurrences of the rule left out (EXDATE)")
    ics: Optional[AssetPath] = Field(None, description="an iCalendar (.ics) file beside this one; every VEVENT "
                                                       "in it, with its RRULE, RDATE and EXDATE")

    @model_validator(mode="after")
    def _something(self) -> "When":
        if not self.editions and self.rrule is None and self.ics is None:
            raise ValueError("say when the event is on: `editions`, an `rrule` with `first`, or an `ics` file")
        if (self.rrule is None) != (self.first is None):
            raise ValueError("an `rrule` needs its `first` day, and `first` is only for an `rrule`")
        return self


class Lighting(Strict):
    """The scene's light while the event is on."""

    time_of_day: float = Field(ge=0, le=24, description="local solar hour, e.g. 20.0 for an evening ceremony")
    haze: Optional[float] = Field(None, ge=0, le=1)
    spotlights: int = Field(0, ge=0, le=16, description="beams sweeping the sky from the top of a prop")
    spotlights_at: Optional[Id] = Field(None, description="the prop they stand on; default: the first prop")
    spotlight_colour: Colour = "#fff4d6"


class Fireworks(Strict):
    over: Id = Field(description="the prop they burst above")
    bursts: int = Field(6, ge=1, le=30, description="how many go off in turn")
    height_m: float = Field(110.0, ge=20, le=600, description="above the prop's ground")
    seed: int = Field(1, ge=0, le=2**32 - 1)


class Prop(Landmark):
    """A landmark an event brings; `glow` ones are lit from inside (screens, signs) and keep their
    colour at night."""

    glow: bool = False


class Movers(Strict):
    """Things moving along a route: runners, a crowd walking, boats."""

    kind: Literal["runner", "walker", "spectator"] = Field("runner", description="spectators line the route's "
                                                                              "sides, barely move, and their "
                                                                              "route draws no ribbon")
    count: int = Field(ge=1, le=50000)
    speed_mps: list[float] = Field([2.5, 4.5], min_length=2, max_length=2, description="[slowest, fastest]")
    seed: int = Field(1, ge=0, le=2**32 - 1)


class Route(Strict):
    """A line through the scene: a path of [lat, lon] points, or a named road from the map data."""

    id: Id
    name: Optional[Text] = None
    path: Optional[list[LatLon]] = Field(None, min_length=2, max_length=5000)
    road: Optional[str] = Field(None, min_length=1, max_length=80, description="a road's name in the map data, "
                                                                            "e.g. 环岛南路 (Huandao South Road)")
    width_m: float = Field(12.0, gt=0, le=80)
    deck_m: Optional[Metres] = Field(None, description="path: where it crosses water it runs at this height "
                                                      "(a bridge deck); a road's own deck is used for `road`")
    colour: Colour = "#c8553d"
    km_markers: bool = Field(False, description="a marker every kilometre along the route")
    movers: Optional[Movers] = None

    @model_validator(mode="after")
    def _one_line(self) -> "Route":
        if (self.path is None) == (self.road is None):
            raise ValueError("a route needs exactly one of `path` or `road`")
        return self


class Banner(Strict):
    id: Id
    text: Text


class PostcardFrame(Strict):
    colour: Colour
    title: Text


class EventGame(Strict):
    """Game content that exists only while the event is on. It stands on its own: its badges and
    challenges name the event's own stamps and quizzes; its stamps are for the event's POIs or the
    scenes'."""

    checkins: list[Checkin] = []
    quizzes: list[Quiz] = []
    badges: list[Badge] = []
    challenges: list[Challenge] = Field([], description="timed challenges, e.g. a course (`goal: {route: [...]}`) "
                                                        "over the event's stamps")
    postcard_frame: Optional[PostcardFrame] = None


GAME_PARTS = ("checkins", "quizzes", "badges", "challenges")  # what an event adds to a scene's game


class EventOverlay(Strict):
    id: Id = Field(description="the file's name: scenes/events/<id>.event.yaml")
    name: Text
    summary: Optional[Text] = None
    scenes: list[Id] = Field(min_length=1, description="the scenes it dresses")
    when: When
    order: int = Field(0, ge=-1000, le=1000, description="several events on at once are applied in this order "
                                                         "(lower first; then by id); a later one's lighting wins")
    lighting: Optional[Lighting] = None
    props: list[Prop] = Field([], max_length=2000, description="placed like a scene's landmarks")
    fireworks: Optional[Fireworks] = None
    routes: list[Route] = Field([], max_length=50)
    pois: list[Poi] = Field([], max_length=200)
    banners: list[Banner] = Field([], max_length=20)
    viewpoints: list[Viewpoint] = Field([], max_length=20, description="views that show the event off (the first "
                                                                     "is its picture in `showcase`)")
    sound: Optional[AssetPath] = Field(None, description="ambient sound looped while the event is on and the scene is "
                                                         "shown (WAV, Ogg Vorbis or FLAC); several events' play together")
    sound_volume: float = Field(0.5, ge=0, le=1)
    game: Optional[EventGame] = None


register(ContentKind("event", EventOverlay, "event.schema.json"))
