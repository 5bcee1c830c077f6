"""A VR tour never rotates the view by itself: a shipped tour's camera (the islet's tour, run in
simulated time as a headless run does) goes through the comfort policy; the anchor's heading never
changes and its position changes only in the dark of a fade, never frame to frame."""
from __future__ import annotations

import math

import pytest

from engine.manifest.scene_loader import load_scene
from engine.tour.headless import TICK_S, run_tour
from engine.tour.loader import load_tour
from engine.tour_worlds import tour_world_of
from engine.xr.comfort import ComfortPolicy, ComfortSettings
from tests.conftest import DATA

TOUR = DATA / "tours" / "islet-basics.tour.yaml"
HEAD = (0.2, -0.1, 1.6)


class CameraStage:
    """The stage's camera only (the rest of a tour's commands are heard and dropped)."""

    def __init__(self):
        self.pose = None

    def camera(self, pos, hpr):
        self.pose = (tuple(float(v) for v in pos), float(hpr[0]))

    def __getattr__(self, name):
        return lambda *args: None


@pytest.fixture(scope="module")
def tour_in_vr():
    tour, _, _ = load_tour(TOUR, DATA / "scenes")
    scene, _ = load_scene(DATA / "scenes" / "islet" / "scene.yaml")
    stage = CameraStage()
    policy = ComfortPolicy(ComfortSettings(), "STAGE")
    frames = []  # (camera position, camera heading, view) each tick

    def tick(runner):
        if stage.pose is not None:
            pos, heading = stage.pose
            frames.append((pos, heading, policy.update(TICK_S, pos, heading, HEAD, {})))

    result = run_tour(tour, TOUR, tour_world_of(scene), stage=stage, lang="en", on_tick=tick)
    assert result.finished
    for _ in range(int(1.5 / TICK_S)):  # the tour handed over: the camera rests where it ended
        tick(None)
    return policy, frames


def test_the_tour_turns_its_camera_but_never_the_visitor(tour_in_vr):
    policy, frames = tour_in_vr
    camera_headings = [heading for _, heading, _ in frames]
    assert max(camera_headings) - min(camera_headings) > 90  # the tour orbits and looks about
    assert {view.anchor.heading for _, _, view in frames} == {frames[0][2].anchor.heading}
    assert policy.counts.turns == 0


def test_the_visitor_moves_only_in_the_dark_of_a_fade(tour_in_vr):
    policy, frames = tour_in_vr
    views = [view for _, _, view in frames]
    jumps = [i for i in range(1, len(views)) if views[i].anchor != views[i - 1].anchor]
    assert len(jumps) >= 3  # the tour's flights reached the visitor
    assert len(jumps) == policy.counts.fades
    assert all(views[i].fade == 1.0 for i in jumps)  # black when it happens: no glide
    assert len(jumps) < len(views) / 10


def test_the_visitor_ends_where_the_tour_ends(tour_in_vr):
    _, frames = tour_in_vr
    camera, _, view = frames[-1]
    head = view.anchor.to_scene(HEAD)
    assert math.dist(head[:2], camera[:2]) < 1.0
    assert head[2] == pytest.approx(camera[2] + HEAD[2] - 1.6, abs=1e-6)
    assert view.fade == 0.0
