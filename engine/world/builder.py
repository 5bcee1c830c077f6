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
from shapely.geometry import box

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest
from engine.world import landmarks as lm_build
from engine.world.markers import build_markers
from engine.world.mesh import Mesh, hex_colour, merge, to_geom_node
from engine.world.markers import marker_anchor
from engine.world.scatter import Occupancy, SightLines, district_meshes, vegetation_meshes
from engine.world.sky import apply_time_of_day, build_sky
from engine.world.tiles import merge_by_tile, split_by_tile, tile_size
from engine.world.built import BuiltScene
from engine.world.terrain import area_polygons, build_heightfield, terrain_mesh

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


def _keep_clear_points(scene: SceneManifest, proj: LocalProjection) -> np.ndarray:
    pts = [(p.lat, p.lon) for p in scene.pois]
    pts += [(lm.lat, lm.lon) for lm in scene.landmarks if lm.lat is not None]
    pts += [tuple(pt) for lm in scene.landmarks if lm.path for pt in lm.path]
    arr = np.array(pts)
    return proj.to_local_many(arr[:, 0], arr[:, 1])[:, :2]


def _sight_line(vp, scene: SceneManifest, proj: LocalProjection, ground) -> tuple[np.ndarray, np.ndarray]:
    eye = np.array(proj.to_local(vp.lat, vp.lon, vp.height_m))
    if isinstance(vp.look_at, str):
        poi = next(p for p in scene.pois if p.id == vp.look_at)
        target = np.array(marker_anchor(poi, proj, ground))
    else:
        target = np.array(proj.to_local(vp.look_at.lat, vp.look_at.lon, vp.look_at.height_m))
    return eye, target


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

    inside = box(-scene.extent_m, -scene.extent_m, scene.extent_m, scene.extent_m)
    polygons = {area.id: poly.intersection(inside) for area, poly in area_polygons(scene, proj)}
    clear = _keep_clear_points(scene, proj)
    occupancy = Occupancy()  # shared: no building stands in another district's, no tree in a house
    sight = SightLines([_sight_line(vp, scene, proj, ground) for vp in scene.viewpoints])
    placed = []
    for district in scene.districts:
        placed += district_meshes(district, polygons[district.area], ground, clear, occupancy, sight)
    for veg in scene.vegetation:
        placed += vegetation_meshes(veg, polygons[veg.area], ground, clear, occupancy)
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
