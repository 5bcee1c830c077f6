"""`kiosk` in a real window under Xvfb, driven by real input events (xdotool) as a visitor and an
operator would: the attract loop, the start screen, a visit, walking away, the PIN pad.

The idle times are small (kiosk.yaml below), so a walk-away takes seconds; the clock is the
display's frame time."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
import queue

import pytest

from engine.ui.pin_pad import key_centre
from tests import test_play_window as window
from tests import xvfb
from tests.conftest import DATA, ROOT
from tests.test_play_window import SIZE, _aspect2d_to_pixels, _pin_on_screen

pytestmark = window.pytestmark  # Xvfb and xdotool


@pytest.fixture(scope="module")
def display():
    """An Xvfb of this module's own, on a free display of :72-:79 (a fixed range, so it never races
    another test run's -displayfd for the same number)."""
    started = xvfb.fixed_range_xvfb(range(72, 80))
    if started is None:
        pytest.fail("no free display in :72-:79 for Xvfb")
    proc, name = started
    yield name
    xvfb.stop(proc)


IDLE_S, COUNTDOWN_S = 8, 3
CONFIG = f"""\
scenes: [islet]
idle_s: {IDLE_S}
countdown_s: {COUNTDOWN_S}
attract: {{seconds_per_view: 3}}
operator:
  corner: top_left
  hold_s: 1.5
  # PIN 2468
  salt: a401a8348b2104f1497fe8ad7a78a4f7
  pin_sha256: 2538a8afc55c78659d06b942abe88cd0a0cd46f809b6d95d3b98ea5942d53e74
"""
ASPECT = SIZE[0] / SIZE[1]


