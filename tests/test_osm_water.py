"""The lake and the shelter basin as the engine builds them, against OpenStreetMap's polygons, and
the water and island POIs of every scene on the right surface.

Figures (scenes/yundang/README.md): Yundang's water IoU 0.99 (the hand-drawn lake before it was
0.26), island centroids within 10 m (before: 43-78 m, Egret Island and an islet missing).
"""
from __future__ import annotations

import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import numpy as np
from scipy import ndimage
from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from engine.geo import LocalProjection
from engine.manifest.scene_loader import load_scene
from engine.world.plan.plan_facts import plan_facts
from tests.osm_fit import island_component, osm_polygons, water_fit

ROOT = Path(__file__).resolve().parents[1]
LAKE, BASIN = 3243088, 785097854
# POI kinds that name water or an island (scene POI `kind` is free text; these are the ones used).
WATER_KINDS = {"lake", "harbour", "bay", "sea", "river", "pond"}
ISLAND_KINDS = {"island", "islet"}


@lru_cache(maxsize=None)
def built(scene_id: str):
    """(scene, heightfield, projection) as the engine plans them."""
    scene, _ = load_scene(ROOT / "scenes" / scene_id / "scene.yaml")
    return scene, plan_facts(scene).ground, LocalProjection(scene.origin.lat, scene.origin.lon)


def test_yundang_water_matches_osm_lake():
    _, ground, proj = built("yundang")
    [lake] = osm_polygons(LAKE, proj)
    fit = water_fit(ground, lake)
    assert fit.iou >= 0.9, fit
    assert len(fit.islands) == 4, fit  # Bailuzhou, Egret Island, two islets (a fifth lies east of the scene)
    for area, dist, cut_off, apart in fit.islands:
        assert dist <= 30.0, f"island of {area:.0f} m2: centroid {dist:.1f} m from OSM's"
        # an island OSM keeps clear of the shore must be land the engine cuts off by water
        assert cut_off or not apart, f"island of {area:.0f} m2 is joined to the shore"


def test_shapowei_basin_matches_osm_and_opens_to_the_sea():
    scene, ground, proj = built("shapowei")
    [basin] = osm_polygons(BASIN, proj)
    # the coast with its coarse inlet filled: the open sea by the basin's mouth is left out
    land = unary_union([Polygon(proj.to_local_many(*np.asarray(a.outline).T)[:, :2])
                        for a in scene.terrain.areas if a.id in ("xiamen_island", "shelter_banks")])
    fit = water_fit(ground, basin, margin_m=40.0, within=land)
    assert fit.iou >= 0.85, fit  # a 25-80 m wide basin on an 8 m grid
    labels, _ = ndimage.label(~ground.land)
    x, y = basin.representative_point().coords[0]
    j, i = int(round((y - ground.y0) / ground.cell)), int(round((x - ground.x0) / ground.cell))
    assert labels[j, i] and labels[j, i] == labels[0, 0], "the basin's water does not reach the sea"


@pytest.mark.parametrize("scene_id", ["gulangyu", "shapowei", "yundang"])
def test_water_and_island_pois_on_the_right_surface(scene_id):
    scene, ground, proj = built(scene_id)
    for poi in scene.pois:
        x, y, _ = proj.to_local(poi.lat, poi.lon)
        if poi.kind in WATER_KINDS:
            assert not bool(ground.is_land(x, y)), f"{scene_id}: {poi.kind} POI {poi.id} is on land"
        elif poi.kind in ISLAND_KINDS:
            assert island_component(ground, x, y), f"{scene_id}: {poi.kind} POI {poi.id} is not on an island"


def test_yundang_water_and_island_pois_on_osm_features():
    """Against OSM itself, not only the built grid: the lake POIs in OSM's water, Egret Island in
    one of its islands."""
    scene, _, proj = built("yundang")
    [lake] = osm_polygons(LAKE, proj)
    islands = [Polygon(r) for r in lake.interiors]
    for poi in scene.pois:
        point = Point(proj.to_local(poi.lat, poi.lon)[:2])
        if poi.kind in WATER_KINDS:
            assert lake.contains(point), poi.id
        elif poi.kind in ISLAND_KINDS:
            assert any(i.contains(point) for i in islands), poi.id


def test_the_kinds_checked_are_used():
    kinds = {p.kind for s in ("gulangyu", "shapowei", "yundang") for p in built(s)[0].pois}
    assert kinds & WATER_KINDS and kinds & ISLAND_KINDS


@pytest.mark.parametrize("tool, manifest", [("outline_yundang.py", "yundang"), ("outline_shapowei.py", "shapowei")])
def test_generated_osm_blocks_are_up_to_date(tool, manifest):
    """The manifests' osm-water blocks are what the tools print from the checked-in OSM file."""
    out = subprocess.run([sys.executable, str(ROOT / "tools" / tool), "--water"], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    text = (ROOT / "scenes" / manifest / "scene.yaml").read_text(encoding="utf-8")
    start = text.index("    # >>> osm-water")
    end = text.index("    # <<< osm-water") + len("    # <<< osm-water")
    assert text[start:end] == out.rstrip("\n")


def test_egret_goddess_stands_on_her_rock_south_of_the_central_park():
    scene, ground, proj = built("yundang")
    statue = next(lm for lm in scene.landmarks if lm.id == "egret_goddess_statue")
    x, y, _ = proj.to_local(statue.lat, statue.lon)
    assert island_component(ground, x, y), "the statue is not on a rock in the water"
    [lake] = osm_polygons(LAKE, proj)
    bailuzhou = max((Polygon(r) for r in lake.interiors), key=lambda p: p.area)
    centre = bailuzhou.centroid
    assert y < centre.y and abs(x - centre.x) < 100 and bailuzhou.distance(Point(x, y)) < 60
