"""`--stats` shows the frame time in milliseconds on Panda3D's frame-rate meter, beside the visit's
overlay (its own display region), and goes away again."""
from __future__ import annotations

from engine.display.frame_stats import show_frame_stats


def test_the_frame_time_is_shown_in_milliseconds(offscreen_base):
    show_frame_stats(offscreen_base)
    try:
        meter = offscreen_base.frameRateMeter
        assert meter is not None
        for _ in range(5):
            offscreen_base.task_mgr.step()
        meter.update()
        assert meter.get_text().rstrip().endswith("ms"), meter.get_text()
    finally:
        offscreen_base.set_frame_rate_meter(False)
    assert offscreen_base.frameRateMeter is None


def test_frame_times_are_written_when_the_display_closes(offscreen_base, tmp_path):
    """`--frame-times FILE`: one entry per frame drawn, in ms, with when it began; the file appears
    when the display closes (whole: atomic), and the recording task goes with it."""
    import json
    import time

    from engine.display.offscreen import OffscreenDisplay
    out = tmp_path / "frames.json"
    display = OffscreenDisplay(offscreen_base)
    display.frame_stats(record_to=out)
    offscreen_base.task_mgr.step()
    for _ in range(6):
        time.sleep(0.02)  # a frame at least this long
        offscreen_base.task_mgr.step()
    assert not out.exists()
    display.close()
    data = json.loads(out.read_text())
    assert len(data["frames_ms"]) == len(data["at_s"]) == 7 and data["size"] == list(display.size)
    assert all(ms >= 19 for ms in data["frames_ms"][1:]) and data["at_s"] == sorted(data["at_s"])
    assert not offscreen_base.task_mgr.hasTaskNamed("ludao-frame-times")


def test_a_tours_glyphs_are_made_before_it_starts(offscreen_base):
    """prepare_glyphs rasterises every character of the strings it is handed, wherever they sit, so
    a subtitle shown mid-tour adds no glyph (and no font-page upload) on its frame."""
    from panda3d.core import DynamicTextFont, Filename, TextNode

    from engine.ui.fonts import FONT_PATH, prepare_glyphs
    font = DynamicTextFont(Filename.from_os_specific(str(FONT_PATH)))  # its own: no glyph made by others

    def pages_after_showing(text: str) -> list:
        node = TextNode("probe")
        node.set_font(font)
        node.set_text(text)
        node.generate()
        return [(font.get_page(i).get_image_modified().get_seq()) for i in range(font.get_num_pages())]

    data = {"steps": [{"text": {"zh": "鹭岛鼓浪屿", "en": "Egret"}}, ("天主堂",)], "n": 3}
    assert prepare_glyphs(data, font) == len(set("鹭岛鼓浪屿Egret天主堂"))
    before = pages_after_showing("")
    assert pages_after_showing("鹭岛 Egret 天主堂") == before  # nothing new to draw into a page
    assert pages_after_showing("筼筜湖") != before  # a character not prepared is drawn on the spot
