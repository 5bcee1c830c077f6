"""Pointing in a headset: at POI pins, hidden collectibles and the panel's buttons.

With a controller the ray starts at its aim pose (engine.xr.actions.ControllerState) and `select`
chooses what it points at, when pressed. With no controller active the head's forward ray is the
pointer (gaze) and looking at the same thing for DWELL_S chooses it, once, while the reticle's arc
fills; looking away starts over.

What the ray points at: a button of the panel (engine.xr.panels) where the ray meets the quad over
one; else the pin or collectible nearest the ray by angle, within TOLERANCE_DEG. An angle rather
than the tap spheres: a pin 500 m off is a few pixels across, and a hand or a head is never as
steady as a finger on glass. A chosen pin or collectible goes to the visit as `handler.pick(kind,
id)` (engine.play.session: the tap's path, so cards, stamps, quizzes and protocol lines are the
kiosk's); a button is pressed as a click would press it.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from panda3d.core import NodePath, Point3, Quat, Vec3

from engine.xr.actions import HANDS, ControllerState
from engine.xr.panels import Panel
from engine.xr.pointer_visuals import Laser, Reticle

DWELL_S = 1.5
TOLERANCE_DEG = 4.0  # a controller's ray
GAZE_TOLERANCE_DEG = 6.0
HOLD_DEG = 3.0  # what a gaze holds stays held this much further out
REST_M = 2.0  # the reticle and laser reach this far when the ray points at nothing
MAX_DT_S = 0.1  # a stalled frame must not complete a dwell on its own
TASK = "ludao-xr-pointing"
READY, ROLLOVER = 0, 2  # a DirectButton's PGItem states (DirectGui's ready and rollover looks)


@dataclass
class Target:
    kind: str  # "poi", "collectible" or "button"
    item: str  # the POI's or collectible's id, or the button's DirectGui id
    point: Point3  # where it is (render space)
    widget: object = None  # the DirectButton, for a button

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.item


class XrPointer:
    def __init__(self, base, anchor: NodePath, head: NodePath, panel: Panel, handler, scene,
                 controllers: Callable[[], dict[str, ControllerState]]):
        """anchor: the space controller poses are in (the headset's reference space in the world);
        head: the head's node; handler: has pick(kind, id); scene: a LiveScene (its marker layers)."""
        self.base, self.render, self.head, self.panel = base, base.render, head, panel
        self.handler, self.scene, self.controllers = handler, scene, controllers
        self.aims = {hand: anchor.attach_new_node(f"xr-aim-{hand}") for hand in HANDS}
        self.lasers = {hand: Laser(self.render) for hand in HANDS}
        self.reticle = Reticle(self.render)
        self.pressed = {hand: False for hand in HANDS}
        self.gazed: tuple[str, str] | None = None
        self.dwell = 0.0
        self.fired = False
        self.hovered = None  # the PGButton shown as under the pointer (its rollover look)
        self.desktop = None  # the mirror window's keys (engine.display.pointer), closed with this
        base.task_mgr.add(self._frame, TASK, sort=48)

    # --- each frame -------------------------------------------------------------------------------
    def _frame(self, task):
        self.update(min(self.base.clock.get_dt(), MAX_DT_S))
        return task.cont

    def update(self, dt: float) -> Target | None:
        """Point, show it, and choose on a select press or a completed dwell. Returns what the
        pointer points at this frame (the last hand's, with controllers)."""
        hands = [s for s in self.controllers().values() if s.active and s.aim_pose is not None]
        for hand in HANDS:
            if all(s.hand != hand for s in hands):
                self.lasers[hand].hide()
                self.pressed[hand] = False
        if hands:
            self._forget_gaze()
            target = [self._controller(state) for state in hands][-1]
        else:
            target = self._gaze(dt)
        # a button its press destroyed (a quiz answered) has no guiItem left
        self._hover(getattr(target.widget, "guiItem", None) if target is not None else None)
        return target

    def _hover(self, item) -> None:
        """The pointed-at button looks as under a mouse (rollover); the one before as it was."""
        if item is self.hovered:
            return
        if self.hovered is not None and self.hovered.get_state() == ROLLOVER:
            self.hovered.set_state(READY)
        if item is not None and item.get_state() == READY:
            item.set_state(ROLLOVER)
        self.hovered = item

    def _controller(self, state: ControllerState) -> Target | None:
        aim = self.aims[state.hand]
        aim.set_pos_quat(Point3(*state.aim_pose.pos), Quat(*state.aim_pose.quat))
        origin, direction = aim.get_pos(self.render), self.render.get_relative_vector(aim, Vec3(0, 1, 0))
        target, point = self.target(origin, direction)
        self.lasers[state.hand].show(self.render, origin, direction, (point - origin).length())
        self.reticle.show(self.render, point, self.head.get_pos(self.render))
        if state.select and not self.pressed[state.hand] and target is not None:
            self.choose(target)
        self.pressed[state.hand] = state.select
        return target

    def _gaze(self, dt: float) -> Target | None:
        origin, direction = self.head.get_pos(self.render), self.render.get_relative_vector(self.head, Vec3(0, 1, 0))
        target, point = self.target(origin, direction, GAZE_TOLERANCE_DEG, self.gazed)
        key = target.key if target is not None else None
        if key != self.gazed:
            self.gazed, self.dwell, self.fired = key, 0.0, False
        if target is not None and not self.fired:
            self.dwell += dt  # the frame it is first seen counts: DWELL_S of frames in all
            if self.dwell >= DWELL_S - 1e-9:
                self.fired = True
                self.choose(target)
        self.reticle.show(self.render, point, origin, 0.0 if self.fired else self.dwell / DWELL_S)
        return target

    def _forget_gaze(self) -> None:
        self.gazed, self.dwell, self.fired = None, 0.0, False

    # --- what the ray points at -------------------------------------------------------------------
    def target(self, origin: Point3, direction: Vec3, tolerance: float = TOLERANCE_DEG,
               held: tuple[str, str] | None = None) -> tuple[Target | None, Point3]:
        """What a ray (render space) points at, and where to draw the reticle; `held` (kind, id)
        counts HOLD_DEG nearer than it is."""
        direction = Vec3(direction).normalized()
        rest = origin + direction * REST_M
        on_panel = self.panel.hit(origin, direction, self.render)
        if on_panel is not None:
            _distance, point, (x, z) = on_panel
            button = self.panel.button_at(x, z)
            if button is not None:
                return Target("button", button.guiId, point, button), point
            rest = point
        best, best_angle = None, tolerance
        for kind, node in self.pickables():
            to = node.get_pos(self.render) - origin
            if to.length() < 1e-6:
                continue
            angle = math.degrees(math.acos(max(-1.0, min(1.0, to.normalized().dot(direction)))))
            if (kind, node.get_tag(kind)) == held:
                angle -= HOLD_DEG
            if angle <= best_angle:
                best, best_angle = Target(kind, node.get_tag(kind), node.get_pos(self.render)), angle
        return best, (best.point if best is not None else rest)

    def pickables(self):
        """(kind, node) of each pin of the scene's and the events' marker layers, and each hidden
        collectible still in the scene."""
        for layer in self.scene.marker_layers():
            for node in layer.get_children():
                if node.has_tag("poi") and not node.is_hidden():
                    yield "poi", node
        found = self.scene.root.find("collectibles")
        if not found.is_empty():
            for node in found.get_children():
                if node.has_tag("collectible"):
                    yield "collectible", node

    def choose(self, target: Target) -> None:
        if target.kind == "button":
            target.widget.commandFunc(None)  # as a click on it: the button's command with its arguments
        else:
            self.handler.pick(target.kind, target.item)

    def destroy(self) -> None:
        self.base.task_mgr.remove(TASK)
        for laser in self.lasers.values():
            laser.remove()
        self.reticle.remove()
        for aim in self.aims.values():
            aim.remove_node()
        if self.desktop is not None:
            self.desktop.destroy()
