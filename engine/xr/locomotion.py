"""The comfort policy (engine.xr.comfort) wired to Panda3D, once a frame: it reads where the
visit's navigation or tour put the camera, feeds the policy with it, the head and the controllers,
and applies what comes back: the anchor's pose, the eyes' vignette and fade, the teleport arc."""
from __future__ import annotations

from panda3d.core import NodePath

from engine.xr.arc_view import ArcView
from engine.xr.comfort import ComfortPolicy, ComfortSettings, ComfortView
from engine.xr.landing import Terrain
from engine.xr.vignette import EyeShades


class Locomotion:
    def __init__(self, render: NodePath, camera: NodePath, anchor: NodePath, eyes, settings: ComfortSettings,
                 space: str):
        self.render, self.camera, self.anchor = render, camera, anchor
        self.policy = ComfortPolicy(settings, space)
        self.shades = EyeShades(eyes)
        self.arc = ArcView(render)
        self._scene = None
        self._layers: tuple = ()

    def use_scene(self, scene) -> None:
        """The live scene teleports land in (its ground, water, footprints and square)."""
        self._scene = scene
        self._layers = ()

    def frame(self, dt: float, head, controllers: dict) -> ComfortView | None:
        """head: the headset's position in the play area (None: not located this frame)."""
        self._refresh_terrain()
        if head is None and self.policy.anchor is None:
            return None  # nothing is drawn before the headset is located: place the visitor then
        pos = self.camera.get_pos(self.render)
        view = self.policy.update(dt, (pos.x, pos.y, pos.z), self.camera.get_h(self.render), head, controllers)
        a = view.anchor
        self.anchor.set_pos_hpr(self.render, (a.x, a.y, a.z), (a.heading, 0, 0))
        self.shades.show(view.vignette, view.fade)
        self.arc.show(view.arc)
        return view

    def _refresh_terrain(self) -> None:
        """Again whenever the scene's layers change (an event's props arrive or leave)."""
        if self._scene is None:
            return
        layers = tuple(self._scene.layers)
        if layers != self._layers:
            self._layers = layers
            self.policy.terrain = Terrain.of_scene(self._scene)

    def close(self) -> None:
        self.shades.remove()
        self.arc.remove()
