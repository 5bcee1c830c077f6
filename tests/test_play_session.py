"""The visit (engine.play.session) on the shared offscreen display: reset between visitors, one
language switch reaching every visible text, and closing what it opened."""
from __future__ import annotations

import io
import json

import numpy as np
import pytest

from engine.display.input_map import KEY_INTENTS, held_motion
from engine.display.offscreen import OffscreenDisplay
from engine.game.session import GameSession, game_for
from engine.play.protocol import VisitLines
from engine.play.session import PlaySession, TourRequest
from engine.world.library import get_scene
from engine.store import Store
from engine.store.errors import StoreError
from engine.store.timestamps import system_clock
from engine.tour.library import find_tour
from engine.world.plan.anchors import marker_anchor
from tests.conftest import DATA, ISLET


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def visit(open_view, offscreen_base, scene_cache, tmp_path):
    """visit(lang, tour=False, log=None) -> (PlaySession, its stdout lines, its store)."""
    open_view.release()  # the shared base shows one scene at a time
    made = []

    def _make(lang: str = "zh", *, tour: bool = False, log=None):
        built, _ = get_scene(ISLET, offscreen_base.loader, scene_cache)
        content = game_for(ISLET, ISLET.parent.parent)
        store = Store(tmp_path / "ludao.db", clock=system_clock)

        def new_game():
            return GameSession(content, built.manifest, built.ground, lang=lang, store=store)
        request = None
        if tour:
            found, path, _ = find_tour("islet-basics", DATA / "tours", DATA / "scenes")
            request = TourRequest(found, path, log)
        out = io.StringIO()
        session = PlaySession(OffscreenDisplay(offscreen_base), built, lang, tour=request, game=new_game(),
                              new_game=new_game, lines=VisitLines(out))
        made.append(session)
        return session, out, store

    yield _make
    for session in made:
        session.close()


def _tap_pin(session: PlaySession, poi_id: str) -> str | None:
    """Tap where the POI's pin is drawn, as a finger would."""
    view = session.view
    poi = next(p for p in view.built.manifest.pois if p.id == poi_id)
    x, y = view.project(marker_anchor(poi, view.built.projection, view.built.ground))
    width, height = session.display.size
    return session.tap(x / width * 2 - 1, 1 - y / height * 2)


def _changed_share(a: np.ndarray, b: np.ndarray) -> float:
    return float((np.abs(a.astype(int) - b.astype(int)).sum(axis=2) > 30).mean())


def test_reset_brings_the_visit_back_to_its_start(visit):
    session, out, _ = visit("zh")
    fresh = session.display.pixels()
    fresh_texts = sorted(session.visible_texts())
    fresh_pose = session.view.rig.position, session.view.rig.heading, session.view.rig.pitch

    assert _tap_pin(session, "summit") == "summit"  # card, stamp toast and the summit's quiz
    assert session.card.visible and session.game.hud.quiz is not None and session.game.hud.toasts.shown
    session.toggle_language()
    session.game.hud.toggle_passport()
    session.set_mode("fly")
    session.move(1, 0, 0, 1.0)
    session.next_view()
    assert session.game.progress.score == 10
    assert _changed_share(fresh, session.display.pixels()) > 0.2

    session.reset()
    hud = session.game.hud
    assert session.lang == "zh" and session.nav.mode == "orbit" and session.view_index == 0
    assert not session.card.visible and not hud.passport.visible and hud.quiz is None and hud.toasts.shown == []
    assert session.game.progress.score == 0  # the next visitor's game
    assert sorted(session.visible_texts()) == fresh_texts
    pos, heading, pitch = fresh_pose
    assert (session.view.rig.position - pos).length() < 1e-3
    assert session.view.rig.heading == pytest.approx(heading) and session.view.rig.pitch == pytest.approx(pitch)
    assert _changed_share(fresh, session.display.pixels()) < 0.002  # the turning gems may differ
    assert "lang\ten" in out.getvalue() and out.getvalue().splitlines()[-1] == "reset"


def test_one_language_switch_reaches_every_visible_text(visit, tmp_path):
    session, out, _ = visit("zh", tour=True, log=tmp_path / "tour.jsonl")
    runner = session.guided.runner
    while runner.state.t < 7.0:  # the welcome line is on screen
        session.guided.tick(0.25)
    session.game.poi_tapped("summit", ask_quiz=False)  # a stamp: a toast and a score on the button
    session.game.hud.toggle_passport()
    session.open_poi("chapel")
    before = session.visible_texts()
    assert "欢迎来到小岛。" in before and "获得印章：山顶印章 +10" in before and "游览护照 10" in before

    session.toggle_language()
    after = session.visible_texts()
    chapel = next(p for p in session.view.built.manifest.pois if p.id == "chapel")
    # the card names a POI in both languages: the visitor's as its title, the other one under it
    assert [t for t in after if has_chinese(t) and t != chapel.name.zh] == []
    for text in ("Welcome to the islet.", "Stamp: Summit stamp +10", "Passport 10", "Passport · Islet",
                 "Pause", "Explore", "Orbit", "Close", chapel.name.en, chapel.name.zh):
        assert text in after, text
    assert len(after) == len(before)

    while runner.pending_choice is None:  # the lines still to come speak the new language too
        session.guided.tick(0.5)
    assert "What colour is the chapel?" in session.visible_texts()
    session.toggle_language()  # and a question on screen follows the switch
    assert {"小教堂是什么颜色？", "白色", "红色"} <= set(session.visible_texts())


