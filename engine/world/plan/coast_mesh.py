"""Meshes along the coast: the terrain cells the coast crosses, cut along it, and the shore's
low wall standing on it.

A cut cell keeps only its land part, triangulated with the coast as a constrained edge. Its
corners keep the grid's heights and its points on the coast take the shore's height, so it joins
the whole cells beside it edge to edge and meets the wall's top exactly.
"""
from __future__ import annotations

import numpy as np
import shapely

from engine.world.plan.coast import BEACH, KINDS, ON_COAST_M, ROCK, SEAWALL, WALL_FOOT_M, Coast
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.mesh import Mesh

SHORE_COLOURS = {
    BEACH: np.array([0.78, 0.72, 0.56, 1.0]),  # wet sand, darker than the dry beach
    ROCK: np.array([0.47, 0.44, 0.40, 1.0]),
    SEAWALL: np.array([0.66, 0.64, 0.60, 1.0]),  # dressed granite
}
assert len(SHORE_COLOURS) == len(KINDS)


def coast_cells(field: Heightfield, coast: Coast) -> np.ndarray:
    """(ny-1, nx-1) bool: the grid cells the coast lines cross (they are drawn cut, not whole)."""
    ny, nx = field.heights.shape
    cells = np.zeros((ny - 1, nx - 1), dtype=bool)
    if coast.lines.is_empty:
        return cells
    land = field.land
    mixed = ~((land[:-1, :-1] == land[:-1, 1:]) & (land[:-1, :-1] == land[1:, :-1]) & (land[:-1, :-1] == land[1:, 1:]))
    # also cells whose corners agree but which the coast still crosses (a spit, an inlet narrower
    # than a cell): look at every cell whose centre is within a cell's diagonal of the coast
    jj, ii = np.nonzero(np.ones_like(cells))
    cx, cy = field.x0 + (ii + 0.5) * field.cell, field.y0 + (jj + 0.5) * field.cell
    near = coast.distance(cx, cy) <= field.cell * 0.75
    jj, ii = jj[near | mixed.ravel()], ii[near | mixed.ravel()]
    boxes = shapely.box(field.x0 + ii * field.cell, field.y0 + jj * field.cell,
                        field.x0 + (ii + 1) * field.cell, field.y0 + (jj + 1) * field.cell)
    crossed = shapely.intersects(coast.lines, boxes)
    cells[jj[crossed], ii[crossed]] = True
    return cells


