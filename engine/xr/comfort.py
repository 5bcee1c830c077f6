"""The VR locomotion policy, pure (no Panda3D, no OpenXR): the only ways the visitor's anchor
(engine.xr.anchor) moves, and what the eyes see while it does.

- The visitor's snap turn (engine.xr.snap_turn): about the head, so the head does not slide.
- The visitor's teleport (engine.xr.teleport): through a fade, the head over the landing point.
- The navigated camera going somewhere new (a tour's flight, a jump to a view;
  engine.xr.camera_follow): through a fade once it rests, never glided along, heading kept.

Never a forced rotation: only the visitor's own snap turn changes the heading (the first frame takes
the starting view's heading, before anything is seen). Each fade is FADE_S out, the jump in the
dark, FADE_S in; the vignette (when on) rises during fades and turns and falls back to 0.

Eye heights: in a STAGE space (floor at 0) a standing visitor's eyes are about STANDING_EYE_M up, so
the anchor sits that far under a viewpoint. Seated (`pose="seated"`), the eyes are about SEATED_EYE_M
up: the anchor sits only that far under the viewpoint, lifting the seated visitor by the difference
so their eyes are where a standing visitor's would be. A LOCAL space's origin is the head itself,
so there the anchor sits at the viewpoint's height.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.xr.anchor import Anchor
from engine.xr.camera_follow import CameraFollow
from engine.xr.fade import FADE_S, Fade, Ramp
from engine.xr.landing import Terrain
from engine.xr.poses import forward_of
from engine.xr.snap_turn import SnapTurn
from engine.xr.teleport import Arc, TeleportAim, cast_arc

STANDING_EYE_M = 1.6
SEATED_EYE_M = 1.2
POSES = ("standing", "seated")
TURN_VIGNETTE_S = 0.15  # a snap turn is instant: the vignette shows for this long around it


@dataclass
class ComfortSettings:
    snap_turn_deg: float = 30.0  # 0: no snap turn
    vignette: bool = True
    pose: str = "standing"  # or "seated"
    fade_s: float = FADE_S

    def __post_init__(self):
        if self.pose not in POSES:
            raise ValueError(f"unknown VR pose '{self.pose}' (standing or seated)")

    def eye_height(self, space: str) -> float:
        """How far above the play area's origin the visitor's eyes are."""
        if space != "STAGE":
            return 0.0
        return SEATED_EYE_M if self.pose == "seated" else STANDING_EYE_M


@dataclass
class ComfortView:
    """What one frame shows: the anchor, the fade (0 clear .. 1 black), the vignette (0 .. 1) and the
    teleport arc being aimed (None when none)."""
    anchor: Anchor
    fade: float = 0.0
    vignette: float = 0.0
    arc: Arc | None = None


@dataclass
class ComfortCounts:
    fades: int = 0  # every fade: teleports and camera moves
    teleports: int = 0
    turns: int = 0
    refused: int = 0  # teleports let go over an invalid landing


@dataclass
class ComfortPolicy:
    settings: ComfortSettings = field(default_factory=ComfortSettings)
    space: str = "STAGE"
    terrain: Terrain | None = None  # no teleport without one
    anchor: Anchor | None = None
    counts: ComfortCounts = field(default_factory=ComfortCounts)

    def __post_init__(self):
        self.fade = Fade(self.settings.fade_s)
        self.vignette = Ramp()
        self.snap = SnapTurn(self.settings.snap_turn_deg)
        self.aim = TeleportAim()
        self.follow = CameraFollow()
        self.arc: Arc | None = None
        self._pending: tuple[float, float, float] | None = None  # a camera position to fade to next
        self._turned_s = 0.0
        self._head = (0.0, 0.0, 0.0)

    def update(self, dt: float, camera, camera_heading: float, head=None,
               controllers: dict | None = None) -> ComfortView:
        """One frame: `camera` the navigated camera's position (scene metres) and heading, `head` the
        headset's position in the play area (None: as last known), `controllers` hand -> ControllerState."""
        if head is not None:
            self._head = tuple(float(v) for v in head)
        camera = tuple(float(v) for v in camera)
        if self.anchor is None:  # the start: the starting view's place and heading, before anything is seen
            self.anchor = Anchor(0.0, 0.0, 0.0, float(camera_heading))
            self._jump_to_camera(camera)
            self.follow.reset(camera)
        target = self.follow.update(dt, camera)
        if target is not None:
            self._pending = target
        if self._pending is not None and not self.fade.active:
            self._fade(self._jump_to_camera, self._pending)
            self._pending = None
        self._sticks(controllers or {})
        self._turned_s = max(0.0, self._turned_s - dt)
        fade = self.fade.advance(dt)
        moving = self.fade.active or self._turned_s > 0
        vignette = self.vignette.advance(dt, 1.0 if moving and self.settings.vignette else 0.0)
        return ComfortView(self.anchor, fade, vignette, self.arc)

    # --- the visitor's own moves -------------------------------------------------------------------
    def _sticks(self, controllers: dict) -> None:
        for hand, state in controllers.items():
            stick = tuple(state.thumbstick) if state.active else (0.0, 0.0)
            was_aiming = self.aim.aiming == hand
            what = self.aim.update(hand, stick)
            if what == "aim":
                self.snap.disarm(hand)
                self.arc = self._cast(state)
            elif what == "release":
                self._let_go()
            elif not was_aiming:
                self._turn(self.snap.update(hand, stick))

    def _turn(self, degrees: float) -> None:
        if degrees and not self.fade.active:
            self.anchor = self.anchor.turned_about(self._head, degrees)
            self.counts.turns += 1
            self._turned_s = TURN_VIGNETTE_S

    def _cast(self, state) -> Arc | None:
        if self.terrain is None or state.aim_pose is None:
            return None
        aim = state.aim_pose
        forward = forward_of(aim.quat)
        origin = self.anchor.to_scene(aim.pos)
        direction = (*Anchor(0, 0, 0, self.anchor.heading).to_scene(forward)[:2], forward[2])
        return cast_arc(origin, direction, self.terrain)

    def _let_go(self) -> None:
        arc, self.arc = self.arc, None
        if arc is None or not arc.valid:
            self.counts.refused += arc is not None
            return
        if self._fade(self._land, arc.landing):
            self.counts.teleports += 1

    def _land(self, point) -> None:
        x, y, z = point
        self.anchor = self.anchor.head_over(self._head, x, y, z + STANDING_EYE_M - self.settings.eye_height(self.space))

    # --- the camera's moves --------------------------------------------------------------------------
    def _jump_to_camera(self, camera) -> None:
        x, y, z = camera
        self.anchor = self.anchor.head_over(self._head, x, y, z - self.settings.eye_height(self.space))

    def _fade(self, jump, where) -> bool:
        started = self.fade.start(lambda: jump(where))
        self.counts.fades += started
        return started
