"""Manifest -> world plan: every layer's meshes, batched for drawing, with its footprints.

Static geometry is planned already batched: terrain, roads, districts and vegetation one mesh per
500 m map tile each (tiles out of view are culled), all kit landmarks one mesh, glTF models placed
whole; POI markers stay their own nodes. A few dozen draw calls in all. Dense tiles of districts and
vegetation also get a far level of detail (engine.world.plan.lod), so a distant tile's triangles
depend on the ground it covers more than on its props.

`per_object=True` plans the same world unbatched: one mesh per building, tree and kit landmark, and
the ground, roads and surroundings whole, no far levels. It is what an author editing the scene in
Blender wants, and the naive baseline the benchmark sets beside the engine; the engine never draws it.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.manifest.scene_schema import SceneManifest
from engine.geo import LocalProjection
from engine.world.plan import landmarks as lm_plan
from engine.world.plan.plan_facts import facts_from
from engine.world.plan.layers import LayerPlan, MeshBatch, ModelPlacement, WorldPlan
from engine.world.plan.layout import plan_layout
from engine.world.plan.lod import far_level
from engine.world.plan.markers import plan_markers
from engine.world.plan.roads import roads_mesh
from engine.world.plan.mesh import Mesh, merge
from engine.world.plan.scatter import district_meshes, vegetation_meshes
from engine.world.plan.coast_mesh import shore_wall_mesh
from engine.world.plan.skyline import skyline_mesh
from engine.world.plan.surroundings import surroundings_mesh, surroundings_tile
from engine.world.plan.terrain import build_heightfield, scene_coast, terrain_mesh, water_mesh
from engine.world.plan.tiles import merge_by_tile, split_by_tile, tile_size


def _tiled(name: str, tiles: dict[tuple[int, int], Mesh]) -> list[MeshBatch]:
    return [MeshBatch(f"{name}:{i}:{j}", mesh) for (i, j), mesh in tiles.items()]


def _with_far(batches: list[MeshBatch]) -> list[MeshBatch]:
    """Props' tiles with a far level where it pays (engine.world.plan.lod): their triangles grow
    with the props, the far mesh's only with the ground they cover."""
    for batch in batches:
        batch.far, batch.far_m = far_level(batch.mesh)
    return batches


def plan_world(scene: SceneManifest, manifest_path: Path, *, per_object: bool = False) -> WorldPlan:
    proj = LocalProjection(scene.origin.lat, scene.origin.lon)
    coast = scene_coast(scene, proj)
    ground = build_heightfield(scene, proj, coast)
    layout = plan_layout(scene, proj, ground)
    facts = facts_from(scene, proj, ground, layout)
    tile = tile_size(scene.extent_m)

    def whole(name: str, mesh: Mesh, size: float = tile) -> list[MeshBatch]:
        return [MeshBatch(name, mesh)] if per_object else _tiled(name, split_by_tile(mesh, size))

    def placed(name: str, items: list[tuple[float, float, Mesh]]) -> list[MeshBatch]:
        if per_object:
            return [MeshBatch(f"{name}:{n}", mesh) for n, (_, _, mesh) in enumerate(items)]
        return _with_far(_tiled(name, merge_by_tile(items, tile)))

    shade_under = np.concatenate([facts.footprints["landmarks"][0], facts.footprints["districts"][0]])
    terrain = LayerPlan("terrain", whole("terrain", terrain_mesh(ground, scene, proj, shade_under, coast))
                        + [MeshBatch("shore", shore_wall_mesh(coast, scene.terrain.cell_m / 2))])
    roads = LayerPlan("roads", whole("roads", roads_mesh(layout.roads, ground)))
    water = LayerPlan("water", [MeshBatch("water", water_mesh(scene))])
    beyond = [LayerPlan("surroundings", whole("surroundings", surroundings_mesh(scene, proj, ground),
                                              surroundings_tile(scene)))] if scene.surroundings else []
    skyline = [LayerPlan("skyline", [MeshBatch("skyline", skyline_mesh(scene, proj))],
                         footprints=facts.footprints["skyline"][0], exact_footprints=True)] if scene.skyline else []

    level = scene.water.level_m
    kit_meshes = [(lm.id, m) for lm in scene.landmarks
                  if (m := lm_plan.landmark_mesh(lm, proj, ground, level)) is not None]
    kit = ([MeshBatch(f"landmarks:{lm_id}", m) for lm_id, m in kit_meshes] if per_object
           else [MeshBatch("landmarks", merge([m for _, m in kit_meshes]))])
    models = [_placement(lm, manifest_path, proj, ground) for lm in scene.landmarks if lm.kind == "model" or lm.model]
    landmarks = LayerPlan("landmarks", kit, models,
                          footprints=facts.footprints["landmarks"][0], exact_footprints=True)

    districts = LayerPlan("districts", placed("districts", [item for plan in layout.districts
                                                            for item in district_meshes(plan)]),
        footprints=facts.footprints["districts"][0])
    trees = []
    for veg in scene.vegetation:  # after the districts: trees fill what the houses left free
        trees += vegetation_meshes(veg, layout.polygons[veg.area], ground, layout.keep_clear, layout.occupancy)
    vegetation = LayerPlan("vegetation", placed("vegetation", trees),
                           footprints=np.array([mesh_footprint(x, y, mesh) for x, y, mesh in trees]).reshape(-1, 4))

    markers = plan_markers(scene.pois, proj, ground)
    return WorldPlan(scene, facts, [terrain, roads, water, *beyond, landmarks, *skyline, districts, vegetation, markers],
                     time_of_day=scene.sky.time_of_day, haze=scene.sky.haze)


def mesh_footprint(x: float, y: float, mesh: Mesh) -> tuple[float, float, float, float]:
    """The circle around (x, y) that holds a placed mesh, and its top."""
    v = mesh.vertices
    return (x, y, float(np.hypot(v[:, 0] - x, v[:, 1] - y).max()), float(v[:, 2].max()))


def _placement(lm, manifest_path: Path, proj, ground) -> ModelPlacement:
    pos, heading, _ = lm_plan.model_placement(lm, proj, ground)
    size_m = tuple(float(v) for v in lm.size_m) if lm.size_m else None
    return ModelPlacement(lm.id, str(lm_plan.resolve_model(lm, manifest_path)), tuple(float(v) for v in pos),
                          float(heading), size_m)

