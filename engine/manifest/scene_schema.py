"""The scene manifest schema (scenes/<id>/scene.yaml), as pydantic models.

Positions are WGS-84 lat/lon in degrees and heights in metres above sea level; the engine projects
them to local metres (engine.geo). Every user-facing text is bilingual. Models are strict (no
silent coercion of `"12"` to 12 or `no` to False) and forbid unknown keys, so a typo is an error.
"""
from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import Field

from engine.manifest.kinds import ContentKind, register
from engine.manifest.common import (AssetPath, Colour, Id, Lat, LatLon, Lon, Metres,  # noqa: F401
                                    Strict, Text)


class Origin(Strict):
    lat: Lat
    lon: Lon


class Sky(Strict):
    time_of_day: float = Field(15.5, ge=0, le=24, description="local solar hour, 0-24 (15.5 = 15:30)")
    haze: float = Field(0.35, ge=0, le=1, description="how much the horizon fades into the sky")


ShoreKind = Literal["beach", "rock", "seawall"]


class Area(Strict):
    """A polygon of land or water; later areas paint over earlier ones (a lake in land, an island in a lake)."""

    id: Id
    surface: Literal["land", "water"]
    outline: list[LatLon] = Field(min_length=3, max_length=20000)
    height_m: Metres = Field(3.0, description="land: height of the flat ground above sea level")
    shore: Optional[ShoreKind] = Field(None, description="land: what its coast is where no `terrain.shores` "
                                       "section says otherwise; default: `terrain.shore`")
    approximate: bool = False


class ShoreSection(Strict):
    """A stretch of coast of one kind: every coast point within radius_m of (lat, lon)."""

    id: Id
    kind: ShoreKind
    lat: Lat
    lon: Lon
    radius_m: float = Field(gt=0, le=5000, description="the coast within this distance of the point")
    approximate: bool = False


class Peak(Strict):
    """A named high point: the terrain rises smoothly to height_m at the peak."""

    id: Id
    lat: Lat
    lon: Lon
    height_m: Annotated[float, Field(gt=0, le=1000)]
    radius_m: Annotated[float, Field(gt=5, le=5000, description="distance over which the rise fades out")]
    shape: Literal["dome", "crag"] = "dome"
    approximate: bool = False


class Terrain(Strict):
    cell_m: float = Field(12.0, ge=2, le=100, description="terrain grid spacing in metres")
    seabed_m: float = Field(-6.0, ge=-200, le=-0.5, description="depth of the sea floor")
    shore_m: float = Field(35.0, ge=1, le=500, description="width of the slope from the coast up to the land's height")
    shore: ShoreKind = Field("rock", description="what a land area's coast is unless it says otherwise")
    seawall_m: float = Field(2.0, ge=0.5, le=15, description="height of seawalls and quay walls above the water")
    areas: list[Area] = Field(min_length=1)
    shores: list[ShoreSection] = Field([], description="stretches of coast of another kind than their land area's "
                                       "(a beach on a rocky island); later sections win where they overlap")
    peaks: list[Peak] = []


class Water(Strict):
    colour: Colour = "#2d6f8e"
    level_m: float = Field(0.0, ge=-10, le=10)


LandmarkKind = Literal["church", "villa", "pavilion", "bridge", "tower", "rock", "statue", "pier",
                       "temple", "hall", "fort_wall", "cannon", "gate", "boardwalk", "boat", "model"]
PATH_KINDS = frozenset({"bridge", "pier", "boardwalk"})  # laid along a `path`, not placed at lat/lon
# placed at lat/lon or laid along a `path`: a wall follows it, boats moor in a row along it
PATH_OR_POINT_KINDS = frozenset({"fort_wall", "boat"})


class Landmark(Strict):
    """A building or monument. Most are built from the procedural kit by `kind`; `model` loads glTF."""

    id: Id
    kind: LandmarkKind
    lat: Optional[Lat] = None
    lon: Optional[Lon] = None
    path: Optional[list[LatLon]] = Field(None, min_length=2, description="bridge, pier or boardwalk: its centre "
                                         "line; fort_wall: the line the wall follows; boat: the quay a row of "
                                         "boats is moored along (one boat per length and a gap)")
    heading_deg: float = Field(0.0, ge=-360, le=360, description="rotation, degrees clockwise from north")
    size_m: Optional[list[Annotated[float, Field(gt=0, le=1000)]]] = Field(
        None, min_length=3, max_length=3, description="[width, depth, height] in metres; a model is scaled to "
        "measure exactly this (width east-west, depth north-south, after heading_deg)")
    colour: Optional[Colour] = None
    roof_colour: Optional[Colour] = None
    base_m: Optional[Metres] = Field(None, description="ground height under it; default: the terrain's")
    dome: bool = Field(False, description="villa or hall: crown the roof with a dome (Bagua Lou's red dome)")
    top: Literal["stepped", "sail"] = Field("stepped", description="tower: a flat stepped crown, or a sail: a "
                                            "curved roof slanting up to one side (the Shimao towers)")
    pose: Literal["standing", "kneeling"] = Field("standing", description="statue: standing on a plinth, or "
                                                  "kneeling on a rock (the Egret Goddess)")
    model: Optional[AssetPath] = Field(None, description="a .glb or .gltf file, or Panda3D's .bam or .egg (kind: model)")
    poi: Optional[Id] = Field(None, description="the POI this landmark illustrates")
    approximate: bool = False


