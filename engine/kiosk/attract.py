"""The attract loop: a slow flight from viewpoint to viewpoint, scene after scene, while nobody is
at the kiosk. Time is what the caller hands to tick() (the display's frame time, or a test's).

The scene shown is loaded by `show_scene(scene_id) -> SceneView` (the flow's: it owns the scene
and its event overlays); the loop only poses the camera."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from engine.diagnostics import ContentError
from engine.kiosk.config import KioskConfig

log = logging.getLogger("ludao.kiosk")

FLIGHT_SHARE = 0.55  # of each view's time: flying there; the rest: resting at it


@dataclass
class Pose:
    pos: tuple[float, float, float]
    heading: float
    pitch: float


def smoothstep(u: float) -> float:
    u = min(max(u, 0.0), 1.0)
    return u * u * (3 - 2 * u)


def blend(a: Pose, b: Pose, u: float) -> Pose:
    """Between two poses, eased; the heading turns the short way round."""
    s = smoothstep(u)
    turn = (b.heading - a.heading + 180.0) % 360.0 - 180.0
    return Pose(tuple(p + (q - p) * s for p, q in zip(a.pos, b.pos)), a.heading + turn * s,
                a.pitch + (b.pitch - a.pitch) * s)


def attract_plan(config: KioskConfig, offered: list[str]) -> list[tuple[str, str | None]]:
    """(scene id, viewpoint id or None for each of its viewpoints) in the loop's order."""
    if config.attract.views:
        return [(v.scene, v.view) for v in config.attract.views]
    return [(scene, None) for scene in offered]


class AttractLoop:
    def __init__(self, plan: list[tuple[str, str | None]], seconds_per_view: float, show_scene):
        self.plan = plan
        self.seconds = seconds_per_view
        self.show_scene = show_scene
        self.view = None
        self.scene_id: str | None = None
        self.item = -1
        self.stops: list[Pose] = []  # the viewpoints of the current scene still to visit
        self.leg: tuple[Pose, Pose, float] | None = None  # (from, to, start time)

    def start(self, now: float) -> None:
        self.item = -1
        self._next_scene(now)

    def _next_scene(self, now: float) -> None:
        for _ in self.plan:  # a scene broken since the kiosk started is skipped with a log line
            self.item = (self.item + 1) % len(self.plan)
            scene_id, view_id = self.plan[self.item]
            if scene_id == self.scene_id and self.view is not None:
                break
            try:
                self.view = self.show_scene(scene_id)
                self.scene_id = scene_id
                break
            except (ContentError, KeyError) as exc:
                self.view, self.scene_id = None, None
                log.warning("the attract loop skips %s %s: %s", scene_id, view_id or "", exc)
        if self.view is None:  # nothing to show: the caption stands alone
            self.leg = None
            return
        try:
            views = [self.view.viewpoint(view_id)] if view_id else list(self.view.built.manifest.viewpoints)
        except KeyError:  # a viewpoint kiosk.yaml names is gone from the scene
            log.warning("the attract loop skips viewpoint %s of %s", view_id, scene_id)
            views = []
        self.stops = [self._pose_of(vp) for vp in views] or [self._here()]
        first = self.stops.pop(0)
        self._set(first)
        self.leg = (first, first, now)

    def _pose_of(self, vp) -> Pose:
        self.view.go_to_view(vp)
        return self._here()

    def _here(self) -> Pose:
        rig = self.view.rig
        p = rig.position
        return Pose((p.x, p.y, p.z), rig.heading, rig.pitch)

    def _set(self, pose: Pose) -> None:
        self.view.rig.set_pose(pose.pos, pose.heading, pose.pitch)

    def tick(self, now: float) -> None:
        if self.leg is None:
            return
        start, end, t0 = self.leg
        elapsed = now - t0
        self._set(blend(start, end, elapsed / (self.seconds * FLIGHT_SHARE)))
        if elapsed >= self.seconds:
            if self.stops:
                self.leg = (end, self.stops.pop(0), now)
            else:
                self._next_scene(now)

    def stop(self) -> None:
        """The loop lets go of the scene (the flow detaches it)."""
        self.leg, self.view, self.scene_id = None, None, None
