"""Paths into a loaded document's data, as pydantic reports them (('pois', 3, 'lat')): read the
value there, and print the path the way messages show it (pois[3].lat)."""
from __future__ import annotations

from typing import Any


def value_at(data: Any, loc: tuple) -> Any:
    """The value at `loc`, or None when the path does not lead anywhere."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"
