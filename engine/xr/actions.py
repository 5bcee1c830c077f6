"""Controllers: one action set (select, grip, thumbstick, and the hand's grip and aim poses for
each hand), suggested bindings for the common controllers, and each frame's state as plain data.

`ControllerState` is the seam for what comes later (ray pointing from the aim pose, teleport and
snap turn from the thumbstick): they read `Controllers.state`, nothing here knows about them. A
headset with no controllers (Monado's simulated HMD) gives inactive states and no poses.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from engine.xr.poses import Pose

LOG = logging.getLogger("ludao.xr")
HANDS = ("left", "right")

# interaction profile -> action -> input path under /user/hand/<hand>/
BINDINGS: dict[str, dict[str, str]] = {
    "/interaction_profiles/khr/simple_controller": {
        "select": "input/select/click", "grip_pose": "input/grip/pose", "aim_pose": "input/aim/pose"},
    "/interaction_profiles/oculus/touch_controller": {
        "select": "input/trigger/value", "grip": "input/squeeze/value", "thumbstick": "input/thumbstick",
        "grip_pose": "input/grip/pose", "aim_pose": "input/aim/pose"},
    "/interaction_profiles/valve/index_controller": {
        "select": "input/trigger/click", "grip": "input/squeeze/value", "thumbstick": "input/thumbstick",
        "grip_pose": "input/grip/pose", "aim_pose": "input/aim/pose"},
    "/interaction_profiles/htc/vive_controller": {
        "select": "input/trigger/click", "grip": "input/squeeze/click", "thumbstick": "input/trackpad",
        "grip_pose": "input/grip/pose", "aim_pose": "input/aim/pose"},
    "/interaction_profiles/microsoft/motion_controller": {
        "select": "input/trigger/value", "grip": "input/squeeze/click", "thumbstick": "input/thumbstick",
        "grip_pose": "input/grip/pose", "aim_pose": "input/aim/pose"},
}
ACTION_KINDS = {"select": "BOOLEAN_INPUT", "grip": "FLOAT_INPUT", "thumbstick": "VECTOR2F_INPUT",
                "grip_pose": "POSE_INPUT", "aim_pose": "POSE_INPUT"}


@dataclass
class ControllerState:
    """One hand this frame, in the reference space and Panda3D's axes (relative to the play area)."""
    hand: str
    active: bool = False  # bound to a connected controller
    grip_pose: Pose | None = None  # where the hand holds it (None when not tracked)
    aim_pose: Pose | None = None  # where it points from, forward along its +Y (Panda3D axes)
    select: bool = False
    grip: float = 0.0
    thumbstick: tuple[float, float] = (0.0, 0.0)


class Controllers:
    def __init__(self, xr, instance, session, space):
        self.xr, self.session, self.space = xr, session, space
        self.hand_paths = [xr.string_to_path(instance, f"/user/hand/{hand}") for hand in HANDS]
        self.action_set = xr.create_action_set(instance, xr.ActionSetCreateInfo(
            action_set_name="ludao", localized_action_set_name="Ludao", priority=0))
        self.actions = {name: xr.create_action(self.action_set, xr.ActionCreateInfo(
            action_name=name, action_type=getattr(xr.ActionType, kind), subaction_paths=self.hand_paths,
            localized_action_name=name.replace("_", " "))) for name, kind in ACTION_KINDS.items()}
        for profile, inputs in BINDINGS.items():
            self._suggest(instance, profile, inputs)
        xr.attach_session_action_sets(session, xr.SessionActionSetsAttachInfo(action_sets=[self.action_set]))
        self.spaces = {(name, i): xr.create_action_space(session, xr.ActionSpaceCreateInfo(
            action=self.actions[name], subaction_path=path))
            for name in ("grip_pose", "aim_pose") for i, path in enumerate(self.hand_paths)}
        self.state = {hand: ControllerState(hand) for hand in HANDS}

    def _suggest(self, instance, profile: str, inputs: dict[str, str]) -> None:
        xr = self.xr
        bindings = [xr.ActionSuggestedBinding(action=self.actions[name],
                                              binding=xr.string_to_path(instance, f"/user/hand/{hand}/{path}"))
                    for name, path in inputs.items() for hand in HANDS]
        try:
            xr.suggest_interaction_profile_bindings(instance, xr.InteractionProfileSuggestedBinding(
                interaction_profile=xr.string_to_path(instance, profile), suggested_bindings=bindings))
        except xr.XrException as exc:  # a runtime that does not know this controller
            LOG.info("OpenXR runtime refused the bindings for %s: %s", profile, exc)

    def update(self, display_time, focused: bool) -> dict[str, ControllerState]:
        """Sync the actions (only while FOCUSED: the input is ours) and read every hand."""
        if not focused:
            for state in self.state.values():
                state.active, state.grip_pose, state.aim_pose = False, None, None
            return self.state
        xr = self.xr
        xr.sync_actions(self.session, xr.ActionsSyncInfo(
            active_action_sets=[xr.ActiveActionSet(action_set=self.action_set, subaction_path=xr.NULL_PATH)]))
        for i, hand in enumerate(HANDS):
            info = {name: xr.ActionStateGetInfo(action=action, subaction_path=self.hand_paths[i])
                    for name, action in self.actions.items()}
            state = self.state[hand]
            select = xr.get_action_state_boolean(self.session, info["select"])
            grip = xr.get_action_state_float(self.session, info["grip"])
            stick = xr.get_action_state_vector2f(self.session, info["thumbstick"])
            pose = xr.get_action_state_pose(self.session, info["grip_pose"])
            state.active = bool(pose.is_active or select.is_active)
            state.select = bool(select.is_active and select.current_state)
            state.grip = float(grip.current_state) if grip.is_active else 0.0
            state.thumbstick = (float(stick.current_state.x), float(stick.current_state.y)) if stick.is_active else (0.0, 0.0)
            state.grip_pose = self._locate(("grip_pose", i), display_time) if pose.is_active else None
            state.aim_pose = self._locate(("aim_pose", i), display_time) if pose.is_active else None
        return self.state

    def _locate(self, key, display_time) -> Pose | None:
        xr = self.xr
        location = xr.locate_space(self.spaces[key], self.space, display_time)
        valid = xr.SpaceLocationFlags.POSITION_VALID_BIT | xr.SpaceLocationFlags.ORIENTATION_VALID_BIT
        if (int(location.location_flags) & int(valid)) != int(valid):
            return None
        return Pose.from_xr(location.pose)

    def close(self) -> None:
        for space in self.spaces.values():
            self.xr.destroy_space(space)
        self.xr.destroy_action_set(self.action_set)  # its actions go with it
