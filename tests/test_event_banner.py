"""An event's banner stands at the top while the event is on: in the visitor's language, several
taking turns in app time, gone when no event is on."""
from __future__ import annotations

from panda3d.core import NodePath

from engine.ui.event_banner import TURN_S, EventBanner
from engine.ui.screen_layout import make_anchors
from engine.ui.visible_text import visible_texts

FESTIVAL = {"zh": "金鸡百花电影节 · 厦门", "en": "Golden Rooster Film Festival · Xiamen"}
MARATHON = {"zh": "厦门马拉松 · 加油！", "en": "Xiamen Marathon · Go go go!"}


def test_banners_stand_take_turns_follow_the_language_and_go(offscreen_base):
    overlay = NodePath("overlay")
    make_anchors(overlay, 16 / 9)
    banner = EventBanner(overlay, "zh")
    try:
        assert not banner.shown and visible_texts(overlay) == []
        banner.set_banners([FESTIVAL, MARATHON])
        assert visible_texts(overlay) == [FESTIVAL["zh"]]
        banner.advance(TURN_S - 0.5)
        assert banner.text == FESTIVAL["zh"]  # it stands: no fading like a toast
        banner.advance(1.0)
        assert visible_texts(overlay) == [MARATHON["zh"]]
        banner.set_language("en")
        assert visible_texts(overlay) == [MARATHON["en"]]
        banner.advance(TURN_S)
        assert banner.text == FESTIVAL["en"]
        banner.set_banners([MARATHON])
        banner.advance(10 * TURN_S)
        assert visible_texts(overlay) == [MARATHON["en"]]
        banner.set_banners([])  # the event is over
        assert not banner.shown and visible_texts(overlay) == []
    finally:
        banner.destroy()
        overlay.remove_node()
