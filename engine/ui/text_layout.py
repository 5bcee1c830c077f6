"""Line breaking by measured width, with the Chinese rules Panda3D's word wrap does not know.

`TextNode.set_wordwrap` breaks Chinese between any two characters, so a line can start with "，" or
end with "（". Widgets here wrap text themselves and hand Panda3D explicit line breaks:

- English (and any run of Latin letters or digits) breaks only at spaces; a word wider than the box
  is split by characters as a last resort;
- Chinese breaks between any two characters, except before a closing mark (，。、；：？！）」』》 ...)
  and after an opening one (（「『《 ...): kinsoku, the "prohibited line start/end" rule;
- widths are measured with the UI font itself (`TextNode.calc_width`), so a line is exactly as wide
  on screen as it was when it was broken, and `validate` measures with the same code.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from panda3d.core import TextNode

from engine.ui.fonts import ui_font

# No line starts with one of these (closing brackets and quotes, sentence and clause marks, the
# ellipsis and dash, the middle dot, the iteration mark): Chinese and English only, as the UI font.
CLOSING = set("，。、；：？！）」』》〉】〕〗〙〛”’…—～·々,.;:?!)]}%")
# No line ends with one of these.
OPENING = set("（「『《〈【〔〖〘〚“‘([{")

# One breakable unit each: ideographs, CJK and full-width punctuation, general punctuation (curly
# quotes, dashes, ellipsis) and the middle dot. Anything else that is not a space groups into words.
_SINGLE = "\u00b7\u2010-\u206f\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_TOKEN = re.compile(rf"\s+|[{_SINGLE}]|[^\s{_SINGLE}]+")


@dataclass(frozen=True)
class _Segment:
    text: str
    space_before: bool  # a space separated it from the segment before (it is dropped at a line break)


def segments(paragraph: str) -> list[_Segment]:
    """The paragraph as unbreakable segments: a line may break only between two of them."""
    out: list[_Segment] = []
    space = False
    for token in _TOKEN.findall(paragraph):
        if token.isspace():
            space = True
            continue
        glued = bool(out) and not space and (token[0] in CLOSING or out[-1].text[-1] in OPENING)
        if glued:
            out[-1] = _Segment(out[-1].text + token, out[-1].space_before)
        else:
            out.append(_Segment(token, space))
        space = False
    return out


def break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """`text` broken into lines no wider than `width` (in the units `measure` returns), greedily.
    Explicit line breaks in the text are kept. Only a segment wider than `width` on its own (a long
    URL) is split inside, by characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for seg in segments(paragraph):
            candidate = f"{line} {seg.text}" if line and seg.space_before else line + seg.text
            if not line or measure(candidate) <= width:
                line = candidate
            else:
                lines.append(line)
                line = seg.text
            if measure(line) > width:
                *full, line = _split_chars(line, width, measure)
                lines += full
        lines.append(line)
    return lines


def _split_chars(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    pieces, piece = [], ""
    for char in text:
        if piece and measure(piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return pieces + [piece]


@lru_cache(maxsize=1)
def _measuring_node() -> TextNode:
    node = TextNode("measure")
    node.set_font(ui_font())
    return node


@lru_cache(maxsize=None)
def _advance(char: str) -> float:
    return _measuring_node().calc_width(char)


def text_width(line: str) -> float:
    """A line's advance width in the UI font at scale 1 (the units TextNode lays it out in).

    Panda3D does no kerning or shaping, so a line is as wide as the sum of its characters' advances
    (checked against `TextNode.calc_width` on every shipped text: within 6e-5 em, float rounding);
    summing cached advances is what keeps `validate` quick."""
    return sum(_advance(char) for char in line)


def line_height() -> float:
    """Baseline to baseline at scale 1."""
    return ui_font().get_line_height()


@dataclass(frozen=True)
class Wrapped:
    lines: list[str]
    scale: float

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def width(self) -> float:
        return max((text_width(line) for line in self.lines), default=0.0) * self.scale

    @property
    def height(self) -> float:
        """From the first line's top to the last line's bottom, in parent units."""
        if not self.lines:
            return 0.0
        ascent, descent = font_extent()
        return (ascent + descent + line_height() * (len(self.lines) - 1)) * self.scale

    @property
    def ascent(self) -> float:
        """How far the first line's baseline sits below the text's top, in parent units."""
        return font_extent()[0] * self.scale


@lru_cache(maxsize=1)
def font_extent() -> tuple[float, float]:
    """(ascent, descent) of a line at scale 1: how far TextNode's frame reaches above and below a
    baseline (the font's own metrics, the same for every line)."""
    node = TextNode("extent")
    node.set_font(ui_font())
    node.set_text("鼓Ag")
    return node.get_top(), -node.get_bottom()


def wrap(text: str, scale: float, width: float) -> Wrapped:
    """`text` at `scale` broken into lines no wider than `width` (both in the parent's units)."""
    return Wrapped(break_lines(text, width / scale, text_width), scale)


SOURCE_TAG = "source_text"  # the text as given, before line breaks were added (for visible_texts)


def show_wrapped(label, text: str, wrapped: Wrapped) -> None:
    """Put `wrapped` on an OnscreenText, remembering `text` as given."""
    label.setText(wrapped.text)
    label.set_tag(SOURCE_TAG, text)


def show_at_most(label, text: str, scale: float, width: float, max_lines: int) -> Wrapped:
    """Wrap a text the visitor made (a name, a printer's answer) into `label` in at most `max_lines`,
    the last cut short with an ellipsis; content's own texts are measured by U001 instead."""
    wrapped = wrap(text, scale, width)
    while len(wrapped.lines) > max_lines and len(text) > 1:
        text = text[: max(1, int(len(text) * 0.9))].rstrip() + "…"
        wrapped = wrap(text, scale, width)
    show_wrapped(label, text, wrapped)
    return wrapped


def centred_baseline(scale: float) -> float:
    """Where to put a one-line text's baseline so its line box is centred on 0 (a button's middle)."""
    ascent, descent = font_extent()
    return -(ascent - descent) / 2 * scale
