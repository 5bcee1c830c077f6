"""Anonymous visit statistics from a visit's events: which scene and tour, how long each step
held the visitor, whole-visit time. No personal data: only ids and seconds."""
from __future__ import annotations


class VisitStats:
    def __init__(self, store, scene_id: str, session_id: str | None = None):
        self.store, self.scene_id, self.session_id = store, scene_id, session_id
        self.tour = None
        self.step_started: dict[str, float] = {}
        self.first_t = None
        self.last_t = 0.0

    def handle(self, event: dict) -> None:
        t = float(event.get("t", 0.0))
        self.first_t = t if self.first_t is None else self.first_t
        self.last_t = max(self.last_t, t)
        kind = event.get("type")
        if kind == "tour_start":
            self.tour = event.get("tour")
            self.store.record_stat("tour", self.tour, session_id=self.session_id)
        elif kind == "step_start":
            self.step_started[event["step"]] = t
        elif kind == "step_end" and event.get("step") in self.step_started:
            seconds = t - self.step_started.pop(event["step"])
            self.store.record_stat("step", f"{self.tour}/{event['step']}", seconds, session_id=self.session_id)
        elif kind == "tour_end":
            self.store.record_stat("tour_finished", self.tour, session_id=self.session_id)

    def finish(self) -> None:
        """The whole visit's length, once, when the visitor leaves (or the headless run ends)."""
        if self.first_t is not None:
            self.store.record_stat("scene", self.scene_id, self.last_t - self.first_t, session_id=self.session_id)