def bilinear(values: np.ndarray, field: Heightfield, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Per-vertex grid values (ny, nx, k) read bilinearly at points."""
    gx = np.clip((xs - field.x0) / field.cell, 0, values.shape[1] - 1.001)
    gy = np.clip((ys - field.y0) / field.cell, 0, values.shape[0] - 1.001)
    i, j = np.floor(gx).astype(int), np.floor(gy).astype(int)
    fx, fy = (gx - i)[:, None], (gy - j)[:, None]
    return ((values[j, i] * (1 - fx) + values[j, i + 1] * fx) * (1 - fy)
            + (values[j + 1, i] * (1 - fx) + values[j + 1, i + 1] * fx) * fy)


def cut_cells_mesh(field: Heightfield, coast: Coast, cells: np.ndarray, normals: np.ndarray,
                   colours: np.ndarray) -> Mesh:
    """The land part of each crossed cell. normals and colours are per grid vertex, already
    carried from the land into the water vertices next to it (so nothing blends with the seabed)."""
    jj, ii = np.nonzero(cells)
    if not len(jj):
        return Mesh.empty()
    boxes = shapely.box(field.x0 + ii * field.cell, field.y0 + jj * field.cell,
                        field.x0 + (ii + 1) * field.cell, field.y0 + (jj + 1) * field.cell)
    parts = shapely.get_parts(shapely.intersection(boxes, coast.land))
    parts = parts[(shapely.get_type_id(parts) == 3) & (shapely.area(parts) > 1e-6)]  # polygons only
    triangles = shapely.get_parts(shapely.constrained_delaunay_triangles(parts))
    triangles = triangles[shapely.area(triangles) > 1e-8]
    if not len(triangles):
        return Mesh.empty()
    corners = shapely.get_coordinates(shapely.get_exterior_ring(triangles)).reshape(-1, 4, 2)[:, :3]
    e1, e2 = corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]
    cross = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
    corners[cross < 0] = corners[cross < 0][:, ::-1]  # counter-clockwise from above: facing up
    xs, ys = corners[..., 0].ravel(), corners[..., 1].ravel()

    heights = field.height_at(xs, ys)
    on_coast = coast.distance(xs, ys) <= ON_COAST_M
    kinds = coast.kinds_at(xs[on_coast], ys[on_coast])
    heights[on_coast] = coast.tops_at(xs[on_coast], ys[on_coast])
    vertex_normals = bilinear(normals, field, xs, ys)
    vertex_normals /= np.linalg.norm(vertex_normals, axis=1, keepdims=True)
    vertex_colours = bilinear(colours, field, xs, ys)
    vertex_colours[on_coast] = np.array([SHORE_COLOURS[int(k)] for k in kinds]).reshape(-1, 4)
    vertices = np.stack([xs, ys, heights], axis=-1)
    return Mesh(vertices, vertex_normals, vertex_colours, np.arange(len(xs)).reshape(-1, 3))


def shore_wall_mesh(coast: Coast, step_m: float) -> Mesh:
    """A vertical strip on every coast line, from under the water up to the shore's height,
    facing the water: a seawall, a rock edge or a wet lip of sand, by the stretch's kind."""
    if coast.lines.is_empty:
        return Mesh.empty()
    verts, normals, colours, tris = [], [], [], []
    count = 0
    for line in shapely.get_parts(shapely.segmentize(coast.lines, step_m)):
        pts = shapely.get_coordinates(line)
        if len(pts) < 2:
            continue
        kinds, tops = coast.kinds_at(pts[:, 0], pts[:, 1]), coast.tops_at(pts[:, 0], pts[:, 1])  # once a point
        a, b = pts[:-1], pts[1:]
        along = b - a
        length = np.linalg.norm(along, axis=1)
        keep = length > 1e-6
        a, b, along, length = a[keep], b[keep], along[keep], length[keep]
        kinds_a, top_a, top_b = kinds[:-1][keep], tops[:-1][keep], tops[1:][keep]
        out = np.stack([along[:, 1], -along[:, 0]], axis=1) / length[:, None]  # right of the line
        mid = (a + b) / 2 + out * 0.25
        out[shapely.contains_xy(coast.land, mid[:, 0], mid[:, 1])] *= -1  # towards the water
        foot = coast.level + WALL_FOOT_M
        n = len(a)
        quad = np.stack([np.c_[a, np.full(n, foot)], np.c_[b, np.full(n, foot)],
                         np.c_[b, top_b], np.c_[a, top_a]], axis=1)  # (n, 4, 3)
        # facing the water: counter-clockwise seen from the side `out` points to
        facing = np.cross(quad[:, 1] - quad[:, 0], quad[:, 2] - quad[:, 0])[:, :2]
        flip = (facing * out).sum(axis=1) < 0
        quad[flip] = quad[flip][:, [1, 0, 3, 2]]
        verts.append(quad.reshape(-1, 3))
        normals.append(np.repeat(np.c_[out, np.zeros(n)], 4, axis=0))
        colour = np.array([SHORE_COLOURS[int(k)] for k in kinds_a]).reshape(-1, 4)
        colours.append(np.repeat(colour * np.array([0.9, 0.9, 0.9, 1.0]), 4, axis=0))
        base = count + 4 * np.arange(n)[:, None]
        tris.append(np.concatenate([base + [0, 1, 2], base + [0, 2, 3]]))
        count += 4 * n
    if not verts:
        return Mesh.empty()
    return Mesh(np.concatenate(verts), np.concatenate(normals), np.concatenate(colours), np.concatenate(tris))
