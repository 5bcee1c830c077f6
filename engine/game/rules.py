"""The game's rules, evaluated from events: the same events whether they come from a guided tour,
from free roaming or from a headless run, so the same rules hold everywhere.

Input events (dicts with `t` and `type`): `camera` (pos), `poi_tap` (poi), `collectible_click`
(collectible), `choice` (a tour question: id, option), `quiz_answer` (quiz, option). Output events:
`stamp`, `collectible`, `quiz_result`, `run` (a course challenge started, a checkpoint passed, or
its time run out), `challenge`, `badge`, `score`. Each gain is handed to
`persist` before its event is returned, so nothing is shown to a visitor as collected before it
is saved.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from engine.game.course_runs import CourseRuns
from engine.game.schema import Condition, GameContent


class Persist(Protocol):
    """Saves one gain: kind "stamp" | "collectible" | "badge" | "challenge" | "quiz" (item: the quiz id,
    with `option` and `right`). Returns False when the store already held it: then it pays nothing."""

    def __call__(self, kind: str, item: str, points: int, *, option: str | None = None,
                 right: bool | None = None) -> bool | None: ...


@dataclass
class GameProgress:
    stamps: set[str] = field(default_factory=set)
    collectibles: set[str] = field(default_factory=set)
    badges: set[str] = field(default_factory=set)
    challenges: set[str] = field(default_factory=set)
    quizzes: dict[str, bool] = field(default_factory=dict)  # quiz id -> answered right (first answer counts)
    streak: int = 0
    best_streak: int = 0
    score: int = 0

    @classmethod
    def restored(cls, stamps, collectibles, badges, challenges, answers, score: int) -> "GameProgress":
        """Progress as the store kept it; answers are (quiz id, right) in the order given, so the streaks
        come back as they were."""
        p = cls(set(stamps), set(collectibles), set(badges), set(challenges), score=score)
        for quiz, right in answers:
            p.quizzes[quiz] = right
            p.streak = p.streak + 1 if right else 0
            p.best_streak = max(p.best_streak, p.streak)
        return p


class GameRules:
    def __init__(self, game: GameContent, poi_points: dict[str, np.ndarray],
                 collectible_points: dict[str, np.ndarray], *, persist: Persist | None = None,
                 progress: GameProgress | None = None, started_t: float = 0.0):
        self.game = game
        self.poi_points = poi_points
        self.collectible_points = collectible_points
        self.persist: Persist = persist or (lambda kind, item, points, **_: None)
        self.progress = progress or GameProgress()
        self.started_t = started_t
        self.quizzes = {q.id: q for q in game.quizzes}
        self.runs = CourseRuns(game, poi_points)

    # --- events in ---------------------------------------------------------------------------------
    def handle(self, event: dict) -> list[dict]:
        t = event.get("t", 0.0)
        out: list[dict] = []
        kind = event.get("type")
        if kind == "camera":
            pos = np.asarray(event["pos"], dtype=float)
            for checkin in self.game.checkins:
                point = self.poi_points.get(checkin.poi)
                if point is not None and np.linalg.norm(pos - point) <= checkin.radius_m:
                    out += self._stamp(checkin, t, "near")
            for item in self.game.collectibles:
                if np.linalg.norm(pos - self.collectible_points[item.id]) <= item.radius_m:
                    out += self._collect(item, t, "near")
            out += self.runs.passed(pos, t, done=self.progress.challenges)
        elif kind == "poi_tap":
            for checkin in self.game.checkins:
                if checkin.poi == event.get("poi"):
                    out += self._stamp(checkin, t, "tap")
        elif kind == "collectible_click":
            for item in self.game.collectibles:
                if item.id == event.get("collectible"):
                    out += self._collect(item, t, "click")
        elif kind in ("choice", "quiz_answer") and event.get("by") not in ("timeout", "skip"):
            # an unattended question's default is not the visitor's answer: it can still be answered later
            quiz_id = event.get("id") if kind == "choice" else event.get("quiz")
            if quiz_id in self.quizzes:
                out += self._answer(self.quizzes[quiz_id], event.get("option"), t)
        if out:
            out += self._challenges(t)
            out += self._badges(t)
            out.append({"t": t, "type": "score", "total": self.progress.score})
        return out

    # --- gains ---------------------------------------------------------------------------------------
    def _gain(self, kind: str, item_id: str, points: int, **quiz) -> bool:
        """Save first (the store commits durably), then count it as the visitor's. False when the store
        already held it (e.g. another process resumed the same visit): it is not paid again."""
        if self.persist(kind, item_id, points, **quiz) is False:
            return False
        self.progress.score += points
        return True

    def _stamp(self, checkin, t, how) -> list[dict]:
        if checkin.id in self.progress.stamps:
            return []
        new = self._gain("stamp", checkin.id, checkin.points)
        self.progress.stamps.add(checkin.id)
        if not new:
            return []
        return [{"t": t, "type": "stamp", "id": checkin.id, "poi": checkin.poi, "by": how, "points": checkin.points}]

    def _collect(self, item, t, how) -> list[dict]:
        if item.id in self.progress.collectibles:
            return []
        new = self._gain("collectible", item.id, item.points)
        self.progress.collectibles.add(item.id)
        if not new:
            return []
        return [{"t": t, "type": "collectible", "id": item.id, "by": how, "points": item.points}]

    def _answer(self, quiz, option, t) -> list[dict]:
        if quiz.id in self.progress.quizzes:
            return []  # the first answer counts
        right = option == quiz.answer
        points = quiz.points if right else 0
        new = self._gain("quiz", quiz.id, points, option=str(option), right=right)
        self.progress.quizzes[quiz.id] = right
        if not new:
            return []
        self.progress.streak = self.progress.streak + 1 if right else 0
        self.progress.best_streak = max(self.progress.best_streak, self.progress.streak)
        return [{"t": t, "type": "quiz_result", "quiz": quiz.id, "option": option, "right": right,
                 "answer": quiz.answer, "points": points}]

    def _challenges(self, t) -> list[dict]:
        out = []
        p = self.progress
        for challenge in self.game.challenges:
            goal = challenge.goal
            if challenge.id in p.challenges:
                continue
            if goal.route is not None:  # timed from the course's start, by CourseRuns
                if not self.runs.finished(challenge.id):
                    continue
            elif t - self.started_t > challenge.within_s:
                continue
            counts = {"checkins": len(p.stamps), "collectibles": len(p.collectibles),
                      "quizzes_right": sum(p.quizzes.values())}
            if all(getattr(goal, name) is None or counts[name] >= getattr(goal, name) for name in counts):
                new = self._gain("challenge", challenge.id, challenge.points)
                p.challenges.add(challenge.id)
                if new:
                    out.append({"t": t, "type": "challenge", "id": challenge.id, "points": challenge.points})
        return out

    def _badges(self, t) -> list[dict]:
        out = []
        for badge in self.game.badges:
            if badge.id not in self.progress.badges and self.holds(badge.when):
                new = self._gain("badge", badge.id, badge.points)
                self.progress.badges.add(badge.id)
                if new:
                    out.append({"t": t, "type": "badge", "id": badge.id, "points": badge.points})
        return out

    def holds(self, when: Condition) -> bool:
        p, g = self.progress, self.game
        checks = []
        if when.all_checkins:
            checks.append({c.id for c in g.checkins} <= p.stamps)
        if when.checkins:
            checks.append(set(when.checkins) <= p.stamps)
        if when.all_collectibles:
            checks.append({c.id for c in g.collectibles} <= p.collectibles)
        if when.collectibles:
            checks.append(set(when.collectibles) <= p.collectibles)
        if when.quiz_streak is not None:
            checks.append(p.best_streak >= when.quiz_streak)
        if when.score_at_least is not None:
            checks.append(p.score >= when.score_at_least)
        if when.challenge is not None:
            checks.append(when.challenge in p.challenges)
        return bool(checks) and all(checks)


def game_points(game: GameContent, scene, ground) -> tuple[dict, dict]:
    """Where the rules measure from: each POI a little above its ground, each collectible where it hides."""
    from engine.geo import LocalProjection
    proj = LocalProjection(scene.origin.lat, scene.origin.lon)

    def at(lat, lon, above):
        x, y, _ = proj.to_local(lat, lon)
        return np.array([x, y, max(float(ground.height_at(x, y)), 0.0) + above])

    pois = {p.id: at(p.lat, p.lon, 2.0) for p in scene.pois}
    items = {c.id: at(c.lat, c.lon, c.height_m) for c in game.collectibles}
    return pois, items
