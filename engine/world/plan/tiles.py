"""Batching by map tile: everything static in a tile becomes one mesh (one draw call), and each
tile is culled on its own when it is out of view. Tiles are at least 500 m and at most 6 x 6 per
scene, which keeps a view's draw calls well under the ~300 a frame can afford."""
from __future__ import annotations

import numpy as np

from engine.world.plan.mesh import Mesh, merge

MIN_TILE_M = 500.0
TILES_ACROSS = 6


def tile_size(extent_m: float) -> float:
    return max(MIN_TILE_M, 2 * extent_m / TILES_ACROSS)


def merge_by_tile(placed: list[tuple[float, float, Mesh]], size: float) -> dict[tuple[int, int], Mesh]:
    """Props placed at (x, y) -> one merged mesh per tile."""
    by_tile: dict[tuple[int, int], list[Mesh]] = {}
    for x, y, mesh in placed:
        by_tile.setdefault((int(np.floor(x / size)), int(np.floor(y / size))), []).append(mesh)
    return {key: merge(meshes) for key, meshes in by_tile.items()}


def split_by_tile(mesh: Mesh, size: float) -> dict[tuple[int, int], Mesh]:
    """One big mesh (the terrain) -> a mesh per tile, by where each triangle's centre falls."""
    if not mesh.triangle_count:
        return {}
    centres = mesh.vertices[mesh.triangles].mean(axis=1)
    keys = np.floor(centres[:, :2] / size).astype(np.int64)
    out = {}
    for key in np.unique(keys, axis=0):
        tris = mesh.triangles[(keys == key).all(axis=1)]
        used, remapped = np.unique(tris, return_inverse=True)
        out[(int(key[0]), int(key[1]))] = Mesh(mesh.vertices[used], mesh.normals[used], mesh.colours[used],
                                               remapped.reshape(-1, 3))
    return out
