"""Course challenges ("run the route"): a challenge whose goal is a `route` of stamps is a course.
A run starts each time the visitor comes within the first stamp's circle, passes the others in
order, and finishes when it reaches the last within the challenge's time, counted from the start.
Coming back to the start begins a new run (a visitor who was too slow tries again); a run whose
time is up lapses. Only presence counts (camera events), not a tap on a pin from afar.

Events out, each {"t", "type": "run", "id": challenge, ...}: `what` is "start", "checkpoint"
(with `reached` and `of`), "finish" or "lapsed"; the finished challenge is then paid by GameRules."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.game.schema import GameContent


@dataclass
class _Run:
    started_t: float
    reached: int  # how many of the course's stamps, from the first, are passed in order


class CourseRuns:
    def __init__(self, game: GameContent, poi_points: dict[str, np.ndarray]):
        checkins = {c.id: c for c in game.checkins}
        self.courses = {}  # challenge id -> (its time, [(point, radius) of each stamp in order])
        for challenge in game.challenges:
            route = challenge.goal.route
            if route and all(s in checkins and checkins[s].poi in poi_points for s in route):
                circles = [(poi_points[checkins[s].poi], checkins[s].radius_m) for s in route]
                self.courses[challenge.id] = (challenge.within_s, circles)
        self.running: dict[str, _Run] = {}
        self._finished: set[str] = set()

    def finished(self, challenge_id: str) -> bool:
        return challenge_id in self._finished

    def passed(self, pos: np.ndarray, t: float, done: set[str]) -> list[dict]:
        out = []
        for cid, (within_s, circles) in self.courses.items():
            if cid in done or cid in self._finished:
                continue
            run = self.running.get(cid)
            if run is not None and t - run.started_t > within_s:
                del self.running[cid]
                out.append({"t": t, "type": "run", "id": cid, "what": "lapsed", "reached": run.reached,
                            "of": len(circles)})
                run = None
            if run is not None and _inside(pos, circles[run.reached]):  # before the start: a course may
                run.reached += 1                                           # end where it began
                if run.reached == len(circles):
                    del self.running[cid]
                    self._finished.add(cid)
                    out.append({"t": t, "type": "run", "id": cid, "what": "finish", "seconds": t - run.started_t,
                                "reached": run.reached, "of": len(circles)})
                else:
                    out.append({"t": t, "type": "run", "id": cid, "what": "checkpoint", "reached": run.reached,
                                "of": len(circles), "seconds": t - run.started_t})
            elif _inside(pos, circles[0]):
                if run is None or run.reached > 1:
                    out.append({"t": t, "type": "run", "id": cid, "what": "start", "within_s": within_s,
                                "reached": 1, "of": len(circles)})
                self.running[cid] = _Run(t, 1)  # the clock starts as the visitor leaves the start
        return out


def _inside(pos: np.ndarray, circle) -> bool:
    point, radius = circle
    return bool(np.linalg.norm(pos - point) <= radius)
