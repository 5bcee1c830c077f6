"""A built scene shown through a camera rig: viewpoints, marker sizing, and frames to PNG or numpy."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from panda3d.core import CompassEffect, PerspectiveLens, Point2, Point3

from engine.display import base as frames
from engine.display.camera_rig import CameraRig
from engine.display.lighting import lighting_of
from engine.manifest.scene_schema import Viewpoint
from engine.world.nodes.live_scene import LiveScene
from engine.world.nodes.markers import keep_marker_size
from engine.world.plan.anchors import marker_anchor


class SceneView:
    def __init__(self, base, built: LiveScene):
        self.base = base
        self.built = built
        self.rig = CameraRig(base.render, base.camera)
        built.root.reparent_to(base.render)
        lighting_of(base).adopt(built)  # the PBR path's materials and the sun's shadows
        sky = built.sky.node
        sky.reparent_to(self.rig.rig)  # the dome travels with the viewer...
        sky.set_effect(CompassEffect.make(base.render, CompassEffect.P_rot))  # ...but never turns
        self.sky = sky
        lens = PerspectiveLens()
        lens.set_near_far(0.5, built.manifest.extent_m * 8)
        base.cam.node().set_lens(lens)
        self.lens = lens
        self.markers = built.markers
        self.animation_time: float | None = None  # None: crowds move with the clock; a number freezes them there
        self.go_to_view(self.default_view())
        base.task_mgr.add(self._update_task, "ludao-scene-view")

    def default_view(self) -> Viewpoint:
        manifest = self.built.manifest
        wanted = manifest.default_view or manifest.viewpoints[0].id
        return self.viewpoint(wanted)

    def viewpoint(self, view_id: str) -> Viewpoint:
        for vp in self.built.manifest.viewpoints:
            if vp.id == view_id:
                return vp
        raise KeyError(view_id)

    def target_of(self, vp: Viewpoint) -> tuple[float, float, float]:
        if isinstance(vp.look_at, str):
            poi = self.built.find_poi(vp.look_at)  # the scene's, or an event's
            x, y, z = marker_anchor(poi, self.built.projection, self.built.ground)
            return x, y, z - poi.marker_m * 0.5
        t = vp.look_at
        return self.built.projection.to_local(t.lat, t.lon, t.height_m)

    def go_to_view(self, vp: Viewpoint) -> None:
        pos = self.built.projection.to_local(vp.lat, vp.lon, vp.height_m)
        self.rig.look_from(pos, self.target_of(vp))
        self.set_fov(vp.fov_deg)

    def set_fov(self, vertical_deg: float) -> None:
        """Vertical field of view; a wider screen sees more to the sides, never less above and below."""
        aspect = self.base.win.get_x_size() / max(self.base.win.get_y_size(), 1)
        horizontal = 2 * np.degrees(np.arctan(np.tan(np.radians(vertical_deg / 2)) * aspect))
        self.lens.set_fov(horizontal, vertical_deg)

    def set_time_of_day(self, hour: float) -> None:
        self.built.set_time_of_day(hour)

    def _update_task(self, task):
        for markers in self.built.marker_layers():
            keep_marker_size(markers, self.rig.eye, self.lens.get_fov()[1])
        if self.built.moving:
            eye = self.rig.eye.get_pos(self.base.render)
            t = self.base.clock.get_frame_time() if self.animation_time is None else self.animation_time
            self.built.animate(t, (eye.x, eye.y, eye.z))
        return task.cont

    def render_frame(self) -> None:
        frames.render_frame(self.base)

    def save_png(self, path: Path) -> Path:
        return frames.save_png(self.base, path)

    def pixels(self) -> np.ndarray:
        """The last frame as an (height, width, 3) uint8 array, top row first."""
        return frames.pixels(self.base)

    def project(self, point) -> tuple[float, float] | None:
        """Where a scene point lands on screen, in pixels from the top-left, or None if off-screen."""
        p = self.base.cam.get_relative_point(self.base.render, Point3(*point))
        out = Point2()
        if not self.lens.project(p, out):
            return None
        w, h = self.base.win.get_x_size(), self.base.win.get_y_size()
        return (out.x + 1) / 2 * w, (1 - out.y) / 2 * h

    def detach(self) -> None:
        self.base.task_mgr.remove("ludao-scene-view")
        lighting_of(self.base).release(self.built)
        if not self.built.root.is_empty():
            # the sky's lights first: the scene's root lights itself with its own children, a cycle of
            # references that kept every scene ever shown in memory (the kiosk soak found it)
            self.built.sky.remove()
            self.built.root.remove_node()
        self.sky.remove_node()
        self.base.camera.reparent_to(self.base.render)
        self.rig.rig.remove_node()
