"""The world beyond the square: the land around a scene as a low, coarse ring (its own layer).

The scene's terrain, facts and clearance stay the square of `extent_m`; beyond it, out to
`surroundings.reach` extents (under the water plane's reach, engine.world.plan.terrain.WATER_REACH),
the land of `surroundings.land` (OpenStreetMap land written by tools/osm_surroundings.py) is a grid
of `cell_m` cells: flat-ish ground at `height_m`, sloping down to the water at its coasts, in one
city tint (no districts, no trees: from the scene it is the far shore and the horizon). Along the
square's edge the ring starts at the scene's own ground height and eases to its own height over a
few cells, so there is no step. Cells entirely inside the square are left out. Pure numpy/shapely.
"""
from __future__ import annotations

import numpy as np
import shapely
from scipy import ndimage
from shapely.geometry import Polygon

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest
from engine.world.plan.mesh import Mesh, hex_colour
from engine.world.plan.tiles import MIN_TILE_M

COAST_M = 0.6  # lowest land vertex, as the scene's own coast (no z-fighting with the water plane)
SEA_M = -3.0  # sea cells' vertices: under the opaque water plane


def land_polygons(scene: SceneManifest, proj: LocalProjection) -> list[Polygon]:
    out = []
    for piece in scene.surroundings.land:
        ring = np.array(piece.outline)
        out.append(Polygon(proj.to_local_many(ring[:, 0], ring[:, 1])[:, :2]).buffer(0))
    return out


def grid(scene: SceneManifest) -> np.ndarray:
    """The ring's grid lines: the square's edges are grid lines, cells as close to cell_m as that allows."""
    half, s = scene.extent_m, scene.surroundings
    per_half = max(int(round(half / s.cell_m)), 1)
    cell = half / per_half
    steps = int(np.ceil(s.reach * per_half))
    return np.arange(-steps, steps + 1) * cell


def surroundings_tile(scene: SceneManifest) -> float:
    """The ring's map tile: 6 x 6 across its whole grid (as the square's, engine.world.plan.tiles),
    so it adds a few draw calls, not hundreds."""
    return max(MIN_TILE_M, float(grid(scene)[-1]) / 3 * 1.001)


def is_land(scene: SceneManifest, proj: LocalProjection, x, y) -> np.ndarray:
    """Whether the surroundings hold land at local (x, y) (beyond the square or not)."""
    xs, ys = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    land = np.zeros(xs.shape, dtype=bool)
    for poly in land_polygons(scene, proj):
        land |= shapely.contains_xy(poly, xs, ys)
    return land


def surroundings_mesh(scene: SceneManifest, proj: LocalProjection, ground=None) -> Mesh:
    """The ring's mesh; empty when the scene has no surroundings."""
    s = scene.surroundings
    if s is None:
        return Mesh.empty()
    coords = grid(scene)
    cell = float(coords[1] - coords[0])
    gx, gy = np.meshgrid(coords, coords)
    land = is_land(scene, proj, gx, gy)
    inland = ndimage.distance_transform_edt(land) * cell
    rise = np.clip(inland / (2 * cell), 0, 1)
    far = np.where(land, COAST_M + (s.height_m - COAST_M) * rise * rise * (3 - 2 * rise), SEA_M)
    half = scene.extent_m
    out = np.maximum(np.abs(gx), np.abs(gy)) - half  # metres beyond the square
    if ground is not None:  # ease from the scene's own edge to the ring's height over 4 cells
        edge = np.asarray(ground.height_at(np.clip(gx, -half, half), np.clip(gy, -half, half)), dtype=float)
        t = np.clip(out / (4 * cell), 0, 1)
        w = t * t * (3 - 2 * t)
        heights = np.where(land, np.maximum(edge, COAST_M) * (1 - w) + far * w, far)
    else:
        heights = far
    heights = heights + scene.water.level_m

    dzdy, dzdx = np.gradient(heights, cell)
    normals = np.stack([-dzdx, -dzdy, np.ones_like(heights)], axis=-1)
    normals /= np.linalg.norm(normals, axis=-1, keepdims=True)
    tint = np.array(hex_colour(s.colour))
    rng = np.random.default_rng(len(scene.id))
    shade = 0.9 + 0.1 * rng.random(heights.shape)  # blocks of a city seen from afar, not a lawn
    colours = np.broadcast_to(tint, heights.shape + (4,)).copy()
    colours[..., :3] *= shade[..., None]

    n = len(coords)
    idx = np.arange(n * n).reshape(n, n)
    a, b, c, d = idx[:-1, :-1], idx[:-1, 1:], idx[1:, :-1], idx[1:, 1:]
    top = np.maximum.reduce([heights[:-1, :-1], heights[:-1, 1:], heights[1:, :-1], heights[1:, 1:]])
    centre_out = np.maximum(np.abs((gx[:-1, :-1] + gx[1:, 1:]) / 2), np.abs((gy[:-1, :-1] + gy[1:, 1:]) / 2))
    keep = (top > scene.water.level_m - 0.3) & (centre_out > half)
    a, b, c, d = a[keep], b[keep], c[keep], d[keep]
    tris = np.concatenate([np.stack([a, b, d], -1), np.stack([a, d, c], -1)])
    verts = np.stack([gx, gy, heights], axis=-1).reshape(-1, 3)
    used, remapped = np.unique(tris, return_inverse=True)
    return Mesh(verts[used], normals.reshape(-1, 3)[used], colours.reshape(-1, 4)[used], remapped.reshape(-1, 3))
