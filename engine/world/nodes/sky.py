"""The sky and light layer as nodes: the dome (drawn first, behind everything), the sun and the
ambient light and the sky's fill light on the scene root, and the haze on the lit world. `apply` can be called again at
run time (a tour's set_time_of_day) and updates the same nodes; the scene keeps a reference to
each instead of finding them again by name.

The PBR path (engine.display.lighting) sets `physical`: the directional lights are given times pi
(a physically based diffuse surface reflects albedo/pi of what it gets, fixed-function all of it),
all of them scaled so sunlit flat ground gets 1 (its planned colour: past 1, where fixed-function
clamps, simplepbr's filmic tonemapping greys colours towards white),
and the sun stands `shadow_distance` metres up its own ray, so its shadow camera sees the whole
scene."""
from __future__ import annotations

import math

from panda3d.core import AmbientLight, DirectionalLight, Fog, NodePath, Point3, Vec3, Vec4

from engine.world.nodes.geom import to_geom_node
from engine.world.plan.mesh import Mesh
from engine.world.plan.sky import SkyColours, dome_mesh, sky_colours


class SkyNodes:
    def __init__(self, scene_root: NodePath, world: NodePath, extent_m: float):
        self.scene_root, self.world, self.extent_m = scene_root, world, extent_m
        self.node = scene_root.attach_new_node("sky")  # SceneView moves it to travel with the viewer
        self.dome = self.node.attach_new_node(to_geom_node(Mesh.empty(), "dome"))
        self.dome.set_bin("background", 0)
        self.dome.set_depth_write(False)
        self.dome.set_depth_test(False)
        self.dome.set_light_off(1)
        self.dome.set_fog_off(1)
        self.sun = scene_root.attach_new_node(DirectionalLight("sun"))
        self.fill = scene_root.attach_new_node(DirectionalLight("sky_fill"))
        self.ambient = scene_root.attach_new_node(AmbientLight("ambient"))
        scene_root.set_light(self.sun)
        scene_root.set_light(self.fill)
        scene_root.set_light(self.ambient)
        self.hour: float | None = None
        self.haze = 0.0
        self.physical = False  # the PBR path's light units (see above)
        self._up_light = 1.0
        self.shadow_distance: float | None = None

    def apply(self, hour: float, haze: float) -> SkyColours:
        """Set sky, sun, ambient light and haze for an hour."""
        colours = sky_colours(hour, haze)
        dome = self.dome.node()
        dome.remove_all_geoms()
        dome.add_geoms_from(to_geom_node(dome_mesh(colours), "dome"))
        self._up_light = _light_on_flat_ground(colours) if self.physical else 1.0
        self.sun.node().set_color(self._light(colours.sun, math.pi))
        if self.shadow_distance is None:
            self.sun.look_at(Vec3(*colours.sun_dir))
        else:  # the same direction, from far up the sun's ray: its shadow camera looks at the scene
            self.sun.set_pos(Vec3(*colours.sun_dir) * -self.shadow_distance)
            self.sun.look_at(Point3(0, 0, 0))
        self.fill.node().set_color(self._light(colours.fill, math.pi))
        self.fill.look_at(Vec3(*colours.fill_dir))
        self.ambient.node().set_color(self._light(colours.ambient, 1.0))
        fog = Fog("haze")
        fog.set_color(*colours.horizon)
        # Haze thickens with distance: at the scene's edge about half the colour is the horizon's.
        fog.set_exp_density(max(1e-5, haze * 0.7 / max(self.extent_m * 2.0, 1.0)))
        self.world.set_fog(fog)
        self.hour, self.haze = hour, haze
        return colours

    def _light(self, rgb, physical_scale: float) -> Vec4:
        scale = physical_scale / self._up_light if self.physical else 1.0
        return Vec4(*(c * scale for c in rgb[:3]), 1)

    def remove(self) -> None:
        self.scene_root.clear_light(self.sun)
        self.scene_root.clear_light(self.fill)
        self.scene_root.clear_light(self.ambient)
        for node in (self.node, self.sun, self.fill, self.ambient):
            node.remove_node()


def _light_on_flat_ground(colours: SkyColours) -> float:
    """How much light (the mean of the channels) sunlit flat ground gets, at least 1."""
    total = [a + s * max(0.0, -colours.sun_dir[2]) + f * max(0.0, -colours.fill_dir[2])
             for a, s, f in zip(colours.ambient[:3], colours.sun[:3], colours.fill[:3])]
    return max(1.0, sum(total) / 3)
