"""Line breaking by measured width: Chinese between characters but never before a closing mark or
after an opening one (kinsoku), English at spaces, and lines no wider than the box in the UI font."""
from __future__ import annotations

import pytest

from engine.ui.text_layout import CLOSING, OPENING, break_lines, text_width, wrap


def one_per_char(text: str) -> float:
    return float(len(text))


def test_chinese_breaks_anywhere_but_keeps_closing_marks_off_a_line_start():
    lines = break_lines("鼓浪屿，钢琴之岛。", 3, one_per_char)
    # the comma may not start a line, so it takes the character before it along: no line is too wide
    assert lines == ["鼓浪", "屿，钢", "琴之", "岛。"]


def test_an_opening_mark_never_ends_a_line():
    lines = break_lines("我们去（鼓浪屿）看看", 4, one_per_char)
    assert all(line[-1] not in OPENING for line in lines), lines
    assert all(line[0] not in CLOSING for line in lines), lines
    assert "".join(lines) == "我们去（鼓浪屿）看看"


def test_quotes_and_runs_of_marks_stay_with_their_words():
    lines = break_lines("他说：“好的！”然后走了。", 5, one_per_char)
    assert "".join(lines) == "他说：“好的！”然后走了。"
    for line in lines:
        assert line[0] not in CLOSING and line[-1] not in OPENING, lines


def test_english_breaks_at_spaces_and_drops_them():
    assert break_lines("Hello world, this is Ludao", 12, one_per_char) == ["Hello world,", "this is", "Ludao"]


def test_a_word_wider_than_the_box_is_split_by_characters():
    assert break_lines("https://example.org/x", 8, one_per_char) == ["https://", "example.", "org/x"]


def test_explicit_line_breaks_are_kept():
    assert break_lines("一\n二三", 10, one_per_char) == ["一", "二三"]


def test_mixed_text_breaks_between_latin_and_chinese():
    lines = break_lines("桥长2.2公里，WASD 移动", 6, one_per_char)
    assert "".join(lines).replace(" ", "") == "桥长2.2公里，WASD移动"
    assert all(line[0] not in CLOSING for line in lines), lines


@pytest.mark.parametrize("text", [
    "现在从海上绕着世茂海峡大厦转一段。这对帆形双塔高约300米，2015年建成，恰好也是避风坞不再停船的那一年。",
    "Let's swing round the Shimao Cross-Strait Plaza, twin sail-shaped towers about 300 m high.",
])
def test_wrapped_lines_fit_the_width_in_the_ui_font(text):
    wrapped = wrap(text, 0.06, 1.2)
    assert len(wrapped.lines) > 1
    assert wrapped.width <= 1.2 + 1e-6
    assert all(text_width(line) * 0.06 <= 1.2 + 1e-6 for line in wrapped.lines)
    assert "".join(wrapped.lines).replace(" ", "") == text.replace(" ", "")


def test_summed_advances_match_panda3d_on_shipped_texts():
    """text_width sums per-character advances (quick); Panda3D lays out whole lines: they agree."""
    import re

    from panda3d.core import TextNode

    from engine.ui.fonts import ui_font
    from tests.conftest import ROOT
    node = TextNode("check")
    node.set_font(ui_font())
    texts = []
    for path in [*(ROOT / "scenes").glob("*/*.yaml"), *(ROOT / "scripts").glob("*.tour.yaml")]:
        texts += re.findall(r"(?:zh|en): ([^,}\n]+)", path.read_text(encoding="utf-8"))
    assert len(texts) > 200
    assert max(abs(text_width(t) - node.calc_width(t)) for t in texts) < 1e-3
