"""The kiosk's flow on an offscreen display and a test clock: ninety idle seconds pass in no time."""
from __future__ import annotations

import io
import time
import sqlite3

from engine.display.offscreen import OffscreenDisplay
from engine.kiosk.config import load_kiosk
from engine.kiosk.flow import KioskFlow
from engine.kiosk.run import game_maker, scene_cards
from engine.overlays.calendar import preview_moment
from engine.play.protocol import VisitLines
from engine.settings import Settings
from engine.store import Store
from engine.store.timestamps import system_clock
from engine.ui.visible_text import visible_texts
from engine.world.library import get_scene
from engine.world.plan.anchors import marker_anchor
from tests.conftest import DATA

CONFIG = """\
scenes: [islet]
operator:
  salt: a401a8348b2104f1497fe8ad7a78a4f7
  pin_sha256: 2538a8afc55c78659d06b942abe88cd0a0cd46f809b6d95d3b98ea5942d53e74
"""


def _tap_pin(session, poi_id: str) -> None:
    view = session.view
    poi = next(p for p in view.built.manifest.pois if p.id == poi_id)
    x, y = view.project(marker_anchor(poi, view.built.projection, view.built.ground))
    width, height = session.display.size
    session.tap(x / width * 2 - 1, 1 - y / height * 2)


def test_walking_away_ends_the_visit_on_the_injected_clock(open_view, offscreen_base, scene_cache, tmp_path):
    open_view.release()  # the shared base shows one scene at a time
    kiosk = Kiosk(offscreen_base, scene_cache, tmp_path,
                  cards=lambda settings, scenes: scene_cards(settings, scenes, preview_moment("2024-07-01")))
    flow, display, now = kiosk.flow, kiosk.display, kiosk.now

    def touch() -> None:
        """A finger down and up, as the window's events (the flow listens to every one)."""
        offscreen_base.messenger.send("mouse1")
        offscreen_base.messenger.send("mouse1-up")

    def at(seconds: float) -> None:
        now[0] = seconds
        display.step()

    try:
        assert flow.state == "attract" and sorted(visible_texts(display.overlay)) == ["Touch to start", "触摸屏幕开始"]
        at(20)  # the loop flies on by itself
        touch()  # anywhere
        assert flow.state == "start"
        flow.choose_language("en")
        flow.start_visit("islet")
        assert flow.state == "visit"
        at(21)
        touch()
        _tap_pin(flow.session, "chapel")
        at(21 + 89.9)
        assert flow.prompt is None  # not quite 90 s untouched
        at(21 + 90.5)
        assert "Still there?" in visible_texts(display.overlay) and "30" in visible_texts(display.overlay)
        at(21 + 100.2)
        assert "20" in visible_texts(display.overlay)  # the countdown, counting
        touch()  # keeps the visit
        at(21 + 101)
        assert flow.prompt is None and flow.state == "visit"
        at(21 + 100 + 90 + 30 + 1)  # walked away for good
        assert flow.state == "attract" and flow.session is None
        texts = visible_texts(display.overlay)
    finally:
        kiosk.close()
    assert sorted(texts) == ["Touch to start", "触摸屏幕开始"]  # nothing of the visit on screen
    lines = kiosk.lines()
    assert "poi\tchapel\tChapel" in lines and "kiosk\tprompt\t30" in lines and "kiosk\tstay" in lines
    assert lines.index("kiosk\tend\tidle") < lines.index("reset") < len(lines) - 1
    with sqlite3.connect(tmp_path / "ludao.db") as db:  # ... and the visit's progress kept
        assert [r[0] for r in db.execute("SELECT item FROM progress WHERE kind = 'stamp'")] == ["stamp_chapel"]


class Kiosk:
    """A kiosk flow on the shared offscreen base with the islet, a test clock (`now[0]`), its stdout
    lines in `out` and a visitor database in tmp_path (or no game with `game=False`); cards(settings,
    scenes) makes the start screen's cards (default: none)."""

    def __init__(self, offscreen_base, scene_cache, tmp_path, *, more_config: str = "", game: bool = True,
                 cards=None):
        (tmp_path / "kiosk.yaml").write_text(CONFIG + more_config, encoding="utf-8")
        kiosk, _ = load_kiosk(tmp_path / "kiosk.yaml", DATA / "scenes")
        settings = Settings(scenes_dir=DATA / "scenes", data_dir=tmp_path)
        self.store = Store(tmp_path / "ludao.db", clock=system_clock) if game else None
        self.out = io.StringIO()
        self.now = [0.0]
        self.display = OffscreenDisplay(offscreen_base)

        def load(scene_id: str):
            return get_scene(kiosk.scenes[scene_id], offscreen_base.loader, scene_cache)[0], None

        self.flow = KioskFlow(self.display, settings, kiosk, lines=VisitLines(self.out), load_scene=load,
                              make_game=game_maker(settings, kiosk, self.store) if game else lambda *args: None,
                              scene_cards=lambda: cards(settings, kiosk.scenes) if cards else [],
                              status_lines=lambda: [], clock=lambda: self.now[0])

    def lines(self) -> list[str]:
        return self.out.getvalue().splitlines()

    def close(self) -> None:
        self.flow.close()
        if self.store is not None:
            self.store.close()


