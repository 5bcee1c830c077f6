"""Sky dome, sun and ambient light, and haze, all from a time of day.

The sun follows a simple day arc (rises in the east at 6, highest in the south at noon, sets in
the west at 18); colours warm towards sunrise and sunset. `apply_time_of_day` can be called again
at run time (a tour's set_time_of_day) and updates the same nodes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import trimesh
from panda3d.core import AmbientLight, DirectionalLight, Fog, NodePath, Vec3, Vec4

from engine.world.mesh import Mesh, to_geom_node

DOME_RADIUS = 4000.0


@dataclass(frozen=True)
class SkyColours:
    zenith: tuple
    horizon: tuple
    sun: tuple
    ambient: tuple
    sun_dir: tuple  # unit vector the light travels along (from the sun towards the ground)
    elevation_deg: float


def _mix(a, b, t):
    return tuple(float(x + (y - x) * t) for x, y in zip(a, b))


def sky_colours(hour: float, haze: float) -> SkyColours:
    day = (hour - 6.0) / 12.0  # 0 at sunrise, 1 at sunset
    elevation = math.degrees(math.asin(max(-0.2, math.sin(math.pi * day)) * math.sin(math.radians(72))))
    azimuth = 90.0 + 180.0 * min(max(day, -0.1), 1.1)  # degrees clockwise from north: E -> S -> W
    daylight = max(0.0, min(1.0, (elevation + 4) / 20))
    golden = max(0.0, 1.0 - abs(elevation - 6) / 14) if elevation > -4 else 0.0
    night_zenith, day_zenith = (0.02, 0.03, 0.08), (0.22, 0.45, 0.78)
    zenith = _mix(night_zenith, day_zenith, daylight)
    horizon = _mix((0.06, 0.07, 0.12), _mix((0.70, 0.82, 0.92), (0.95, 0.72, 0.50), golden), daylight)
    horizon = _mix(horizon, (0.85, 0.86, 0.88), haze * 0.3 * daylight)
    # Sun plus ambient stays near 1.0 at noon, so lit surfaces keep the colours authors chose.
    sun = _mix((0.12, 0.12, 0.18), _mix((0.80, 0.77, 0.70), (0.88, 0.63, 0.40), golden), daylight)
    ambient = _mix((0.10, 0.11, 0.16), (0.46, 0.48, 0.53), daylight)
    el, az = math.radians(max(elevation, 3.0)), math.radians(azimuth)
    towards_sun = (math.sin(az) * math.cos(el), math.cos(az) * math.cos(el), math.sin(el))
    return SkyColours(zenith, horizon, sun, ambient, tuple(-c for c in towards_sun), elevation)


def _dome_mesh(colours: SkyColours) -> Mesh:
    tm = trimesh.creation.uv_sphere(radius=DOME_RADIUS, count=[16, 24])
    verts = np.asarray(tm.vertices, dtype=np.float64)
    up = np.clip(verts[:, 2] / DOME_RADIUS, 0, 1) ** 0.5
    colours_v = np.array(colours.horizon)[None] * (1 - up[:, None]) + np.array(colours.zenith)[None] * up[:, None]
    colours_v = np.concatenate([colours_v, np.ones((len(verts), 1))], axis=1)
    faces = np.asarray(tm.faces)[:, ::-1]  # seen from inside
    return Mesh(verts, -verts / DOME_RADIUS, colours_v, faces)


def build_sky(parent: NodePath) -> NodePath:
    """The sky dome (drawn first, behind everything) and the sun and ambient lights."""
    sky = parent.attach_new_node("sky")
    dome = sky.attach_new_node(to_geom_node(Mesh.empty(), "dome"))
    dome.set_bin("background", 0)
    dome.set_depth_write(False)
    dome.set_depth_test(False)
    dome.set_light_off(1)
    dome.set_fog_off(1)
    sun = parent.attach_new_node(DirectionalLight("sun"))
    ambient = parent.attach_new_node(AmbientLight("ambient"))
    parent.set_light(sun)
    parent.set_light(ambient)
    return sky


def apply_time_of_day(scene_root: NodePath, hour: float, haze: float, extent_m: float,
                      sky: NodePath | None = None) -> SkyColours:
    """Set sky, sun, ambient light and haze for an hour; `sky` when the dome has been moved to
    travel with the viewer (SceneView does that)."""
    colours = sky_colours(hour, haze)
    sky = sky if sky is not None else scene_root.find("sky")
    dome = sky.find("dome")
    dome.node().remove_all_geoms()
    dome.node().add_geoms_from(to_geom_node(_dome_mesh(colours), "dome"))
    sun = scene_root.find("sun")
    sun.node().set_color(Vec4(*colours.sun, 1))
    sun.look_at(Vec3(*colours.sun_dir))
    scene_root.find("ambient").node().set_color(Vec4(*colours.ambient, 1))
    fog = Fog("haze")
    fog.set_color(*colours.horizon)
    # Haze thickens with distance: at the scene's edge about half the colour is the horizon's.
    fog.set_exp_density(max(1e-5, haze * 0.7 / max(extent_m * 2.0, 1.0)))
    scene_root.find("world").set_fog(fog)
    return colours
