"""Terrain: land and water areas plus named peaks -> a smooth heightfield and its mesh.

Areas are painted in order onto a grid (later ones win), so a lake can sit in land and an island
in the lake. Heights come from the distance to the coast (exact near it: engine.world.plan.coast):
land rises from the shore's own height (a beach's wet lip, a rock edge, a seawall's top) to its
area's ground height, the sea floor falls away to `seabed_m`, and each peak adds a smooth rise that
is largest at its summit (its exact height there, unless a higher neighbour's slope passes over
it). Peaks combine by maximum, so overlapping hills never add up to more than the higher one.
Only land is drawn, the cells on the coast cut along it: the water surface is opaque and hides the
rest. The water plane is a mesh of its own (water_mesh), the shore's wall another (coast_mesh).
"""
from __future__ import annotations

import numpy as np
import shapely
from scipy import ndimage
from shapely.geometry import Polygon

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest
from engine.world.plan.coast import BEACH, ROCK, ROCK_TOP_M, SEAWALL, Coast, coast_of
from engine.world.plan.coast_mesh import coast_cells, cut_cells_mesh
from engine.world.plan.ground_shade import ground_shade
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.mesh import Mesh, hex_colour, merge
from engine.world.plan.sky import sky_colours
from engine.world.plan.water import water_colours

WATER_REACH = 6.0  # the water plane reaches this many extents out, towards the horizon
WATER_EDGE_M = -0.8

SAND = np.array([0.86, 0.80, 0.62, 1.0])
GRASS = np.array([0.36, 0.55, 0.27, 1.0])
GRASS_DRY = np.array([0.55, 0.60, 0.34, 1.0])
ROCK_COLOUR = np.array([0.58, 0.55, 0.50, 1.0])
PAVING = np.array([0.74, 0.71, 0.66, 1.0])  # the promenade along a seawall
SEABED = np.array([0.45, 0.50, 0.45, 1.0])


def area_polygons(scene: SceneManifest, proj: LocalProjection) -> list[tuple[object, Polygon]]:
    out = []
    for area in scene.terrain.areas:
        ring = np.array(area.outline)
        local = proj.to_local_many(ring[:, 0], ring[:, 1])[:, :2]
        out.append((area, Polygon(local)))
    return out


def _smoothstep(t):
    t = np.clip(t, 0.0, 1.0)
    return t * t * (3 - 2 * t)


def _rolling_noise(xs, ys, seed: int, amplitude: float) -> np.ndarray:
    """Gentle deterministic undulation so flat ground does not look like a table."""
    rng = np.random.default_rng(seed)
    total = np.zeros_like(xs)
    for wavelength in (420.0, 230.0, 120.0):
        angle, phase = rng.uniform(0, np.pi), rng.uniform(0, 2 * np.pi)
        k = 2 * np.pi / wavelength
        total += np.sin(k * (xs * np.cos(angle) + ys * np.sin(angle)) + phase) * (wavelength / 420.0)
    return total * amplitude / 1.8


def grid_span(scene: SceneManifest) -> tuple[int, float]:
    """Vertices per side of the terrain grid and how far it reaches from the origin."""
    n = int(np.ceil(2 * scene.extent_m / scene.terrain.cell_m)) + 1
    return n, -scene.extent_m + (n - 1) * scene.terrain.cell_m


def scene_coast(scene: SceneManifest, proj: LocalProjection) -> Coast:
    return coast_of(scene, proj, grid_span(scene)[1])


def _coast_distances(land: np.ndarray, xs, ys, cell: float, coast: Coast, reach_m: float):
    """Distance of every vertex to the coast, inside the land and inside the water: exact within
    reach_m of the coast (heights there follow the polygon, not the grid), from the grid beyond."""
    dist_in_land = ndimage.distance_transform_edt(land) * cell
    dist_in_water = ndimage.distance_transform_edt(~land) * cell
    near = np.where(land, dist_in_land, dist_in_water) <= reach_m
    exact = coast.distance(xs[near], ys[near])
    dist_in_land[near & land] = exact[land[near]]
    dist_in_water[near & ~land] = exact[~land[near]]
    return dist_in_land, dist_in_water