def press(button) -> None:
    """A button's click as DirectGui delivers it (its command with its extra arguments)."""
    button.commandFunc(None)


def test_the_end_of_a_visit_shows_the_postcard_takes_a_name_prints_and_leaves_nothing(
        open_view, offscreen_base, scene_cache, tmp_path, monkeypatch):
    """Finish -> the postcard (its QR code verifies), the passport, a suggested name on the
    leaderboard, the postcard printed to a real cups-pdf queue; Done -> the attract loop, nothing kept
    on screen but the database row and the postcard file."""
    from engine.kiosk.nicknames import suggested_names
    from engine.souvenir.certificate import VerifyStatus, verify
    from engine.souvenir.keys import Keyring
    from engine.souvenir.postcard import read_certificate_from_png
    from tests.cups_server import CupsServer
    open_view.release()
    with CupsServer() as cups:
        monkeypatch.setenv("CUPS_SERVER", cups.env["CUPS_SERVER"])
        kiosk = Kiosk(offscreen_base, scene_cache, tmp_path, more_config=f"printer: {{queue: {cups.queue}}}\n")
        flow, display, out, now = kiosk.flow, kiosk.display, kiosk.out, kiosk.now
        try:
            offscreen_base.messenger.send("mouse1")
            flow.choose_language("en")
            flow.start_visit("islet")
            _tap_pin(flow.session, "chapel")
            display.step()
            press(flow.session.hud.buttons["finish"])
            assert flow.state == "end" and flow.session is None
            texts = visible_texts(display.overlay)
            assert "Thank you for visiting!" in texts and "Stamps 1 of " in " ".join(texts)
            assert "Making your postcard…" in texts  # drawn on a worker: the frame loop goes on
            deadline = time.monotonic() + 60
            while flow.ending.writing is not None and time.monotonic() < deadline:
                time.sleep(0.02)  # the worker draws in real time
                now[0] += 0.05
                display.step()
            assert "Making your postcard…" not in visible_texts(display.overlay)
            assert "Scan the QR code with your phone to verify this postcard later" in visible_texts(display.overlay)
            postcard = tmp_path / "souvenirs"
            (card,) = list(postcard.glob("*/postcard.png"))
            assert verify(read_certificate_from_png(card), Keyring(tmp_path)).status is VerifyStatus.GENUINE  # its QR code
            ending = flow.ending
            press(ending.screen.buttons["passport"])
            assert any(t.startswith("Passport") for t in visible_texts(display.overlay))
            ending.passport.hide()
            press(ending.screen.buttons["leaderboard"])
            name = suggested_names(ending.game.session.id)[0]
            for key in "BAD\u200bNAME":  # a hardware-free keyboard; an invisible character never gets typed
                if key in ending.picker.buttons:
                    press(ending.picker.buttons[key])
            assert ending.picker.typed == "BADNAME"
            press(ending.picker.buttons[f"name:{name}"])  # ... but the visitor takes a suggestion
            assert ending.picker is None and f"On the leaderboard as {name}" in visible_texts(display.overlay)
            press(ending.screen.buttons["print"])
            assert "print" not in ending.screen.buttons  # one print a visit
            for _ in range(600):  # lp answers on its worker thread; the frame loop picks it up
                now[0] += 0.05
                display.step()
                if "printed" in out.getvalue() or "print_failed" in out.getvalue():
                    break
            assert "Your postcard is printing: collect it at the printer." in visible_texts(display.overlay)
            (pdf,) = cups.wait_for_pdf()
            assert pdf.read_bytes().startswith(b"%PDF")
            press(ending.screen.buttons["done"])
            assert flow.state == "attract" and flow.ending is None
            texts = visible_texts(display.overlay)
        finally:
            kiosk.close()
    assert sorted(texts) == ["Touch to start", "触摸屏幕开始"]
    with sqlite3.connect(tmp_path / "ludao.db") as db:
        assert [r[0] for r in db.execute("SELECT nickname FROM leaderboard")] == [name]
    lines = out.getvalue().splitlines()
    assert "kiosk\tfinish" in lines and f"kiosk\tnamed\t{name}" in lines and "kiosk\tend\tfinished" in lines


