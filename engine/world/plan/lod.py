"""A far level of detail for a tile's merged mesh, bounded by the ground it covers rather than by
how many props stand on it: vertex clustering on a grid.

Every vertex falls in a cube of `cell` metres and one of six normal classes (the axis its normal
points along most, and the sign), and each (cube, class) cluster becomes one vertex at the mean of
its members, with their mean colour and their summed normal. Triangles keep their corners' clusters;
those whose corners fall in fewer than three clusters vanish, and duplicates go. Keeping roofs
(facing up) apart from walls (facing sideways) keeps their colours and their shading apart where a
plain grid would blend them. A cluster is at most one vertex per class and cube, so the far mesh
stays within a bound set by the volume the tile's props fill, however many props fill it; a sparse
tile gains little and gets no far mesh (`far_level`).

Pure numpy: the node stage shows the far mesh beyond `far_m` from the batch's centre (a Panda3D
LODNode); the export and everything else read the near (full) mesh.
"""
from __future__ import annotations

import numpy as np

from engine.world.plan.mesh import Mesh, merge

FAR_CELL_M = 4.0  # the grid the far mesh is clustered on
FAR_MARGIN_M = 450.0  # the far mesh shows only where the batch's nearest edge is at least this far
WORTH = 0.5  # a far mesh is kept only when it has at most this share of the near one's triangles
NORMAL_CLASSES = 6


def normal_class(normals: np.ndarray) -> np.ndarray:
    """0..5: the axis a normal points along most (x, y, z), times two, plus one if it points back."""
    axis = np.abs(normals).argmax(axis=1)
    negative = normals[np.arange(len(normals)), axis] < 0
    return axis * 2 + negative


def cluster(mesh: Mesh, cell: float = FAR_CELL_M) -> Mesh:
    """The mesh with its vertices clustered on a `cell`-metre grid (see the module's docstring).
    A small prop standing alone can fall inside one cube and vanish; wherever a square of twice the
    cell lost all its triangles, its own triangles are clustered again on half the grid, then a
    quarter, and kept as they are if even that loses them: no region of props goes missing."""
    far = grid_cluster(mesh, cell)
    for finer in (cell / 2, cell / 4, 0.0):
        lost = _lost(mesh, far, 2 * cell)
        if not lost.any():
            break
        part = Mesh(mesh.vertices, mesh.normals, mesh.colours, mesh.triangles[lost])
        far = merge([far, grid_cluster(part, finer) if finer else _compact(part)])
    return far


def _square_keys(points: np.ndarray, size: float) -> np.ndarray:
    ij = np.floor(points[:, :2] / size).astype(np.int64)
    return ij[:, 0] * 4_000_037 + ij[:, 1]


def _lost(near: Mesh, far: Mesh, size: float) -> np.ndarray:
    """The near mesh's triangles whose `size` square (by their centre) holds no far triangle."""
    near_keys = _square_keys(near.vertices[near.triangles].mean(axis=1), size)
    if not far.triangle_count:
        return np.ones(len(near_keys), dtype=bool)
    return ~np.isin(near_keys, _square_keys(far.vertices[far.triangles].mean(axis=1), size))


def _compact(mesh: Mesh) -> Mesh:
    used, tris = np.unique(mesh.triangles, return_inverse=True)
    return Mesh(mesh.vertices[used], mesh.normals[used], mesh.colours[used], tris.reshape(-1, 3))


def grid_cluster(mesh: Mesh, cell: float) -> Mesh:
    """One pass of vertex clustering on a `cell`-metre grid, whatever it loses."""
    if not mesh.triangle_count:
        return Mesh.empty()
    used = np.unique(mesh.triangles)  # vertices no triangle uses must not pull a cluster's mean
    vertices, normals, colours = mesh.vertices[used], mesh.normals[used], mesh.colours[used]
    remap = np.full(len(mesh.vertices), -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    ijk = np.floor((vertices - vertices.min(axis=0)) / cell).astype(np.int64)
    span = ijk.max(axis=0) + 1
    key = ((ijk[:, 0] * span[1] + ijk[:, 1]) * span[2] + ijk[:, 2]) * NORMAL_CLASSES + normal_class(normals)
    _, of_vertex = np.unique(key, return_inverse=True)
    of_vertex = of_vertex.ravel()
    count = np.bincount(of_vertex).astype(np.float64)

    def mean(values: np.ndarray) -> np.ndarray:
        return np.stack([np.bincount(of_vertex, values[:, k]) for k in range(values.shape[1])], axis=1) / count[:, None]

    new_vertices, new_colours = mean(vertices), mean(colours)
    new_normals = mean(normals)
    new_normals /= np.maximum(np.linalg.norm(new_normals, axis=1, keepdims=True), 1e-9)

    tris = of_vertex[remap[mesh.triangles]]
    tris = tris[(tris[:, 0] != tris[:, 1]) & (tris[:, 1] != tris[:, 2]) & (tris[:, 0] != tris[:, 2])]
    if len(tris):  # the same three clusters twice (either winding) is one triangle
        _, first = np.unique(np.sort(tris, axis=1), axis=0, return_index=True)
        tris = tris[np.sort(first)]
    kept, tris = np.unique(tris, return_inverse=True)  # clusters no triangle uses go
    return Mesh(new_vertices[kept], new_normals[kept], new_colours[kept], tris.reshape(-1, 3))


def switch_distance(mesh: Mesh, margin: float = FAR_MARGIN_M) -> float:
    """How far from the mesh's centre (the middle of its bounds) the far mesh takes over: its
    half-diagonal across the ground plus `margin`, so the near mesh shows wherever any of it is
    closer than `margin`."""
    lo, hi = mesh.vertices.min(axis=0), mesh.vertices.max(axis=0)
    return float(np.hypot(*(hi - lo)[:2]) / 2 + margin)


def centre(mesh: Mesh) -> tuple[float, float, float]:
    """The middle of a mesh's bounds: the point a far level's distance is measured from."""
    lo, hi = mesh.vertices.min(axis=0), mesh.vertices.max(axis=0)
    return tuple(float(v) for v in (lo + hi) / 2)


def far_level(mesh: Mesh, cell: float = FAR_CELL_M, margin: float = FAR_MARGIN_M) -> tuple[Mesh | None, float]:
    """(the far mesh, the distance from the mesh's centre it takes over at), or (None, 0.0) when
    clustering would not at least halve the triangles (a sparse tile)."""
    if not mesh.triangle_count:
        return None, 0.0
    far = cluster(mesh, cell)
    if far.triangle_count > WORTH * mesh.triangle_count:
        return None, 0.0
    return far, switch_distance(mesh, margin)
