"""A visitor's game: the rules of the scene's game content, fed with the visit's events, every gain
saved in the store before it is shown, and short bilingual texts for the toasts."""
from __future__ import annotations

from pathlib import Path

from engine.game.loader import GAME_FILE, load_game
from engine.game.rules import GameProgress, GameRules, game_points
from engine.game.schema import GameContent

TEXTS = {
    "stamp": {"zh": "获得印章：{name} +{points}", "en": "Stamp: {name} +{points}"},
    "collectible": {"zh": "找到了：{name} +{points}", "en": "Found: {name} +{points}"},
    "badge": {"zh": "新徽章：{name}", "en": "New badge: {name}"},
    "challenge": {"zh": "挑战完成：{name} +{points}", "en": "Challenge done: {name} +{points}"},
    "right": {"zh": "答对了！+{points}", "en": "Right! +{points}"},
    "wrong": {"zh": "答错了", "en": "Not quite"},
    # a course challenge's run (engine.game.course_runs); its finish is told by the challenge's own toast
    "run_start": {"zh": "开跑！{name}：{within} 秒内跑完全程", "en": "Go! {name}: the whole course within {within} s"},
    "run_checkpoint": {"zh": "{name}：检查点 {reached}/{of}，用时 {seconds} 秒",
                       "en": "{name}: checkpoint {reached}/{of} at {seconds} s"},
    "run_lapsed": {"zh": "{name}：时间到，回到起点再试一次", "en": "{name}: time's up; back to the start to try again"},
}


class ResumeRefused(Exception):
    """The code names no visit that can be resumed here."""


def game_for(manifest_path: Path, scenes_dir: Path) -> GameContent | None:
    """The scene's game content (game.yaml beside its manifest), or None when it has none."""
    path = Path(manifest_path).parent / GAME_FILE
    if not path.is_file():
        return None
    game, _ = load_game(path, scenes_dir)
    return game


class GameSession:
    def __init__(self, game: GameContent, scene, ground, *, lang: str, store=None, started_t: float = 0.0,
                 resume_code: str | None = None):
        self.game, self.scene, self.lang, self.store = game, scene, lang, store
        self.session, progress = None, GameProgress()
        if store is not None and resume_code:
            self.session = store.resume(resume_code)
            if self.session is None:
                raise ResumeRefused(f"no visit with code '{resume_code}' on this kiosk in the last hours")
            if self.session.scene != scene.id:
                raise ResumeRefused(f"visit '{resume_code}' was in scene '{self.session.scene}', not '{scene.id}'")
            saved = store.progress(self.session.id)
            # a timed challenge counts from the visit's first start: leaving and resuming restarts no clock
            started_t -= store.seconds_since_start(self.session.id)
            # everything that paid comes back, so answering or completing it again pays nothing
            progress = GameProgress.restored(saved.stamps, saved.collectibles, saved.badges, saved.challenges,
                                             saved.answers, saved.score)
        elif store is not None:
            self.session = store.start_session(scene.id, lang)
        pois, items = game_points(game, scene, ground)
        self.collectible_points = items
        self.rules = GameRules(game, pois, items, persist=self._persist, progress=progress, started_t=started_t)
        self.names = {("stamp", c.id): c.name for c in game.checkins}
        self.names |= {("collectible", c.id): c.name for c in game.collectibles}
        self.names |= {("badge", b.id): b.name for b in game.badges}
        self.names |= {("challenge", c.id): c.name for c in game.challenges}

    @property
    def progress(self) -> GameProgress:
        return self.rules.progress

    def _persist(self, kind: str, item: str, points: int, *, option: str | None = None,
                 right: bool | None = None) -> bool:
        """Durable before it returns (the store commits with synchronous=FULL); the gain and its points
        in one transaction. False when the store already held it."""
        if self.store is None:
            return True
        sid = self.session.id
        if kind == "quiz":
            new = self.store.record_answer(sid, item, str(option), bool(right), points)
            item = f"{item}:{option}"
        else:
            new = self.store.record_gain(sid, kind, item, points)
        if new and kind in ("quiz", "challenge"):  # statistics too (no personal data)
            self.store.record_stat(kind, f"{self.scene.id}/{item}", session_id=sid)
        return new

    def quiz_for(self, poi_id: str):
        """A quiz about this POI the visitor has not answered yet, or None."""
        return next((q for q in self.game.quizzes if q.poi == poi_id and q.id not in self.progress.quizzes), None)

    def explanation(self, quiz_id: str, lang: str | None = None) -> str:
        quiz = next(q for q in self.game.quizzes if q.id == quiz_id)
        return getattr(quiz.explanation, lang or self.lang)

    def handle(self, event: dict) -> list[dict]:
        return self.rules.handle(event)

    def message(self, event: dict, lang: str | None = None) -> str | None:
        """The toast for a game event, in `lang` (default: the visitor's language)."""
        lang = lang or self.lang
        kind = event["type"]
        if kind == "quiz_result":
            return TEXTS["right" if event["right"] else "wrong"][lang].format(points=event["points"])
        if kind == "run":
            if event["what"] == "finish":
                return None
            name = self.names.get(("challenge", event["id"]))
            return TEXTS["run_" + event["what"]][lang].format(
                name=getattr(name, lang) if name else event["id"], within=round(event.get("within_s", 0)),
                reached=event.get("reached"), of=event.get("of"), seconds=round(event.get("seconds", 0)))
        if kind not in ("stamp", "collectible", "badge", "challenge"):
            return None
        name = self.names.get((kind, event["id"]))
        return TEXTS[kind][lang].format(name=getattr(name, lang) if name else event["id"],
                                        points=event.get("points", 0))