class District(Strict):
    """Many small buildings scattered over a land area (the red roofs of Gulangyu, city blocks)."""

    id: Id
    area: Id = Field(description="id of a land area to fill")
    style: Literal["villa", "house", "block", "tower"]
    count: int = Field(ge=1, le=5000)
    seed: int = Field(1, ge=0, le=2**32 - 1, description="changes where the buildings go")
    roof_colour: Colour = "#b8472f"
    wall_colour: Colour = "#e8dcc8"
    height_m: list[Annotated[float, Field(gt=0, le=400)]] = Field([6.0, 12.0], min_length=2, max_length=2)
    keep_clear_m: float = Field(30.0, ge=0, le=500, description="distance kept clear around POIs and landmarks")
    max_ground_m: float = Field(60.0, description="no buildings on ground higher than this")


RoadKind = Literal["motorway", "trunk", "primary", "secondary", "tertiary", "residential", "pedestrian", "footway"]


class Road(Strict):
    """A street drawn on the ground along its centre line (OpenStreetMap's, written by
    tools/osm_roads.py); parts over water are left out unless it is a bridge. Points outside the
    scene are clipped."""

    id: Id
    kind: RoadKind = Field(description="the road class (OSM highway=*): sets the default width and the surface")
    name: Optional[str] = Field(None, max_length=200, description="the road's name as OpenStreetMap spells it")
    name_en: Optional[str] = Field(None, max_length=200, description="its English name, where known")
    width_m: Optional[float] = Field(None, gt=0, le=80, description="carriageway width; default: by kind")
    bridge: bool = Field(False, description="on a bridge: a straight deck over water or ground, not draped")
    deck_m: Optional[Metres] = Field(None, description="bridge: the deck's height above sea level; default: "
                                     "straight from the ground at one end to the other")
    path: list[LatLon] = Field(min_length=2, max_length=5000, description="the centre line, [lat, lon] points")


class Vegetation(Strict):
    id: Id
    area: Id = Field(description="id of a land area to plant")
    kind: Literal["broadleaf", "palm", "banyan", "mangrove", "shrub"]
    count: int = Field(ge=1, le=20000)
    seed: int = Field(1, ge=0, le=2**32 - 1, description="changes where the plants go")
    height_m: list[Annotated[float, Field(gt=0, le=60)]] = Field([5.0, 10.0], min_length=2, max_length=2)


class Poi(Strict):
    """A point of interest: a clickable marker with a bilingual info card."""

    id: Id
    name: Text
    description: Text
    kind: str = Field(min_length=1, max_length=40)
    lat: Lat
    lon: Lon
    marker_m: float = Field(14.0, ge=1, le=400, description="marker height above the ground")
    approximate: bool = False


class LookAtPoint(Strict):
    lat: Lat
    lon: Lon
    height_m: Metres = 0.0


class Viewpoint(Strict):
    id: Id
    name: Text
    lat: Lat
    lon: Lon
    height_m: Metres = Field(description="eye height above sea level")
    look_at: Union[Id, LookAtPoint] = Field(description="a POI id or a point")
    fov_deg: float = Field(45.0, ge=10, le=120, description="vertical field of view in degrees")


class SkylineTower(Strict):
    """A distant tower seen from the scene's viewpoints, placed even beyond the scene square (no
    terrain there: it stands on `base_m`). Inside the square it keeps tour cameras out like a landmark."""

    id: Id
    lat: Lat
    lon: Lon
    size_m: list[Annotated[float, Field(gt=0, le=1000)]] = Field(
        min_length=3, max_length=3, description="[width, depth, height] in metres")
    heading_deg: float = Field(0.0, ge=-360, le=360, description="rotation, degrees clockwise from north")
    top: Literal["stepped", "sail"] = "stepped"
    colour: Colour = "#8d9aa3"
    roof_colour: Colour = "#c9cfd4"
    base_m: Metres = Field(4.0, description="height of the ground it stands on")
    approximate: bool = False


class SurroundingLand(Strict):
    """One piece of land beyond the scene square (drawn low and coarse, no buildings)."""

    id: Id
    outline: list[LatLon] = Field(min_length=3, max_length=20000)


class Surroundings(Strict):
    """The world beyond the square: low land out to `reach` extents, so the scene is no island."""

    reach: float = Field(3.5, ge=1.5, le=6.0, description="how many extent_m out the land reaches (at most "
                         "the water plane's 6)")
    cell_m: float = Field(80.0, ge=20, le=500, description="grid spacing of the land beyond the square")
    height_m: float = Field(3.0, ge=0.5, le=60, description="height of the flat land")
    colour: Colour = Field("#9c9a8c", description="the land's tint (a city seen from afar)")
    land: list[SurroundingLand] = Field(min_length=1)


class SceneManifest(Strict):
    """One explorable scene: terrain, water, sky, landmarks, POIs and viewpoints."""

    id: Id = Field(description="lower-case identifier: letters, digits, underscores; the name of the scene's "
                           "folder, scenes/<id>/scene.yaml")
    name: Text
    summary: Text
    origin: Origin
    extent_m: float = Field(ge=200, le=20000, description="half-size of the square world around the origin")
    credits: list[str] = []
    sky: Sky = Sky()
    terrain: Terrain
    water: Water = Water()
    landmarks: list[Landmark] = []
    skyline: list[SkylineTower] = Field([], description="distant towers, placed even beyond the square")
    surroundings: Optional[Surroundings] = None
    roads: list[Road] = []
    districts: list[District] = []
    vegetation: list[Vegetation] = []
    pois: list[Poi] = Field(min_length=1)
    viewpoints: list[Viewpoint] = Field(min_length=1)
    default_view: Optional[Id] = Field(None, description="viewpoint shown first; default: the first one")


register(ContentKind("scene", SceneManifest, "scene.schema.json"))