def build_heightfield(scene: SceneManifest, proj: LocalProjection, coast: Coast | None = None) -> Heightfield:
    cfg = scene.terrain
    half, cell = scene.extent_m, cfg.cell_m
    n, _ = grid_span(scene)
    coast = coast or scene_coast(scene, proj)
    coords = -half + np.arange(n) * cell
    xs, ys = np.meshgrid(coords, coords)

    land = np.zeros(xs.shape, dtype=bool)
    ground = np.zeros(xs.shape)
    for area, poly in area_polygons(scene, proj):
        inside = shapely.contains_xy(poly, xs, ys)
        land[inside] = area.surface == "land"
        ground[inside] = area.height_m

    shore = cfg.shore_m
    dist_in_land, dist_in_water = _coast_distances(land, xs, ys, cell, coast, 3 * shore + 2 * cell)
    # The ground's height at the coast: the shore's own (a seawall's top, a beach's wet lip),
    # taken from the nearest coast so the cut cells and the wall meet the ground exactly.
    edge = np.full(xs.shape, scene.water.level_m + ROCK_TOP_M)
    band = land & (dist_in_land < shore + 2 * cell)
    edge[band] = coast.tops_at(xs[band], ys[band])
    # Spread each area's ground height smoothly so area borders on land leave no steps.
    ground = ndimage.gaussian_filter(np.where(land, ground, 0.0), sigma=3) / np.maximum(
        ndimage.gaussian_filter(land.astype(float), sigma=3), 1e-3)
    ground = np.where(land, np.maximum(ground, edge + 0.3), 0.0)

    rise = _smoothstep(dist_in_land / shore)
    heights_land = edge + (ground - edge) * rise
    heights_land += _rolling_noise(xs, ys, seed=len(scene.id) * 7919, amplitude=1.5) * _smoothstep(
        dist_in_land / (shore * 3))
    heights_land = np.maximum(heights_land, edge)
    for peak in cfg.peaks:
        px, py, _ = proj.to_local(peak.lat, peak.lon)
        # The top cell around the summit is level, so the ground between grid points there is the
        # summit's own height, not a sample of the slope below it.
        top = min(cell / peak.radius_m, 0.5)
        r = np.clip((np.hypot(xs - px, ys - py) / peak.radius_m - top) / (1 - top), 0, None)
        if peak.shape == "crag":
            profile = np.clip(1 - r, 0, 1) ** 1.6 * (1 + 0.15 * np.sin(7 * np.arctan2(ys - py, xs - px)) * r)
        else:
            profile = np.cos(np.clip(r, 0, 1) * np.pi / 2) ** 2
        # rising from the ground already shaped (the shore slope), not from the flat ground: a
        # peak's lift fades out at the coast, so the shore keeps its own height there
        lift = np.clip(profile, 0, 1) * _smoothstep(dist_in_land / shore)
        heights_land = np.maximum(heights_land, heights_land + (peak.height_m - heights_land) * lift)
    level = scene.water.level_m
    heights_water = level + WATER_EDGE_M + (cfg.seabed_m - WATER_EDGE_M) * _smoothstep(dist_in_water / (2 * shore))
    heights = np.where(land, heights_land, heights_water)
    return Heightfield(heights, land, -half, -half, cell)


def terrain_mesh(field: Heightfield, scene: SceneManifest, proj: LocalProjection,
                 shade_under: np.ndarray | None = None, coast: Coast | None = None) -> Mesh:
    """The land: whole grid cells inland, and the cells the coast crosses cut along it
    (engine.world.plan.coast_mesh). Cells wholly under water are left out: the water is opaque."""
    coast = coast or scene_coast(scene, proj)
    h = field.heights
    ny, nx = h.shape
    xs = field.x0 + np.arange(nx) * field.cell
    ys = field.y0 + np.arange(ny) * field.cell
    gx, gy = np.meshgrid(xs, ys)
    dzdy, dzdx = np.gradient(h, field.cell)
    normals = np.stack([-dzdx, -dzdy, np.ones_like(h)], axis=-1)
    normals /= np.linalg.norm(normals, axis=-1, keepdims=True)
    slope = 1 - normals[..., 2]
    colours = _ground_colours(field, scene, proj, coast, gx, gy, slope)
    if shade_under is not None:  # baked contact shade under buildings (engine.world.plan.ground_shade)
        colours[..., :3] *= ground_shade(field, shade_under)[..., None]

    # Water vertices next to the land carry the land's normal and colour: the cut cells read
    # them bilinearly, and the seabed's would bleed into the shore.
    nearest = ndimage.distance_transform_edt(~field.land, return_distances=False, return_indices=True)
    land_normals, land_colours = normals[nearest[0], nearest[1]], colours[nearest[0], nearest[1]]

    cut = coast_cells(field, coast)
    whole = field.land[:-1, :-1] & field.land[:-1, 1:] & field.land[1:, :-1] & field.land[1:, 1:] & ~cut
    vertices = np.stack([gx, gy, h], axis=-1).reshape(-1, 3)
    idx = np.arange(ny * nx).reshape(ny, nx)
    a, b, c, d = idx[:-1, :-1][whole], idx[:-1, 1:][whole], idx[1:, :-1][whole], idx[1:, 1:][whole]
    tris = np.concatenate([np.stack([a, b, d], -1), np.stack([a, d, c], -1)])
    inland = Mesh(vertices, normals.reshape(-1, 3), colours.reshape(-1, 4), tris)
    return merge([inland, cut_cells_mesh(field, coast, cut, land_normals, land_colours)])