class Kiosk:
    """A `kiosk` process whose stdout lines are read in the background."""

    def __init__(self, display_name: str, tmp_path):
        config = tmp_path / "kiosk.yaml"
        config.write_text(CONFIG, encoding="utf-8")
        self.display = display_name
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "run_tour.py"), "kiosk", "--config", str(config), "--windowed",
             "--size", f"{SIZE[0]}x{SIZE[1]}", "--data", str(tmp_path), "--scenes", str(DATA / "scenes"), "--mute"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "DISPLAY": display_name}, cwd=ROOT)
        self.lines: queue.Queue[str] = queue.Queue()
        self.backlog: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, prefix: str, timeout: float = 60.0) -> str:
        """The next line starting with `prefix`; lines of other kinds stay for their own wait_for."""
        deadline = time.monotonic() + timeout
        while True:
            for i, line in enumerate(self.backlog):
                if line.startswith(prefix):
                    return self.backlog.pop(i)
            if time.monotonic() >= deadline:
                raise AssertionError(f"no line starting with {prefix!r} within {timeout} s")
            try:
                self.backlog.append(self.lines.get(timeout=0.2))
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise AssertionError(f"kiosk exited with {self.proc.returncode}: {self.proc.stderr.read()}") from None

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, env={**os.environ, "DISPLAY": self.display})

    def tap(self, x: int, y: int) -> None:
        self.xdotool("mousemove", str(x), str(y))
        time.sleep(0.3)
        self.xdotool("click", "1")

    def tap_at(self, x: float, z: float) -> None:
        """Tap a point given in aspect2d units (a widget's centre)."""
        self.tap(*_aspect2d_to_pixels(x, z))

    def texts(self) -> list[str]:
        """Every visible text (F12 asks; keys reach the window only with the pointer in it)."""
        self.xdotool("mousemove", str(SIZE[0] - 20), str(SIZE[1] // 2))
        time.sleep(0.2)
        for attempt in range(3):  # on a loaded machine a key now and then misses the window: ask again
            self.xdotool("key", "F12")
            try:
                return json.loads(self.wait_for("texts\t", timeout=8).split("\t", 1)[1])
            except AssertionError:
                if attempt == 2 or self.proc.poll() is not None:
                    raise

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
                raise AssertionError("kiosk did not end within 30 s of SIGTERM") from None


def test_a_visit_at_the_kiosk_from_the_attract_loop_and_back(display, tmp_path, open_view):
    pin = _pin_on_screen(open_view, "chapel")
    kiosk = Kiosk(display, tmp_path)
    try:
        assert kiosk.wait_for("kiosk\t") == "kiosk\tattract\tislet"
        assert sorted(kiosk.texts()) == ["Touch to start", "触摸屏幕开始"]
        time.sleep(1.0)
        kiosk.tap(SIZE[0] // 2, SIZE[1] // 2)  # any touch: the start screen
        assert kiosk.wait_for("kiosk\t", timeout=20) == "kiosk\tstart\tzh"
        start = kiosk.texts()
        assert {"中文", "English", "小岛", "选择一个景点开始参观"} <= set(start), start
        kiosk.tap_at(ASPECT - 0.36, 0.78)  # English, the rightmost language button
        assert kiosk.wait_for("lang\t", timeout=10) == "lang\ten"
        assert "Choose a place to start your visit" in kiosk.texts()
        kiosk.tap_at(0.0, -0.12)  # the islet's card, the only one
        assert kiosk.wait_for("kiosk\tvisit", timeout=30) == "kiosk\tvisit\tislet\ten"
        time.sleep(1.5)  # the scene's first frames
        kiosk.tap(round(pin[0]), round(pin[1]))
        assert kiosk.wait_for("poi\t", timeout=20) == "poi\tchapel\tChapel"
        assert kiosk.wait_for("game\tstamp", timeout=20) == "game\tstamp\tstamp_chapel"
        visit = kiosk.texts()
        assert "Chapel" in visit and "中文" in visit  # the card, and the language button of the visit
        assert "Drag to turn · + and – to zoom · tap a pin for its story" in visit
        kiosk.tap_at(-ASPECT + 0.16 + 4 * 0.3, -0.92)  # the language button, the last of the HUD's bottom row
        assert kiosk.wait_for("lang\t", timeout=10) == "lang\tzh"
        switched = kiosk.texts()
        assert "拖动旋转 · 按 + – 缩放 · 点击标记查看介绍" in switched and "小教堂" in switched and "English" in switched
        # walk away: the prompt with its countdown, then the attract loop
        prompt = kiosk.wait_for("kiosk\t", timeout=IDLE_S + 20)
        assert prompt.startswith("kiosk\tprompt\t"), prompt
        assert "还在吗？" in kiosk.texts()
        assert kiosk.wait_for("kiosk\t", timeout=COUNTDOWN_S + 20) == "kiosk\tend\tidle"
        assert kiosk.wait_for("kiosk\t", timeout=20) == "kiosk\tattract\tislet"
        after = kiosk.texts()
    finally:
        kiosk.close()
    # nothing of the visit on screen: the caption only, in the kiosk's languages
    assert sorted(after) == ["Touch to start", "触摸屏幕开始"], after
    with sqlite3.connect(tmp_path / "ludao.db") as db:  # ... and its progress kept
        saved = {row[0] for row in db.execute("SELECT item FROM progress WHERE kind = 'stamp'")}
        visits = db.execute("SELECT lang, score FROM sessions").fetchall()
    assert saved == {"stamp_chapel"}
    assert visits == [("en", 10)]


def test_the_end_of_a_visit_on_screen_with_a_name_typed_on_the_screen(display, tmp_path, open_view):
    """Finish: the postcard on screen; a name typed on the on-screen keyboard joins the leaderboard;
    Done: back to the attract loop."""
    from engine.ui.nickname_picker import key_centre as letter_centre
    from engine.ui.visit_end import Columns
    pin = _pin_on_screen(open_view, "chapel")
    kiosk = Kiosk(display, tmp_path)
    try:
        kiosk.wait_for("kiosk\tattract")
        time.sleep(1.0)
        kiosk.tap(SIZE[0] // 2, SIZE[1] // 2)
        kiosk.wait_for("kiosk\tstart", timeout=20)
        kiosk.tap_at(0.0, -0.12)  # the islet's card
        kiosk.wait_for("kiosk\tvisit", timeout=30)
        time.sleep(1.5)
        kiosk.tap(round(pin[0]), round(pin[1]))
        kiosk.wait_for("game\tstamp", timeout=20)
        kiosk.tap_at(-ASPECT + 0.16 + 5 * 0.3, -0.92)  # Finish, after the language button
        postcard = kiosk.wait_for("kiosk\tpostcard\t", timeout=30).split("\t")[2]
        assert "谢谢参观！" in kiosk.texts()
        columns = Columns(ASPECT)
        kiosk.tap_at(*columns.button_centre("leaderboard"))
        time.sleep(0.5)
        for key in ("E", "G", "R", "E", "T", "ok"):
            kiosk.tap_at(*letter_centre(key))
        assert kiosk.wait_for("kiosk\tnamed\t", timeout=20) == "kiosk\tnamed\tEGRET"
        assert "排行榜上的名字：EGRET" in kiosk.texts()
        kiosk.tap_at(*columns.button_centre("done"))
        assert kiosk.wait_for("kiosk\tend\t", timeout=20) == "kiosk\tend\tfinished"
        kiosk.wait_for("kiosk\tattract", timeout=20)
        after = kiosk.texts()
    finally:
        kiosk.close()
    assert sorted(after) == ["Touch to start", "触摸屏幕开始"], after
    assert postcard.startswith(str(tmp_path)) and os.path.getsize(postcard) > 10_000
    with sqlite3.connect(tmp_path / "ludao.db") as db:
        assert db.execute("SELECT nickname, score FROM leaderboard").fetchall() == [("EGRET", 10)]


def test_operator_exit_refused_without_the_pin(display, tmp_path):
    kiosk = Kiosk(display, tmp_path)
    try:
        kiosk.wait_for("kiosk\tattract")
        time.sleep(1.0)
        # hold the top left corner: the PIN pad
        kiosk.xdotool("mousemove", "3", "3")
        time.sleep(0.3)
        kiosk.xdotool("mousedown", "1")
        time.sleep(2.5)
        kiosk.xdotool("mouseup", "1")
        assert kiosk.wait_for("operator\t", timeout=20) == "operator\tpad"
        texts = kiosk.texts()
        assert "管理员密码 · Operator PIN" in texts and any(t.startswith("运行时间 Uptime") for t in texts), texts
        for key in ("1", "3", "5", "7", "ok"):  # a wrong PIN
            kiosk.tap_at(*key_centre(key))
        assert kiosk.wait_for("operator\t", timeout=10) == "operator\trefused"
        kiosk.tap_at(*key_centre("ok"))  # no PIN at all
        assert kiosk.wait_for("operator\t", timeout=10) == "operator\trefused"
        time.sleep(1.0)
        assert kiosk.proc.poll() is None, "the kiosk exited without the PIN"
        assert "密码错误 · Wrong PIN" in kiosk.texts()
        kiosk.tap_at(*key_centre("cancel"))  # the pad closes; the key combination opens it too
        time.sleep(0.5)
        assert "管理员密码 · Operator PIN" not in kiosk.texts()
        kiosk.xdotool("key", "ctrl+alt+o")
        assert kiosk.wait_for("operator\t", timeout=10) == "operator\tpad"
        for key in ("2", "4", "6", "8", "ok"):  # the right one
            kiosk.tap_at(*key_centre(key))
        assert kiosk.wait_for("operator\t", timeout=10) == "operator\texit"
        assert kiosk.proc.wait(30) == 0
    finally:
        kiosk.close()
