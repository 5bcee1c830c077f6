"""Plain words for mistakes that YAML and pydantic report in their own terms: a text without one of
its two languages ("missing required field 'zh'"), and latitude and longitude written the wrong way
round ("less than or equal to 90", or a point far outside the scene). Used by schema_errors and the
scene's geometry checks; each returns None when the case does not apply."""
from __future__ import annotations

from typing import Any

from engine.manifest.data_paths import dotted, value_at

LANGUAGES = {"zh": "Chinese", "en": "English"}


def missing_language(fields: set[str] | None, loc: tuple) -> tuple[str, str] | None:
    """(message, hint) for a bilingual text that lacks one language; `fields` are its model's fields."""
    if not loc or loc[-1] not in LANGUAGES or not fields or not set(LANGUAGES) <= fields:
        return None
    lang = loc[-1]
    other = next(code for code in LANGUAGES if code != lang)
    where = dotted(loc[:-1])
    return (f"{where}: the {LANGUAGES[lang]} text is missing: every text a visitor sees is written in both "
            f"Chinese (zh) and English (en)", f"add {lang}: ... beside {other}")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def swapped_lat(data: Any, loc: tuple, value: Any) -> tuple[str, str] | None:
    """(message, hint) when `lat` is beyond +-90 and its `lon` beside it would make a latitude."""
    if not loc or loc[-1] != "lat" or not _is_number(value) or not 90 < abs(value) <= 180:
        return None
    lon = value_at(data, loc[:-1] + ("lon",))
    if not _is_number(lon) or abs(lon) > 90:
        return None
    return (f"{dotted(loc)}: {value} is not a latitude (those are -90 to 90): lat and lon look swapped",
            swap_hint(data, loc))


def swapped_pair(value: Any, loc: tuple, data: Any) -> tuple[str, str] | None:
    """(message, hint) for a [lat, lon] pair written [lon, lat]."""
    if not (isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value)):
        return None
    first, second = value
    if not (90 < abs(first) <= 180 and abs(second) <= 90):
        return None
    return (f"{dotted(loc)}: [{first}, {second}] is [lon, lat]: a point is written [lat, lon]",
            f"write [{second}, {first}]" + _origin_words(data))


def swap_hint(data: Any, loc: tuple) -> str:
    lat, lon = value_at(data, loc[:-1] + ("lat",)), value_at(data, loc[:-1] + ("lon",))
    swap = f"write lat: {lon}, lon: {lat}" if _is_number(lat) and _is_number(lon) else "swap them"
    return swap + "; lat is the north-south one" + _origin_words(data)


def _origin_words(data: Any) -> str:
    lat, lon = value_at(data, ("origin", "lat")), value_at(data, ("origin", "lon"))
    if _is_number(lat) and _is_number(lon):
        return f" (this scene's origin is at lat {lat:g}, lon {lon:g})"
    return " (around Xiamen, lat is about 24.5 and lon about 118.1)"




def inside_when_swapped(to_local, half: float, lat: float, lon: float) -> bool:
    """A point outside the scene that would be inside it with lat and lon swapped."""
    if abs(lon) > 90:
        return False
    e, n, _ = to_local(lon, lat, 0.0)
    return abs(e) <= half and abs(n) <= half
