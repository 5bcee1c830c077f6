"""The UI font: a subset of Noto Sans CJK SC (SIL OFL 1.1), so Chinese and English both render."""
from __future__ import annotations

from functools import lru_cache

from panda3d.core import DynamicTextFont, Filename

from engine.settings import UI_FONT as FONT_PATH


@lru_cache(maxsize=1)
def ui_font() -> DynamicTextFont:
    font = DynamicTextFont(Filename.from_os_specific(str(FONT_PATH)))
    if not font.is_valid():
        raise OSError(f"cannot load the UI font {FONT_PATH}")
    font.set_pixels_per_unit(48)
    font.set_page_size(1024, 1024)
    return font


def prepare_glyphs(data, font: DynamicTextFont | None = None) -> int:
    """Rasterise now every character in the strings found anywhere in `data` (dicts, lists, text), so
    that text shown later (a tour's subtitles, cards, questions) adds no glyph mid-visit: a first
    glyph costs about 1 ms of font work and a re-upload of its page on the frame it shows up.
    Returns how many distinct characters were seen. `font`: the UI font unless given."""
    chars: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            chars.update(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple, set)):
            for item in value:
                walk(item)
    walk(data)
    font = font or ui_font()
    for char in sorted(chars):
        if not char.isspace():
            font.get_glyph(ord(char))
    return len(chars)
