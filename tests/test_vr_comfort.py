"""VR comfort, pure (engine.xr.comfort and its parts): injected controller states, a simulated
clock, a synthetic terrain; no Panda3D window, no OpenXR."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine.world.plan.heightfield import Heightfield
from engine.xr.actions import ControllerState
from engine.xr.anchor import Anchor
from engine.xr.comfort import STANDING_EYE_M, ComfortPolicy, ComfortSettings
from engine.xr.landing import Terrain
from engine.xr.poses import Pose

DT = 1 / 90
HEAD = (0.3, -0.2, 1.65)  # the visitor stands off the play area's centre
GROUND_M = 2.0


def terrain() -> Terrain:
    """Flat land 2 m up; the sea (1 m deep) east of x = 40; a building at (0, 20); a 45-degree
    slope south of y = -30; the square is 200 m across."""
    xs = np.arange(-120, 121, 1.0)
    x, y = np.meshgrid(xs, xs)
    heights = np.where(x > 40, -1.0, GROUND_M) + np.where(y < -30, -30 - y, 0.0)
    prints = np.array([[0.0, 20.0, 4.0, 12.0]])
    return Terrain(Heightfield(heights, heights > 0, -120.0, -120.0, 1.0), 0.0, prints, 100.0)


def hands(stick=(0.0, 0.0), aim: Pose | None = None) -> dict[str, ControllerState]:
    right = ControllerState("right", active=True, grip_pose=aim, aim_pose=aim, thumbstick=stick)
    return {"left": ControllerState("left"), "right": right}


def aim_up(degrees: float) -> Pose:
    """A controller at chest height pointing ahead, tilted `degrees` up (negative: down): 10 up lands
    about 9 m ahead on flat ground."""
    a = math.radians(degrees) / 2
    return Pose((0.3, 0.1, 1.2), (math.cos(a), math.sin(a), 0.0, 0.0))  # about +X: pitch


class Visit:
    """A policy driven frame by frame in simulated time, with the camera held still."""

    def __init__(self, camera=(0.0, 0.0, GROUND_M + STANDING_EYE_M), heading=0.0, **settings):
        self.policy = ComfortPolicy(ComfortSettings(**settings), "STAGE", terrain())
        self.camera, self.heading = camera, heading
        self.views = []
        self.frame()

    def frame(self, controllers=None, n=1):
        for _ in range(n):
            self.views.append(self.policy.update(DT, self.camera, self.heading, HEAD, controllers or hands()))
        return self.views[-1]

    @property
    def anchor(self) -> Anchor:
        return self.policy.anchor

    def head_in_scene(self):
        return self.anchor.to_scene(HEAD)

    def teleport(self, pitch_deg: float):
        """Push forward, aim, let go, wait out the fade: the arc that was aimed."""
        self.frame(hands((0.0, 1.0), aim_up(pitch_deg)), n=3)
        arc = self.views[-1].arc
        self.frame(hands((0.0, 0.0), aim_up(pitch_deg)))
        self.frame(n=90)  # a second: the fade and the vignette's fall are over
        return arc


def test_the_first_frame_puts_the_head_at_the_camera_with_the_camera_heading():
    visit = Visit(camera=(5.0, 6.0, 3.6), heading=40.0)
    assert visit.anchor.heading == 40.0
    assert visit.head_in_scene()[:2] == pytest.approx((5.0, 6.0))
    assert visit.anchor.z == pytest.approx(2.0)  # a STAGE floor: the eyes 1.6 m up are at the camera


@pytest.mark.parametrize("degrees", [30.0, 45.0])
def test_snap_turn_turns_by_the_configured_angle_about_the_head_once_per_flick(degrees):
    visit = Visit(snap_turn_deg=degrees)
    head, heading = visit.head_in_scene(), visit.anchor.heading
    visit.frame(hands((1.0, 0.1)), n=30)  # flicked right and held: one turn, to the right
    assert visit.anchor.heading == pytest.approx(heading - degrees)
    assert visit.head_in_scene() == pytest.approx(head)  # the head did not slide sideways
    visit.frame(hands((0.5, 0.0)), n=5)  # not back in the centre yet: no new turn
    visit.frame(hands((1.0, 0.0)), n=5)
    assert visit.anchor.heading == pytest.approx(heading - degrees)
    visit.frame(hands((0.0, 0.0)))  # re-armed
    visit.frame(hands((-0.9, 0.0)), n=5)  # a flick left
    assert visit.anchor.heading == pytest.approx(heading)
    assert visit.policy.counts.turns == 2
    assert visit.head_in_scene() == pytest.approx(head)


def test_teleport_lands_the_head_over_the_marker_heading_unchanged():
    visit = Visit(heading=0.0)
    heading = visit.anchor.heading
    arc = visit.teleport(10.0)
    assert arc.valid and arc.landing[1] > 5.0  # ahead (+Y), short of the building
    head = visit.head_in_scene()
    assert head[:2] == pytest.approx(arc.landing[:2], abs=1e-6)
    assert head[2] == pytest.approx(GROUND_M + HEAD[2])  # standing on the ground there
    assert visit.anchor.heading == heading
    assert visit.policy.counts.teleports == 1 and visit.policy.counts.fades == 1
    # the anchor jumped once, in the dark, and the fade came back to clear
    jumps = [i for i in range(1, len(visit.views)) if visit.views[i].anchor != visit.views[i - 1].anchor]
    assert len(jumps) == 1 and visit.views[jumps[0]].fade == 1.0
    assert visit.views[-1].fade == 0.0


def test_seated_visitors_are_lifted_to_standing_eye_height():
    visit = Visit(pose="seated")
    assert visit.anchor.z == pytest.approx(GROUND_M + STANDING_EYE_M - 1.2)
    arc = visit.teleport(10.0)
    assert visit.anchor.z == pytest.approx(arc.landing[2] + STANDING_EYE_M - 1.2)


@pytest.mark.parametrize("where, heading, pitch, fault", [
    ((30.0, 0.0), -90.0, 20.0, "water"),  # facing east, over the sea
    ((0.0, 8.0), 0.0, 20.0, "building"),  # facing the building at (0, 20): it hits its wall
    ((0.0, 92.0), 0.0, 10.0, "outside"),  # facing the square's northern edge
    ((0.0, -22.0), 180.0, 20.0, "steep"),  # facing the slope
])
def test_an_invalid_landing_does_not_teleport(where, heading, pitch, fault):
    visit = Visit(camera=(*where, GROUND_M + STANDING_EYE_M), heading=heading)
    before = visit.anchor
    arc = visit.teleport(pitch)
    assert arc.landing is not None and arc.fault == fault and not arc.valid
    assert visit.anchor == before
    assert visit.policy.counts.teleports == 0 and visit.policy.counts.refused == 1
    assert all(v.fade == 0.0 for v in visit.views)


def test_the_vignette_rises_during_motion_and_falls_back_to_zero():
    visit = Visit()
    visit.teleport(10.0)
    levels = [v.vignette for v in visit.views]
    assert max(levels) > 0.9 and levels[-1] == 0.0
    visit.frame(hands((1.0, 0.0)))  # a snap turn
    assert visit.views[-1].vignette > 0
    visit.frame(hands(), n=60)
    assert visit.views[-1].vignette == 0.0


def test_no_vignette_when_switched_off():
    visit = Visit(vignette=False)
    visit.teleport(10.0)
    visit.frame(hands((1.0, 0.0)), n=10)
    assert all(v.vignette == 0.0 for v in visit.views)
    assert any(v.fade == 1.0 for v in visit.views)  # the fade itself stays


def test_aiming_never_snap_turns_and_small_camera_corrections_move_nobody():
    visit = Visit()
    visit.frame(hands((0.6, 0.9), aim_up(10.0)), n=5)  # forward and a little right: aiming only
    assert visit.policy.counts.turns == 0 and visit.views[-1].arc is not None
    visit.frame(hands(), n=90)  # let go: the teleport is over
    before = visit.anchor
    visit.camera = (0.2, 0.1, GROUND_M + STANDING_EYE_M)
    visit.frame(n=90)
    assert visit.anchor == before and visit.policy.counts.fades == 1  # only the teleport's


# --- the command line ----------------------------------------------------------------------------------
def _play_args(*extra):
    from engine.cli.parser import build_parser
    return build_parser().parse_args(["play", "islet", *extra])


def test_the_comfort_options_reach_the_settings():
    from engine.cli.play import _comfort
    assert _comfort(_play_args("--mode", "vr")) == ComfortSettings()
    assert _comfort(_play_args("--mode", "vr", "--snap-turn", "45", "--no-vignette", "--vr-pose", "seated")) == \
        ComfortSettings(snap_turn_deg=45.0, vignette=False, pose="seated")


@pytest.mark.parametrize("extra", [("--snap-turn", "30"), ("--no-vignette",), ("--vr-pose", "seated")])
def test_the_comfort_options_go_with_mode_vr_only(extra):
    from engine.cli.play import cmd_play
    from engine.errors import UsageError
    from engine.settings import Settings
    with pytest.raises(UsageError, match="--mode vr"):
        cmd_play(_play_args("--mode", "stereo", *extra), Settings())


@pytest.mark.parametrize("value", ["-5", "200", "nan", "left"])
def test_a_snap_turn_out_of_range_is_refused(value, capsys):
    with pytest.raises(SystemExit) as exited:
        _play_args("--mode", "vr", "--snap-turn", value)
    assert exited.value.code == 2 and "--snap-turn" in capsys.readouterr().err