def test_closing_the_visit_completes_the_tour_log_and_closes_the_store(visit, tmp_path):
    log = tmp_path / "tour.jsonl"
    session, _, store = visit("en", tour=True, log=log)
    for _ in range(40):
        session.guided.tick(0.5)
    log_file = session.guided._log_file
    session.close()
    assert log_file.closed
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert events[0]["type"] == "tour_start" and any(e["type"] == "stamp" for e in events)
    with pytest.raises(StoreError):
        store.schema_version
    assert session.visible_texts() == []  # nothing of the visit is left on the overlay


def test_every_key_raises_an_intent_the_visit_answers():
    for key, (intent, _) in KEY_INTENTS.items():
        assert callable(getattr(PlaySession, intent, None)), f"{key}: {intent}"
    assert held_motion({"w", "arrow_up", "d"}) == (1, 1, 0)
    assert held_motion({"w", "s", "q"}) == (0, 0, -1)


def test_a_resumed_visit_draws_only_the_finds_still_hidden(open_view, offscreen_base, scene_cache, tmp_path):
    open_view.release()
    built, _ = get_scene(ISLET, offscreen_base.loader, scene_cache)
    content = game_for(ISLET, ISLET.parent.parent)
    store = Store(tmp_path / "ludao.db", clock=system_clock)
    first = GameSession(content, built.manifest, built.ground, lang="en", store=store)
    found = sorted(first.collectible_points)[0]
    first.handle({"t": 1.0, "type": "collectible_click", "collectible": found})
    assert found in first.progress.collectibles
    again = GameSession(content, built.manifest, built.ground, lang="en", store=store,
                        resume_code=first.session.resume_code)
    session = PlaySession(OffscreenDisplay(offscreen_base), built, "en", game=again, lines=VisitLines(io.StringIO()))
    try:
        drawn = {node.get_tag("collectible") or node.get_name() for node in session.game.collectibles.get_children()}
        assert not any(found in name for name in drawn), f"{found} was found before the resume but is drawn: {drawn}"
        assert len(drawn) == len(first.collectible_points) - 1
    finally:
        session.close()


def test_a_window_visit_commits_on_the_store_thread_and_shows_a_gain_once_saved(open_view, offscreen_base,
                                                                                scene_cache, tmp_path):
    """With the store on a thread of its own (every window, kiosk and headset visit), a tap returns
    while the commit is still waiting on a slow disk; frames go on; the stamp is shown only once it
    is on disk, and a gain the store refuses is told kindly, never shown as won."""
    import threading

    from engine.store.background import BackgroundStore
    open_view.release()
    built, _ = get_scene(ISLET, offscreen_base.loader, scene_cache)
    content = game_for(ISLET, ISLET.parent.parent)
    disk = threading.Event()
    writer = []

    class SlowDisk(Store):
        fail = False

        def record_gain(self, session_id, kind, item, points):
            writer.append(threading.get_ident())
            disk.wait(10)
            if SlowDisk.fail:
                raise StoreError("disk full")
            return super().record_gain(session_id, kind, item, points)

    store = BackgroundStore(lambda: SlowDisk(tmp_path / "ludao.db", clock=system_clock))
    game = GameSession(content, built.manifest, built.ground, lang="en", store=store)
    out = io.StringIO()
    session = PlaySession(OffscreenDisplay(offscreen_base), built, "en", game=game, lines=VisitLines(out))
    try:
        assert _tap_pin(session, "summit") == "summit"  # returns while the disk is still busy
        for _ in range(3):
            session.display.render_frame()
            session.game.frame(0.05)
        assert not any(t.startswith("Stamp:") for t in session.visible_texts())
        assert writer and writer[0] == store.thread_id != threading.get_ident()
        disk.set()
        store.flush()
        session.game.frame(0.05)  # it lands on the frame thread
        assert any(t.startswith("Stamp:") for t in session.visible_texts())
        with Store(tmp_path / "ludao.db", clock=system_clock) as other:
            assert "stamp_summit" in other.progress(game.session.id).stamps
        SlowDisk.fail = True
        found = sorted(game.collectible_points)[0]
        session.game.collectible_tapped(found)
        store.flush()
        session.game.frame(0.05)
        assert "Stamps and points can't be saved just now; try again in a moment." in session.visible_texts()
        assert found not in game.progress.collectibles
        assert "store\tunsaved" in out.getvalue()
    finally:
        disk.set()
        session.close()
