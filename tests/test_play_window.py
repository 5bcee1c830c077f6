"""`play` in a real window under Xvfb, driven like a person: tap a pin, drag to turn.

Needs Xvfb and xdotool (`make test` installs them on Debian when run as root)."""
from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from engine.world.plan.anchors import marker_anchor
from tests.conftest import ISLET, ROOT
from engine.ui.question_panel import option_centres
from engine.ui.tour_controls import button_centre
from tests import xvfb
from tests.screen import expected_screen_point

pytestmark = pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")),
                                reason="needs Xvfb and xdotool")
SIZE = (640, 360)


@pytest.fixture(scope="module")
def display():
    started = xvfb.displayfd_xvfb()
    if started is None:
        pytest.fail("could not start a working Xvfb")
    proc, name = started
    yield name
    xvfb.stop(proc)


class Player:
    """A `play` process whose stdout lines are read in the background."""

    def __init__(self, display: str, tmp_path: Path, *args: str):
        env = {**os.environ, "DISPLAY": display}
        self.display = display
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "run_tour.py"), "play", str(ISLET),
                                      "--size", f"{SIZE[0]}x{SIZE[1]}", "--data", str(tmp_path), *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, prefix: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise AssertionError(f"play exited with {self.proc.returncode}: {self.proc.stderr.read()}") from None
                continue
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting with {prefix!r} within {timeout} s")

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, env={**os.environ, "DISPLAY": self.display})

    def tap(self, x: int, y: int) -> None:
        """Move there, let a frame see the pointer over it (buttons need that), then click.
        No --sync: when the pointer is already there, xdotool would wait for a move that never comes."""
        self.xdotool("mousemove", str(x), str(y))
        time.sleep(0.3)
        self.xdotool("click", "1")

    def screen(self) -> np.ndarray:
        from PIL import ImageGrab
        time.sleep(0.6)  # a few frames, so what we grab is what the last input produced
        return np.asarray(ImageGrab.grab(xdisplay=self.display).convert("RGB"))[: SIZE[1], : SIZE[0]]

    def wait_for_frames(self, timeout: float = 30.0) -> None:
        """Until the window shows a settled scene: two grabs alike and not blank."""
        deadline = time.monotonic() + timeout
        last = self.screen()
        while time.monotonic() < deadline:
            now = self.screen()
            if now.std() > 10 and _changed(last, now) < 0.002:
                return
            last = now
        raise AssertionError(f"the window did not settle within {timeout} s")

    def close(self) -> None:
        """SIGTERM, as a supervisor sends it: the visit must end by itself (a loaded machine may
        take a while to finish its frame and close the store)."""
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
            raise AssertionError("play did not end within 30 s of SIGTERM") from None


def _changed(a: np.ndarray, b: np.ndarray) -> float:
    """The share of pixels that visibly changed between two screens."""
    return float((np.abs(a.astype(int) - b.astype(int)).sum(axis=2) > 30).mean())


def _pin_on_screen(open_view, poi_id: str) -> tuple[float, float]:
    """Where a POI's pin is in the window at the islet's default view, worked out independently."""
    view = open_view(ISLET)
    poi = next(p for p in view.built.manifest.pois if p.id == poi_id)
    anchor = marker_anchor(poi, view.built.projection, view.built.ground)
    eye = view.rig.eye.get_pos(view.base.render)
    return expected_screen_point(eye, view.rig.heading, view.rig.pitch, view.default_view().fov_deg, *SIZE, anchor)


def test_tapping_a_pin_opens_its_card_and_dragging_turns_the_view(display, tmp_path, open_view):
    x, y = _pin_on_screen(open_view, "chapel")

    player = Player(display, tmp_path, "--lang", "en")
    try:
        player.wait_for("scene\tislet")
        before = player.screen()
        # the card's panel, hanging from the top right corner: x 0.74-0.99 and y 0.13-0.29 of the window
        # for the chapel's short text (inside its border)
        card_region = (slice(int(SIZE[1] * 0.15), int(SIZE[1] * 0.27)), slice(int(SIZE[0] * 0.76), int(SIZE[0] * 0.97)))
        player.wait_for_frames()  # on a loaded machine the first frames (and the pins' tap size) come late
        player.tap(round(x), round(y))
        assert player.wait_for("poi\t", timeout=20) == "poi\tchapel\tChapel"
        # the islet's game: tapping the chapel's pin stamps it, saved in the visitor database
        assert player.wait_for("game\tstamp", timeout=20) == "game\tstamp\tstamp_chapel"
        import sqlite3
        with sqlite3.connect(tmp_path / "ludao.db") as db:
            saved = {row[0] for row in db.execute("SELECT item FROM progress WHERE kind = 'stamp'")}
        assert saved == {"stamp_chapel"}
        with_card = player.screen()
        # the card is a dark panel, with light text on it
        region = with_card[card_region].astype(int)
        assert (region.sum(axis=2) < 150).mean() > 0.5, "no dark card panel where the card should be"
        assert (region.min(axis=2) > 180).mean() > 0.005, "no text on the card"
        assert np.abs(before[card_region].astype(int) - region).mean() > 30

        player.xdotool("key", "Escape")
        start = player.screen()
        assert _changed(start, player.screen()) < 0.002, "the picture changes with no input"
        player.xdotool("mousemove", "--sync", "100", "150", "mousedown", "1")
        for step in range(1, 6):
            time.sleep(0.1)
            player.xdotool("mousemove", "--sync", str(100 + step * 40), "150")
        player.xdotool("mouseup", "1")
        turned = player.screen()
        assert _changed(start, turned) > 0.05, "dragging did not turn the view"
    finally:
        player.close()


