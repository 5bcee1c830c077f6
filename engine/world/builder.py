"""Manifest -> Panda3D scene graph: terrain, water, sky and sun, landmarks, districts, trees, markers.

The static world is built already batched: terrain and props (districts and trees together) one
mesh per 500 m map tile, all kit landmarks one mesh, glTF models flattened one by one (a few dozen
draw calls in all, and tiles out of view are culled), while POI markers stay their own nodes. The result is one NodePath plus the heightfield, which is what the
cache stores.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from panda3d.core import NodePath

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest
from engine.world import landmarks as lm_build
from engine.world.markers import build_markers
from engine.world.mesh import Mesh, hex_colour, merge, to_geom_node
from engine.world.layout import plan_layout
from engine.world.scatter import district_meshes, vegetation_meshes
from engine.world.sky import apply_time_of_day, build_sky
from engine.world.tiles import merge_by_tile, split_by_tile, tile_size
from engine.world.built import BuiltScene
from engine.world.terrain import build_heightfield, terrain_mesh

WATER_REACH = 6.0  # the water plane reaches this many extents out, towards the horizon


def _water_mesh(scene: SceneManifest) -> Mesh:
    """A grid, finer near the centre: fixed-function fog is computed per vertex, so one big quad
    would fog the near water as if it were at the horizon."""
    r = scene.extent_m * WATER_REACH
    t = np.linspace(-1.0, 1.0, 41)
    coords = np.sign(t) * t * t * r
    gx, gy = np.meshgrid(coords, coords)
    verts = np.stack([gx, gy, np.full(gx.shape, scene.water.level_m)], axis=-1).reshape(-1, 3)
    n = len(coords)
    idx = np.arange(n * n).reshape(n, n)
    a, b, c, d = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel(), idx[1:, :-1].ravel(), idx[1:, 1:].ravel()
    tris = np.concatenate([np.stack([a, b, d], -1), np.stack([a, d, c], -1)])
    colour = np.tile(hex_colour(scene.water.colour), (len(verts), 1))
    return Mesh(verts, np.tile((0.0, 0.0, 1.0), (len(verts), 1)), colour, tris)


def build_scene(scene: SceneManifest, manifest_path: Path, loader=None) -> BuiltScene:
    proj = LocalProjection(scene.origin.lat, scene.origin.lon)
    ground = build_heightfield(scene, proj)
    root = NodePath(f"scene:{scene.id}")
    build_sky(root)
    world = root.attach_new_node("world")

    terrain = world.attach_new_node("terrain")
    for key, mesh in split_by_tile(terrain_mesh(ground, scene, proj), tile_size(scene.extent_m)).items():
        terrain.attach_new_node(to_geom_node(mesh, f"terrain:{key[0]}:{key[1]}"))
    # Plain diffuse water: fixed-function specular uses an infinitely distant viewer, which
    # brightens the whole flat plane evenly instead of drawing a highlight.
    world.attach_new_node(to_geom_node(_water_mesh(scene), "water"))

    kit_meshes = [m for m in (lm_build.landmark_mesh(lm, proj, ground) for lm in scene.landmarks) if m is not None]
    world.attach_new_node(to_geom_node(merge(kit_meshes), "landmarks"))
    for lm in scene.landmarks:
        if lm.kind == "model" or lm.model:
            _load_model(lm, manifest_path, proj, ground, loader).reparent_to(world)

    layout = plan_layout(scene, proj, ground)
    placed = [item for plan in layout.districts for item in district_meshes(plan)]
    for veg in scene.vegetation:
        placed += vegetation_meshes(veg, layout.polygons[veg.area], ground, layout.keep_clear, layout.occupancy)
    props = world.attach_new_node("props")
    for key, mesh in merge_by_tile(placed, tile_size(scene.extent_m)).items():
        props.attach_new_node(to_geom_node(mesh, f"props:{key[0]}:{key[1]}"))

    apply_time_of_day(root, scene.sky.time_of_day, scene.sky.haze, scene.extent_m)
    build_markers(root, scene.pois, proj, ground)
    return BuiltScene(root, ground, proj, scene)


def _load_model(lm, manifest_path: Path, proj, ground, loader) -> NodePath:
    """A glTF landmark. glTF's default metallic factor (1.0) renders black under fixed-function
    lights, so metals are turned into plain diffuse surfaces here."""
    path = lm_build.resolve_model(lm, manifest_path)
    model = loader.load_model(str(path), noCache=True)
    for material in model.find_all_materials():
        material.set_metallic(0.0)
    pos, heading, _ = lm_build.model_placement(lm, proj, ground)
    holder = NodePath(f"model:{lm.id}")
    model.reparent_to(holder)
    holder.set_pos(*pos)
    holder.set_h(-heading)
    if lm.size_m:
        holder.set_scale(*lm.size_m)
    holder.flatten_strong()  # a glTF file arrives as many nodes; one batch per material draws faster
    return holder
