"""The UI font: a subset of Noto Sans CJK SC (SIL OFL 1.1), so Chinese and English both render."""
from __future__ import annotations

from functools import lru_cache

from panda3d.core import DynamicTextFont, Filename

from engine.settings import PROJECT_ROOT

FONT_PATH = PROJECT_ROOT / "assets" / "fonts" / "NotoSansSC-Ludao.otf"


@lru_cache(maxsize=1)
def ui_font() -> DynamicTextFont:
    font = DynamicTextFont(Filename.from_os_specific(str(FONT_PATH)))
    if not font.is_valid():
        raise OSError(f"cannot load the UI font {FONT_PATH}")
    font.set_pixels_per_unit(48)
    font.set_page_size(1024, 1024)
    return font
