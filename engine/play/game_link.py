"""The visit's game hookup: visit events in, what they earn out (toasts, score, passport, the
collectibles left in the scene, protocol lines). Owns the GameSession and closes its store.

With a store that writes on its own thread (engine.store.background: windows, the kiosk, a headset),
the game handles each event on that thread, where the gain is committed, and what it earned lands
on the frame thread a frame or so later: saved before it is shown, and no frame waits for a disk.
With a plain store (offscreen, headless, tests) it all happens at once on the caller's thread."""
from __future__ import annotations

import copy
import logging
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future

from engine.display.scene_view import SceneView
from engine.game.rules import GameProgress
from engine.game.session import GameSession
from engine.play.collectible_nodes import build_collectibles, remove_found, spin
from engine.play.protocol import VisitLines
from engine.service.heartbeat import busy
from engine.store import StoreError
from engine.store.background import BackgroundStore
from engine.ui.game_hud import GameHud

log = logging.getLogger("ludao.game")
LANGS = ("zh", "en")
STORE_PATIENCE_S = 10  # the store waits up to 5 s on a lock (engine.store.connection), then gives up
UNSAVED_EVERY_S = 30
UNSAVED = {"zh": "暂时无法保存印章和得分，请稍后再试。",
           "en": "Stamps and points can't be saved just now; try again in a moment."}
POSITION_EVERY_S = 0.25  # how often free roaming tells the game where the visitor is


class GameLink:
    def __init__(self, game: GameSession, view: SceneView, overlay, lines: VisitLines, clock: Callable[[], float]):
        self.game = game
        self.lines = lines
        self.clock = clock
        self.scene_id = view.built.manifest.id
        # A resumed visit's finds are already in the passport: only what is still hidden is drawn.
        hidden = {k: v for k, v in game.collectible_points.items() if k not in game.progress.collectibles}
        self.collectibles = build_collectibles(view.built.root, hidden)
        self.hud = GameHud(overlay, game.game, view.built.manifest.name, game.lang,
                           passport_data=self._passport_data, on_answer=self._answered)
        self._since_position = 0.0
        self._unsaved_at: float | None = None  # when the visitor was last told the store is not saving
        self._writer = game.store if isinstance(game.store, BackgroundStore) else None
        self._landing: deque[Future] = deque()  # events handled on the writer's thread, in order
        self.landed: Callable[[list[dict]], None] | None = None  # hears gains that land later (a tour's log)

    @property
    def progress(self) -> GameProgress:
        return self.game.progress

    @property
    def right_answers(self) -> dict[str, str]:
        """Question id -> its right option (a tour's unanswered question says it, neutrally)."""
        return {q.id: q.answer for q in self.game.game.quizzes}

    @property
    def resume_code(self) -> str | None:
        """The code this visitor can resume with (None without a store)."""
        return self.game.session.resume_code if self.game.session is not None else None

    def _passport_data(self) -> tuple[GameProgress, list]:
        store = self.game.store
        # on the writer's thread, after every event queued: the progress as saved, copied whole
        progress = self._writer.call(lambda _: copy.deepcopy(self.game.progress)) if self._writer else self.game.progress
        try:
            best = store.leaderboard("scene", self.scene_id, limit=5) if store is not None else []
        except StoreError as exc:  # a locked or damaged database: the passport opens without the board
            log.warning("the leaderboard could not be read: %s", exc)
            best = []
        return progress, best

    def handle(self, event: dict) -> list[dict]:
        """Feed one visit event to the game; show what it earned. Returns the game's events.
        A gain is saved before it is shown: when the store cannot save it (a full disk, a database
        locked past its patience) the visitor is told once in a while, nothing is shown as won, and
        the next try (the next tap, the next step closer) saves it when the store can again.
        With a background store it returns [] at once and what was earned lands in `frame`."""
        if self._writer is not None:
            self._landing.append(self._writer.submit(lambda: self.game.handle(event)))
            return []
        try:
            with busy(STORE_PATIENCE_S):  # a locked database makes the write wait: not a hung loop
                gained = self.game.handle(event)
        except StoreError as exc:
            self._unsaved(exc)
            return []
        self._show(gained)
        return gained

    def _land(self) -> None:
        """Show what the writer's thread has finished, in the order the events came."""
        while self._landing and self._landing[0].done():
            try:
                gained = self._landing.popleft().result()
            except StoreError as exc:
                self._unsaved(exc)
                continue
            self._show(gained)
            if gained and self.landed is not None:
                self.landed(gained)

    def _show(self, gained: list[dict]) -> None:
        for out in gained:
            texts = {lang: self.game.message(out, lang) for lang in LANGS}
            if texts[self.game.lang]:
                self.hud.toast(texts)
            if out["type"] == "collectible":
                remove_found(self.collectibles, out["id"])
            self.lines.game(out)
        if gained:
            self.hud.show_score(self.game.progress.score)

    def _unsaved(self, exc: StoreError) -> None:
        now = self.clock()
        if self._unsaved_at is None or now - self._unsaved_at >= UNSAVED_EVERY_S:
            self._unsaved_at = now
            log.warning("a gain could not be saved: %s", exc)
            self.hud.toast(UNSAVED)
            self.lines.write("store", "unsaved")

    # --- what the visitor did ------------------------------------------------------------------
    def poi_tapped(self, poi_id: str, *, ask_quiz: bool) -> None:
        self.handle({"t": self.clock(), "type": "poi_tap", "poi": poi_id})
        if ask_quiz:
            quiz = self.game.quiz_for(poi_id)  # the first unanswered quiz about this POI
            if quiz is not None:
                self.hud.ask(quiz)
                self.lines.quiz(quiz.id)

    def collectible_tapped(self, item_id: str) -> None:
        self.handle({"t": self.clock(), "type": "collectible_click", "collectible": item_id})

    def _answered(self, quiz_id: str, option_id: str) -> None:
        self.handle({"t": self.clock(), "type": "quiz_answer", "quiz": quiz_id, "option": option_id})
        self.hud.toast({lang: self.game.explanation(quiz_id, lang) for lang in LANGS}, explanation=True)

    def frame(self, dt: float, position=None) -> None:
        """Every frame; position: where the visitor is when roaming freely (None while a tour steers)."""
        self._land()
        spin(self.collectibles, dt)
        self.hud.advance(dt)
        self._since_position += dt
        if self._since_position >= POSITION_EVERY_S and position is not None:
            self._since_position = 0.0
            self.handle({"t": self.clock(), "type": "camera", "pos": [position.x, position.y, position.z]})

    # --- the visit -------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.game.lang = lang  # toasts and explanations from now on
        self.hud.set_language(lang)

    def reset(self) -> None:
        self.hud.reset()

    def close(self, *, close_store: bool = True) -> None:
        """Off the screen and out of the scene; close_store=False when a next visitor's game shares it."""
        self.hud.destroy()
        self.collectibles.remove_node()
        if close_store and self.game.store is not None:
            self.game.store.close()
