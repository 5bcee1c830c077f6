"""Distant towers a visitor expects on the horizon (`skyline:`), placed even beyond the square.

Each is a kit tower (engine.world.plan.kit_shapes: a stepped or a sail top) standing on its own
`base_m`: beyond the square there is no terrain to sit on. Those inside the square keep tour cameras
out like landmarks (exact footprints, engine.world.plan.skyline_facts); those beyond it need none.
"""
from __future__ import annotations

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest
from engine.world.plan.kit_kinds import standing_mesh
from engine.world.plan.mesh import Mesh, heading_rotation, hex_colour, merge
from engine.world.plan.skyline_facts import position


def skyline_mesh(scene: SceneManifest, proj: LocalProjection) -> Mesh:
    meshes = []
    for tower in scene.skyline:
        w, d, h = tower.size_m
        colours = {"wall": hex_colour(tower.colour), "roof": hex_colour(tower.roof_colour)}
        mesh = standing_mesh("tower", w, d, h, colours, top=tower.top)
        meshes.append(mesh.transformed(heading_rotation(tower.heading_deg), (*position(tower, proj), tower.base_m)))
    return merge(meshes)