def _ground_colours(field: Heightfield, scene: SceneManifest, proj: LocalProjection, coast: Coast,
                    gx: np.ndarray, gy: np.ndarray, slope: np.ndarray) -> np.ndarray:
    h = field.heights
    # Dry and green grass blend softly: a threshold on the sine-wave noise drew long straight
    # yellow stripes over flat land that read as sand.
    variation = _rolling_noise(gx * 1.7, gy * 1.7, seed=11, amplitude=1.0)
    dry = (_smoothstep((variation + 0.6) / 1.6) * 0.6)[..., None]
    colours = GRASS * (1 - dry) + GRASS_DRY * dry
    colours = colours * (0.95 + 0.05 * variation[..., None])
    colours[..., 3] = 1.0
    # Next to the water: sand only where the content says beach, a promenade along a seawall,
    # bare rock along a rocky edge.
    beach_m = max(min(scene.terrain.shore_m * 0.6, 24.0), field.cell * 1.01)
    edge_m = max(field.cell * 0.6, 4.0)
    dist = np.full(h.shape, np.inf)
    near = field.land & (ndimage.distance_transform_edt(field.land) * field.cell <= beach_m + field.cell)
    dist[near] = coast.distance(gx[near], gy[near])
    near &= dist <= beach_m
    kinds = np.full(h.shape, -1, dtype=np.int8)
    kinds[near] = coast.kinds_at(gx[near], gy[near])
    colours[(kinds == BEACH) & (h < scene.water.level_m + 3.0)] = SAND
    colours[(dist <= edge_m) & (kinds == SEAWALL)] = PAVING
    colours[(dist <= edge_m) & (kinds == ROCK)] = ROCK_COLOUR
    rocky = slope > 0.18
    for peak in scene.terrain.peaks:
        if peak.shape == "crag":
            px, py, _ = proj.to_local(peak.lat, peak.lon)
            rocky |= (np.hypot(gx - px, gy - py) < peak.radius_m * 0.45) & (h > peak.height_m * 0.45)
    colours[rocky] = ROCK_COLOUR
    colours[~field.land] = SEABED
    return colours


def water_mesh(scene: SceneManifest) -> Mesh:
    """A grid, finer near the centre: fixed-function fog is computed per vertex, so one big quad
    would fog the near water as if it were at the horizon. Plain diffuse (no specular): that
    uses an infinitely distant viewer and brightens the whole flat plane evenly; the sheen
    towards the sun is in the vertex colours instead (engine.world.plan.water)."""
    r = scene.extent_m * WATER_REACH
    t = np.linspace(-1.0, 1.0, 41)
    coords = np.sign(t) * t * t * r
    gx, gy = np.meshgrid(coords, coords)
    verts = np.stack([gx, gy, np.full(gx.shape, scene.water.level_m)], axis=-1).reshape(-1, 3)
    n = len(coords)
    idx = np.arange(n * n).reshape(n, n)
    a, b, c, d = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel(), idx[1:, :-1].ravel(), idx[1:, 1:].ravel()
    tris = np.concatenate([np.stack([a, b, d], -1), np.stack([a, d, c], -1)])
    sky = sky_colours(scene.sky.time_of_day, scene.sky.haze)
    colour = water_colours(verts, hex_colour(scene.water.colour), sky, scene.extent_m)
    return Mesh(verts, np.tile((0.0, 0.0, 1.0), (len(verts), 1)), colour, tris)
