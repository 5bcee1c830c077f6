"""A kiosk running across an event's first Beijing midnight dresses itself in its window, without
a restart: `play --clock-from` starts the calendar ten seconds before the islet fair."""
from __future__ import annotations


from tests.conftest import DATA
from tests.test_play_window import Player, _changed, display, pytestmark  # noqa: F401  (fixture, skip mark)


def test_the_overlay_appears_in_the_window_when_the_clock_passes_its_start(display, tmp_path):  # noqa: F811
    player = Player(display, tmp_path, "--scenes", str(DATA / "scenes"), "--clock-from", "2026-11-09T23:59:50")
    try:
        player.wait_for("scene\tislet")
        assert player.wait_for("events\t", timeout=30) == "events\t-"
        player.wait_for_frames()
        before = player.screen()
        assert player.wait_for("events\t", timeout=60) == "events\tislet_fair"
        player.wait_for_frames()
        after = player.screen()
        assert _changed(before, after) > 0.3, "the fair's evening light and props did not reach the window"
        assert after.astype(float).mean() < before.astype(float).mean(), "not darker at the evening hour"
        assert player.proc.poll() is None  # the same process: no restart
        player.xdotool("key", "F12")  # the visible texts: the fair's banner stands at the top
        assert "小岛集市" in player.wait_for("texts\t", timeout=20)
    finally:
        player.close()