def test_play_without_a_display_says_what_to_do(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "play", "gulangyu", "--data", str(tmp_path)],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 3
    assert "no display" in result.stderr and "render" in result.stderr
    assert "Traceback" not in result.stderr


def _aspect2d_to_pixels(x: float, z: float) -> tuple[int, int]:
    """A point in Panda3D's aspect2d (x across +-aspect, z up +-1) in window pixels."""
    aspect = SIZE[0] / SIZE[1]
    return round((x / aspect + 1) / 2 * SIZE[0]), round((1 - z) / 2 * SIZE[1])


def _log_events(path):
    import json
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _wait_for_event(path, predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [e for e in _log_events(path) if predicate(e)]
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no such event in {path.name} within {timeout} s")


def test_a_guided_tour_in_a_window_shows_subtitles_and_obeys_its_buttons(display, tmp_path):
    from tests.conftest import DATA
    log = tmp_path / "tour.jsonl"
    player = Player(display, tmp_path, "--tour", "islet-basics", "--lang", "en", "--log", str(log),
                    "--scripts", str(DATA / "tours"), "--scenes", str(DATA / "scenes"))
    try:
        player.wait_for("scene\tislet")
        _wait_for_event(log, lambda e: e["type"] == "narrate" and e["id"] == "welcome_line", timeout=40)
        shot = player.screen().astype(int)
        band = shot[int(SIZE[1] * 0.82):int(SIZE[1] * 0.9), int(SIZE[0] * 0.2):int(SIZE[0] * 0.8)]
        assert (band.sum(axis=2) < 200).mean() > 0.4, "no subtitle band"
        assert (band.min(axis=2) > 170).mean() > 0.005, "no subtitle text"
        skip = _aspect2d_to_pixels(*button_centre("skip", SIZE[0] / SIZE[1]))
        for _ in range(8):  # skip step by step up to the question, one click per step begun
            started = [e["step"] for e in _log_events(log) if e["type"] == "step_start"]
            if started[-1] == "quiz":
                break
            player.tap(*skip)
            deadline = time.monotonic() + 10
            while len([e for e in _log_events(log) if e["type"] == "step_start"]) == len(started):
                assert time.monotonic() < deadline, "Skip did not start the next step"
                time.sleep(0.1)
        _wait_for_event(log, lambda e: e["type"] == "question", timeout=10)
        red = _aspect2d_to_pixels(0.0, option_centres("What colour is the chapel?", 2)[1])  # the second option
        player.tap(*red)
        choice = _wait_for_event(log, lambda e: e["type"] == "choice", timeout=10)
        assert (choice["option"], choice["by"]) == ("red", "visitor")
        _wait_for_event(log, lambda e: e["type"] == "narrate" and e["id"] == "wrong_line", timeout=10)
        assert any(e["type"] == "skip" for e in _log_events(log))
    finally:
        player.close()


def test_a_window_tour_can_start_at_a_later_step(display, tmp_path):
    from tests.conftest import DATA
    log = tmp_path / "tour.jsonl"
    player = Player(display, tmp_path, "--tour", "islet-basics", "--lang", "en", "--log", str(log),
                    "--scripts", str(DATA / "tours"), "--scenes", str(DATA / "scenes"), "--from", "chapel_visit")
    try:
        player.wait_for("scene\tislet")
        started = _wait_for_event(log, lambda e: e["type"] == "step_start" and e["step"] == "chapel_visit", timeout=20)
        # the earlier steps' simulated time: the quiz timed out and said its answer ("Time's up: ...", 3 s)
        assert started["t"] == pytest.approx(59.0, abs=0.2)
        card = _wait_for_event(log, lambda e: e["type"] == "card", timeout=20)
        assert card["poi"] == "chapel"
    finally:
        player.close()


def test_tapping_a_pin_asks_its_quiz_on_touch_buttons(display, tmp_path, open_view):
    x, y = _pin_on_screen(open_view, "summit")
    player = Player(display, tmp_path, "--lang", "en")
    try:
        player.wait_for("scene\tislet")
        player.tap(round(x), round(y))
        assert player.wait_for("quiz\t", timeout=20) == "quiz\tquiz_hill"
        first = option_centres("How high is the islet's hill?", 2)[0]
        player.tap(*_aspect2d_to_pixels(0.0, first))  # the first option: 40 m, the right one
        assert player.wait_for("game\tquiz_result", timeout=20) == "game\tquiz_result\tquiz_hill"
        import sqlite3
        with sqlite3.connect(tmp_path / "ludao.db") as db:
            score = db.execute("SELECT score FROM sessions").fetchone()[0]
        assert score == 10 + 20  # the summit's stamp (tapped) and the quiz
    finally:
        player.close()


def test_one_language_switch_reaches_every_visible_text_in_a_window(display, tmp_path):
    """L mid-tour with the game and its passport open: the question, toast, passport, its button,
    the tour's controls and the HUD all change language (before, only the HUD and the card did)."""
    import json

    from tests.conftest import DATA
    log = tmp_path / "tour.jsonl"
    player = Player(display, tmp_path, "--tour", "islet-basics", "--lang", "zh", "--log", str(log),
                    "--scripts", str(DATA / "tours"), "--scenes", str(DATA / "scenes"), "--from", "quiz")
    try:
        player.wait_for("scene\tislet")
        # the earlier steps, fast-forwarded, flew past the summit: its stamp's toast shows for 4 s
        assert player.wait_for("game\tstamp", timeout=30) == "game\tstamp\tstamp_summit"
        player.tap(*_aspect2d_to_pixels(SIZE[0] / SIZE[1] - 0.24, 0.9))  # the passport's button, top right
        player.xdotool("key", "F12")
        before = json.loads(player.wait_for("texts\t", timeout=10).split("\t", 1)[1])
        zh_screen = player.screen()
        player.xdotool("key", "l")
        assert player.wait_for("lang\t", timeout=10) == "lang\ten"
        player.xdotool("key", "F12")
        after = json.loads(player.wait_for("texts\t", timeout=10).split("\t", 1)[1])
        en_screen = player.screen()
    finally:
        player.close()
    assert player.proc.returncode == 0, "SIGTERM did not end the visit through its clean-up"
    assert _log_events(log)[-1]["type"] != "tour_start"  # every line whole (json.loads would fail)
    for text in ("小教堂是什么颜色？", "获得印章：山顶印章 +10", "游览护照 10", "得分 10", "暂停", "环绕"):
        assert text in before, text
    assert [t for t in after if any("\u4e00" <= ch <= "\u9fff" for ch in t)] == [], after
    for text in ("What colour is the chapel?", "White", "Red",  # the tour's question
                 "Stamp: Summit stamp +10",                     # the toast
                 "Passport · Islet", "Score 10", "✓ Summit stamp", "Badges: none yet",  # the passport
                 "Passport 10",                                 # its button
                 "Pause", "Back", "Skip", "Explore",            # the tour's controls
                 "Orbit", "Next view"):                         # the HUD
        assert text in after, text
    assert len(after) == len(before)
    # and on the screen: the passport's button and the tour's controls were redrawn in English
    for name, (left, top), (right, bottom) in (("passport button", (1.32, 0.94), (1.68, 0.86)),
                                               ("tour controls", (0.40, -0.87), (1.78, -0.97))):
        (x0, y0), (x1, y1) = _aspect2d_to_pixels(left, top), _aspect2d_to_pixels(right, bottom)
        region = (slice(y0, y1), slice(x0, x1))
        assert _changed(zh_screen[region], en_screen[region]) > 0.02, name


def test_stereo_mode_shows_both_eyes_side_by_side_and_a_tap_in_either_half_picks(display, tmp_path, open_view):
    view = open_view(ISLET)
    poi = next(p for p in view.built.manifest.pois if p.id == "chapel")
    anchor = marker_anchor(poi, view.built.projection, view.built.ground)
    eye = view.rig.eye.get_pos(view.base.render)
    half = SIZE[0] // 2  # each eye gets half the window, at the view's vertical FOV
    x, y = expected_screen_point(eye, view.rig.heading, view.rig.pitch, view.default_view().fov_deg, half, SIZE[1],
                                 anchor)
    player = Player(display, tmp_path, "--lang", "en", "--mode", "stereo")
    try:
        player.wait_for("scene\tislet")
        player.wait_for_frames()
        band = player.screen()[int(SIZE[1] * 0.15):int(SIZE[1] * 0.85)]  # the scene, between the HUD's rows
        left, right = band[:, :half], band[:, half:]
        assert left.std() > 10 and _changed(left, right) < 0.03, "the halves are not the same view from two eyes"
        player.tap(round(x) + half, round(y))  # the pin as the right eye sees it
        assert player.wait_for("poi\t", timeout=20) == "poi\tchapel\tChapel"
    finally:
        player.close()