def test_a_touch_screen_zooms_with_its_buttons(open_view, offscreen_base, scene_cache, tmp_path):
    """A Linux touch screen reaches Panda3D as one pointer (no pinch): the kiosk's + and – zoom."""
    open_view.release()
    kiosk = Kiosk(offscreen_base, scene_cache, tmp_path, game=False)
    try:
        kiosk.flow.start_visit("islet")
        session = kiosk.flow.session
        distance = lambda: (session.nav.rig.position - session.nav.pivot).length()  # noqa: E731
        start = distance()
        press(session.hud.buttons["zoom_in"])
        closer = distance()
        press(session.hud.buttons["zoom_out"])
        press(session.hud.buttons["zoom_out"])
        assert closer < start < distance()
    finally:
        kiosk.close()


def test_the_large_text_switch_lasts_one_visit(open_view, offscreen_base, scene_cache, tmp_path):
    """Turned on at the start screen: the visit's card text is larger; the next visitor starts usual."""
    from engine.ui.kiosk_screens import CHOSEN
    from engine.ui.screen_layout import CARD_BODY
    from engine.ui.text_size import large_text
    open_view.release()
    kiosk = Kiosk(offscreen_base, scene_cache, tmp_path, game=False)
    flow, display = kiosk.flow, kiosk.display
    try:
        offscreen_base.messenger.send("mouse1")
        press(flow.start_screen.buttons["large_text"])
        assert flow.large_text and large_text(display.overlay)
        assert tuple(flow.start_screen.buttons["large_text"]["frameColor"]) == CHOSEN  # shown on
        flow.start_visit("islet")
        flow.session.open_poi("chapel")
        assert flow.session.card.body.getTextScale()[0] > CARD_BODY.scale
        flow.end_visit("idle")
        assert not large_text(display.overlay) and not flow.large_text
        offscreen_base.messenger.send("mouse1")
        flow.start_visit("islet")
        flow.session.open_poi("chapel")
        assert flow.session.card.body.getTextScale()[0] == CARD_BODY.scale
    finally:
        kiosk.close()
    assert "kiosk\tlarge_text\ton" in kiosk.lines()


def test_a_locked_database_is_told_kindly_and_nothing_is_shown_as_won(open_view, offscreen_base, scene_cache,
                                                                      tmp_path):
    """Another process holds the database past the store's patience (SQLite's 'database is locked';
    a full disk raises through the same path): a toast, no crash, no stamp shown or saved; once the
    store can write again, the next tap saves and shows it. A visit that starts while it is locked
    goes on without its game."""
    open_view.release()
    kiosk = Kiosk(offscreen_base, scene_cache, tmp_path)
    kiosk.store._db.execute("PRAGMA busy_timeout = 100")  # the test's patience, not the kiosk's 5 s
    flow, display = kiosk.flow, kiosk.display
    unsaved = "Stamps and points can't be saved just now; try again in a moment."
    other = sqlite3.connect(tmp_path / "ludao.db", isolation_level=None)
    try:
        flow.choose_language("en")
        flow.start_visit("islet")
        other.execute("BEGIN EXCLUSIVE")
        _tap_pin(flow.session, "chapel")
        texts = visible_texts(display.overlay)
        assert unsaved in texts and not any(t.startswith("Stamp:") for t in texts)
        assert flow.session.game.progress.stamps == set() and flow.state == "visit"
        other.execute("ROLLBACK")
        flow.session.close_card()
        _tap_pin(flow.session, "chapel")  # the store writes again
        assert flow.session.game.progress.stamps == {"stamp_chapel"}
        assert any(t.startswith("Stamp:") for t in visible_texts(display.overlay))
        flow.end_visit("idle")
        other.execute("BEGIN EXCLUSIVE")
        flow.start_visit("islet")  # no session can be started: the visit, without stamps
        assert flow.state == "visit" and flow.session.game is None
        other.execute("ROLLBACK")
    finally:
        other.close()
        kiosk.close()
    assert "store\tunsaved" in kiosk.lines()
    with sqlite3.connect(tmp_path / "ludao.db") as db:
        assert [r[0] for r in db.execute("SELECT item FROM progress WHERE kind = 'stamp'")] == ["stamp_chapel"]
