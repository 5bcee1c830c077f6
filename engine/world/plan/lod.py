"""A far level of detail for a tile's merged mesh, bounded by the ground it covers rather than by
how many props stand on it: vertex clustering on a grid.

Every vertex falls in a cube of `cell` metres and one of six normal classes (the axis its normal
points along most, and the sign), and each (cube, class) cluster becomes one vertex at the mean of
its members, with their mean colour and their summed normal. Triangles keep their corners' clusters;
those whose corners fall in fewer than three clusters vanish, and duplicates go. Keeping roofs
(facing up) apart from walls (facing sideways) keeps their colours and their shading apart where a
plain grid would blend them. A cluster is at most one vertex per class and cube, so the far mesh
stays within a bound set by the volume the tile's props fill, however many props fill it; a sparse
tile gains little and gets no far mesh (`far_level`). Where props stand apart, a crown of a few
metres would collapse into a sliver on a 4 m grid: squares of 8 m whose far box lost more than
half its volume are clustered again on 2 m, then 1 m, then kept whole (`cluster`), so distant
woods thin less, at the cost of more triangles where trees stand more than a square apart.

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
KEEP_EXTENT = 0.5  # a square of the far mesh is clustered finer when its box lost more than half its volume


def normal_class(normals: np.ndarray) -> np.ndarray:
    """0..5: the axis a normal points along most (x, y, z), times two, plus one if it points back."""
    axis = np.abs(normals).argmax(axis=1)
    negative = normals[np.arange(len(normals)), axis] < 0
    return axis * 2 + negative


def cluster(mesh: Mesh, cell: float = FAR_CELL_M) -> Mesh:
    """The mesh with its vertices clustered on a `cell`-metre grid (see the module's docstring).
    A small prop standing alone shrinks to a sliver or vanishes when it spans a cube or two;
    wherever the far mesh's extent in a square of twice the cell is less than KEEP_EXTENT of the
    near one's (a crown collapsed; a dense wood keeps its extent), that square's triangles are
    clustered again on half the grid, then a quarter, and kept as they are if even that shrinks
    them: no region of props goes missing, and sparse props keep their size."""
    far = grid_cluster(mesh, cell)
    for finer in (cell / 2, cell / 4, 0.0):
        near_keys, far_keys = _square_keys(mesh, 2 * cell), _square_keys(far, 2 * cell)
        poor = _shrunk(mesh, near_keys, far, far_keys)
        if not len(poor):
            break
        part = Mesh(mesh.vertices, mesh.normals, mesh.colours, mesh.triangles[np.isin(near_keys, poor)])
        kept = Mesh(far.vertices, far.normals, far.colours, far.triangles[~np.isin(far_keys, poor)])
        far = merge([_compact(kept), grid_cluster(part, finer) if finer else _compact(part)])
    return far


def _square_keys(mesh: Mesh, size: float) -> np.ndarray:
    """Each triangle's square of `size` metres (by its centre), as one integer."""
    ij = np.floor(mesh.vertices[mesh.triangles].mean(axis=1)[:, :2] / size).astype(np.int64)
    return ij[:, 0] * 4_000_037 + ij[:, 1]


def _extents(mesh: Mesh, keys: np.ndarray, squares: np.ndarray) -> np.ndarray:
    """The size (x, y, z) of the box around each square's triangles; zero where it has none."""
    where = np.searchsorted(squares, keys)
    corners = mesh.vertices[mesh.triangles]  # (M, 3, 3)
    lo = np.full((len(squares), 3), np.inf)
    hi = np.full((len(squares), 3), -np.inf)
    np.minimum.at(lo, where, corners.min(axis=1))
    np.maximum.at(hi, where, corners.max(axis=1))
    return np.where(np.isfinite(lo), hi - lo, 0.0)


def _shrunk(near: Mesh, near_keys: np.ndarray, far: Mesh, far_keys: np.ndarray) -> np.ndarray:
    """The squares where the far mesh has nothing, or a box of less than KEEP_EXTENT of the volume
    of the near one's (each side counted half a metre more: flat things are not nothing)."""
    squares = np.unique(near_keys)
    ours = np.isin(far_keys, squares)
    far_in = Mesh(far.vertices, far.normals, far.colours, far.triangles[ours])
    near_volume = (_extents(near, near_keys, squares) + 0.5).prod(axis=1)
    far_volume = (_extents(far_in, far_keys[ours], squares) + 0.5).prod(axis=1)
    return squares[~np.isin(squares, far_keys) | (far_volume < KEEP_EXTENT * near_volume)]


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
