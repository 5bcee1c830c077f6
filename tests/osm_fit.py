"""How well a built scene's land/water grid matches OpenStreetMap's water polygons.

Measured on what the engine builds (plan_facts(scene).ground: the heightfield's land/water cells),
not on the manifest's outlines, so the rasteriser, the paint order and any authored area painted
over the water all count. The OSM polygons are projected with the same LocalProjection.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from scipy import ndimage
from shapely.geometry import Polygon

from engine.geo import LocalProjection

WATER_FILE = Path(__file__).resolve().parents[1] / "tools" / "data" / "xiamen-water.geojson"


def osm_polygons(osm_id: int, proj: LocalProjection) -> list[Polygon]:
    """One feature of the OSM water file as Polygons in scene metres (holes kept)."""
    data = json.loads(WATER_FILE.read_text(encoding="utf-8"))
    feature = next(f for f in data["features"] if int(f["properties"]["osm_id"]) == osm_id)

    def ring(coords):
        c = np.asarray(coords)
        return proj.to_local_many(c[:, 1], c[:, 0])[:, :2]

    return [Polygon(ring(rings[0]), [ring(r) for r in rings[1:]]) for rings in feature["geometry"]["coordinates"]]


def cell_centres(ground) -> tuple[np.ndarray, np.ndarray]:
    ny, nx = ground.land.shape
    return np.meshgrid(ground.x0 + np.arange(nx) * ground.cell, ground.y0 + np.arange(ny) * ground.cell)


@dataclass
class Fit:
    iou: float
    water_m2: float  # engine water inside the compared region
    osm_water_m2: float  # OSM water rasterised on the same cells
    # per OSM island inside the grid: (its area m2, centroid distance m, whether the engine's island
    # is cut off from the shore, whether OSM's is more than a cell from the shore)
    islands: list[tuple[float, float, bool, bool]]


def water_fit(ground, polygon: Polygon, margin_m: float = 150.0, within=None) -> Fit:
    """IoU of the engine's water against the OSM polygon within margin_m of its outer ring (so water
    drawn where OSM has land nearby counts against it), and how far each OSM island's centroid is
    from the centroid of the engine land cells that make it. `within` (a polygon) narrows the
    compared region, e.g. to the coast's land so that the open sea by a basin's mouth is left out."""
    xs, ys = cell_centres(ground)
    region = shapely.contains_xy(Polygon(polygon.exterior).buffer(margin_m), xs, ys)
    if within is not None:
        region &= shapely.contains_xy(within, xs, ys)
    osm = shapely.contains_xy(polygon, xs, ys) & region
    engine = ~ground.land & region
    area = ground.cell ** 2
    iou = float((osm & engine).sum() / max((osm | engine).sum(), 1))
    labels, _ = ndimage.label(ground.land)
    edge = edge_labels(labels)
    half = ground.cell * (ground.land.shape[0] - 1) / 2
    centroids = []
    for ring in polygon.interiors:
        island = Polygon(ring)
        c = island.centroid
        if max(abs(c.x - ground.x0 - half), abs(c.y - ground.y0 - half)) > half:
            continue  # outside the scene square
        ids = np.unique(labels[shapely.contains_xy(island, xs, ys) & ground.land])
        # The land connected to the island, within two cells of its ring: an islet that OSM
        # separates from the shore by a 2 m ditch merges with the shore on a 14 m grid.
        near = shapely.contains_xy(island.buffer(2 * ground.cell), xs, ys)
        cells = np.isin(labels, ids[ids > 0]) & near
        apart = island.distance(polygon.exterior) > ground.cell
        if not cells.any():
            centroids.append((island.area, float("inf"), False, apart))
            continue
        dist = float(np.hypot(xs[cells].mean() - c.x, ys[cells].mean() - c.y))
        cut_off = not set(ids[ids > 0].tolist()) & edge
        centroids.append((island.area, dist, cut_off, apart))
    return Fit(iou, float(engine.sum() * area), float(osm.sum() * area), centroids)


def island_component(ground, x: float, y: float) -> bool:
    """Whether (x, y) is land that water cuts off from the grid's edge (an island, not the shore)."""
    labels, _ = ndimage.label(ground.land)
    j = int(round((y - ground.y0) / ground.cell))
    i = int(round((x - ground.x0) / ground.cell))
    if not ground.land[j, i]:
        return False
    return labels[j, i] not in edge_labels(labels)


def edge_labels(labels: np.ndarray) -> set[int]:
    """The labels of the land that reaches the grid's edge (the mainland)."""
    return set(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]).tolist()) - {0}
