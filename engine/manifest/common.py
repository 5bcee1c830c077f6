"""Types every content schema shares: ids, bilingual text, positions, colours, asset paths.

Models are strict (no silent coercion of `"12"` to 12 or `no` to False), frozen, refuse NaN and
infinity, and forbid unknown keys, so a typo is an error rather than a silently ignored field.
"""
from __future__ import annotations

from typing import Annotated, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

ID_PATTERN = r"^[a-z][a-z0-9_]*$"

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64,
                          description="lower-case identifier: letters, digits, underscores")]
Lat = Annotated[float, Field(ge=-90, le=90, description="WGS-84 latitude in degrees")]
Lon = Annotated[float, Field(ge=-180, le=180, description="WGS-84 longitude in degrees")]
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="an sRGB colour, '#rrggbb'")]
Metres = Annotated[float, Field(ge=-500, le=2000)]
AssetPath = Annotated[str, Field(min_length=1, max_length=260,
                                 description="a file path relative to this manifest")]


def _lat_lon_pair(value: list[float]) -> list[float]:
    lat, lon = value
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise ValueError(f"expected [lat, lon] in degrees, got [{lat}, {lon}]")
    return value


LatLon = Annotated[list[float], Field(min_length=2, max_length=2,
                                      description="[lat, lon] in WGS-84 degrees"),
                   AfterValidator(_lat_lon_pair)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class Text(Strict):
    """A user-facing text in Simplified Chinese and English."""

    zh: str = Field(min_length=1, max_length=2000)
    en: str = Field(min_length=1, max_length=2000)
    zh_from: Optional[str] = Field(None, pattern=r"^[0-9a-f]{8}$",
                                   description="hash of the en text the zh was translated from (set by `strings import`)")
    en_from: Optional[str] = Field(None, pattern=r"^[0-9a-f]{8}$",
                                   description="hash of the zh text the en was translated from (set by `strings import`)")
