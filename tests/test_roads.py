"""Roads from OpenStreetMap, as the engine plans them: drawn where OSM's centre lines run, off the
water except on bridges, Yanwu Bridge on its real line, and the districts laid out along the
streets without a building on a road. Figures: scenes/*/README.md ("Roads")."""
from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon, box

from engine.geo import LocalProjection
from engine.manifest.scene_loader import load_scene
from engine.world.plan.layout import plan_layout
from engine.world.plan.roads import ribbon_polygons
from engine.world.plan.streets import REACH_M
from engine.world.plan.terrain import build_heightfield
from tests.conftest import shipped_plan

ROOT = Path(__file__).resolve().parents[1]
ROADS_FILE = ROOT / "tools" / "data" / "xiamen-roads.geojson"
SCENES = ("gulangyu", "shapowei", "yundang")


@lru_cache(maxsize=None)
def scene_of(scene_id: str):
    path = ROOT / "scenes" / scene_id / "scene.yaml"
    scene, _ = load_scene(path)
    return scene, path, LocalProjection(scene.origin.lat, scene.origin.lon)


def plan_of(scene_id: str):
    return shipped_plan(scene_id)[2]


@lru_cache(maxsize=None)
def layout_of(scene_id: str):
    scene, _, proj = scene_of(scene_id)
    ground = build_heightfield(scene, proj)
    return ground, plan_layout(scene, proj, ground)


@lru_cache(maxsize=None)
def drawn_roads(scene_id: str) -> shapely.STRtree:
    """The roads layer's triangles in a tree, once a scene (uniting Yundang's 63000 grown by 5 cm
    took 12 s, and was done for each of its three roads)."""
    batches = plan_of(scene_id).layer("roads").batches
    corners = np.concatenate([b.mesh.vertices[b.mesh.triangles][:, :, :2] for b in batches])
    return shapely.STRtree(shapely.polygons(corners))


def on_drawn_road(scene_id: str, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Which points lie on the drawn road: within 5 cm of one of its triangles."""
    hit = np.zeros(len(x), dtype=bool)
    hit[drawn_roads(scene_id).query(shapely.points(x, y), predicate="dwithin", distance=0.05)[0]] = True
    return hit


@lru_cache(maxsize=None)
def osm_ways(name: str, proj: LocalProjection) -> list[LineString]:
    """OSM's own centre lines of the ways with that name, in the scene's metres."""
    features = json.loads(ROADS_FILE.read_text(encoding="utf-8"))["features"]
    out = []
    for f in features:
        if f["properties"]["name"] == name:
            for line in f["geometry"]["coordinates"]:
                c = np.asarray(line)
                out.append(LineString(proj.to_local_many(c[:, 1], c[:, 0])[:, :2]))
    return out


@pytest.mark.parametrize("scene_id,name", [
    ("shapowei", "环岛南路 Huandao South Road"), ("gulangyu", "鹭江道"), ("yundang", "湖滨北路"),
    ("yundang", "湖滨南路"), ("yundang", "白鹭洲路"), ("shapowei", "演武路")])
def test_roads_are_drawn_where_osm_says(scene_id, name):
    """Points every 5 m along OSM's centre line, on land inside the scene, lie on the roads
    layer's triangles (and above the ground there)."""
    scene, path, proj = scene_of(scene_id)
    ground = plan_of(scene_id).facts.ground
    half = scene.extent_m - 5.0
    pts = []
    for way in osm_ways(name, proj):
        inside = way.intersection(box(-half, -half, half, half))
        for part in getattr(inside, "geoms", [inside]):
            if part.length > 0:
                pts += list(shapely.get_coordinates(shapely.line_interpolate_point(part, np.arange(0, part.length, 5.0))))
    pts = np.array(pts)
    assert len(pts) > 20, f"{name}: too little of it in {scene_id}"
    land = ground.is_land(pts[:, 0], pts[:, 1]) & (ground.height_at(pts[:, 0], pts[:, 1]) > 0.5)
    # away from the shore (the drawn road stops where the terrain's land does)
    inland = land & ground.is_land(pts[:, 0] + 15, pts[:, 1]) & ground.is_land(pts[:, 0] - 15, pts[:, 1]) \
        & ground.is_land(pts[:, 0], pts[:, 1] + 15) & ground.is_land(pts[:, 0], pts[:, 1] - 15)
    covered = on_drawn_road(scene_id, pts[inland, 0], pts[inland, 1])
    assert inland.sum() > 20
    assert covered.mean() >= 0.97, f"{name}: {covered.mean():.1%} of OSM's centre line points on the drawn road"


@pytest.mark.parametrize("scene_id", SCENES)
def test_roads_stay_off_the_water_except_on_bridges(scene_id):
    scene, _, _ = scene_of(scene_id)
    ground, layout = layout_of(scene_id)
    assert layout.roads
    for road in layout.roads:
        x, y = road.points[:, 0], road.points[:, 1]
        if road.deck is None:
            assert ground.is_land(x, y).all(), road.id
        else:  # a straight deck above the water and the ground, never draped on the lake bed
            assert (road.deck > scene.water.level_m + 0.5).all(), road.id
            assert (road.deck >= ground.height_at(x, y)).all(), road.id


def test_bridges_over_yundang_lake_are_straight_decks():
    scene, _, _ = scene_of("yundang")
    ground, layout = layout_of("yundang")
    bridges = [r for r in layout.roads if r.deck is not None]
    assert len(bridges) >= 4  # 湖滨中路桥, 白鹭洲路's bridges, ...
    for road in bridges:
        along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(road.points, axis=0).T))])
        line = np.interp(along, along[[0, -1]], road.deck[[0, -1]])
        over_water = ~ground.is_land(road.points[:, 0], road.points[:, 1])
        assert np.allclose(road.deck[over_water], line[over_water], atol=0.01), road.id


def test_yanwu_bridge_follows_the_osm_centre_line():
    """The deck runs midway between OSM's two one-way carriageways, over their whole length in the
    scene (the hand-drawn line before was up to ~100 m off it)."""
    scene, _, proj = scene_of("shapowei")
    [deck] = [lm for lm in scene.landmarks if lm.id == "yanwu_bridge_deck"]
    pts = proj.to_local_many(*np.asarray(deck.path).T)[:, :2]
    line = LineString(pts)
    ways = osm_ways("演武大桥", proj)
    longest = max(ways, key=lambda w: w.length)
    others = shapely.union_all([w for w in ways if w is not longest])
    samples = shapely.line_interpolate_point(line, np.arange(0, line.length, 10.0))
    d_one, d_other = shapely.distance(samples, longest), shapely.distance(samples, others)
    assert np.abs(d_one - d_other).max() <= 3.0, "the deck is not midway between the carriageways"
    assert max(d_one.max(), d_other.max()) <= 20.0
    half = scene.extent_m - 5.0
    inside = longest.intersection(box(-half, -half, half, half))
    assert shapely.hausdorff_distance(inside, line) <= 40.0  # and it runs the whole way


@lru_cache(maxsize=None)
def _district_checks(scene_id):  # two tests a scene read them
    ground, layout = layout_of(scene_id)
    ribbons = shapely.union_all(ribbon_polygons(layout.roads))
    lines = [r.line for r in layout.roads]
    return layout, ribbons, lines


@pytest.mark.parametrize("scene_id", SCENES)
def test_no_district_building_stands_on_a_road(scene_id):
    layout, ribbons, _ = _district_checks(scene_id)
    circles = [Point(x, y).buffer(r, 16) for plan in layout.districts for x, y, r, _ in plan.footprints()]
    assert circles
    on_road = shapely.intersects(np.array(circles, dtype=object), ribbons)
    assert not on_road.any(), f"{on_road.sum()} building footprints on a road in {scene_id}"


@pytest.mark.parametrize("scene_id", SCENES)
def test_districts_near_roads_line_the_streets(scene_id):
    """Most buildings of a district with a road near it stand within 80 m of a road's edge (the
    rows along the street), with their width along it (their front, local +y, faces the road).
    Scattered at random, as before, the buildings' headings missed the streets by up to 45 degrees."""
    layout, ribbons, lines = _district_checks(scene_id)
    tree = shapely.STRtree(lines)
    lined, by_road = 0, []
    for plan in layout.districts:
        polygon = layout.polygons[plan.district.area]
        if not plan.buildings or not len(tree.query(polygon, predicate="dwithin", distance=REACH_M)):
            continue
        lined += 1
        xy = np.array([(b[0], b[1]) for b in plan.buildings])
        near = shapely.distance(ribbons, shapely.points(xy)) <= 80.0
        by_road += list(near)
        assert near.mean() >= 0.5, f"{plan.district.id}: {near.mean():.0%} of its buildings by a road"
        errors = []
        for (x, y, _, _, heading, _), ok in zip(plan.buildings, near):
            if not ok:
                continue
            p = Point(x, y)
            road = lines[int(tree.nearest(p))]
            s = road.project(p)
            a, b = road.interpolate(max(s - 2.0, 0.0)), road.interpolate(min(s + 2.0, road.length))
            road_angle = np.degrees(np.arctan2(b.x - a.x, b.y - a.y))  # clockwise from north
            width_axis = heading + 90.0  # the building's local +x
            errors.append(abs((width_axis - road_angle + 90.0) % 180.0 - 90.0))
        assert np.median(errors) <= 2.0 and np.mean(np.array(errors) <= 10.0) >= 0.9, plan.district.id
    assert lined >= 1 and np.mean(by_road) >= 0.7, f"{np.mean(by_road):.0%} of the buildings by a road"


def test_districts_far_from_roads_are_placed_as_before():
    """A district with no road near its area gets exactly the random layout it had."""
    from engine.world.plan.placement import Occupancy, SightLines, plan_district
    from engine.world.plan.streets import Streets, plan_street_district

    scene, _, proj = scene_of("gulangyu")
    ground, layout = layout_of("gulangyu")
    district = scene.districts[0]
    far = Polygon([(-1790, -1790), (-1700, -1790), (-1700, -1700), (-1790, -1700)])
    streets = Streets(layout.roads)
    assert plan_street_district(district, far, ground, layout.keep_clear, Occupancy(), SightLines([]), streets) \
        is None
    near = layout.polygons[district.area]
    assert plan_street_district(district, near, ground, layout.keep_clear, Occupancy(), SightLines([]),
                                streets) is not None
    before = plan_district(district, near, ground, layout.keep_clear, Occupancy(), SightLines([]))
    assert before.buildings  # the random layout is still there for districts without streets


@pytest.mark.parametrize("scene_id", SCENES)
def test_roads_lie_just_above_the_ground(scene_id):
    """Every ribbon vertex, and the middle of every triangle, is lifted off the terrain (no
    z-fighting), and a draped road never floats more than a few metres up."""
    plan = plan_of(scene_id)
    ground = plan.facts.ground
    for batch in plan.layer("roads").batches:
        v = batch.mesh.vertices
        lift = v[:, 2] - ground.height_at(v[:, 0], v[:, 1])
        assert lift.min() >= 0.25, batch.name
        centres = v[batch.mesh.triangles].mean(axis=1)
        assert (centres[:, 2] - ground.height_at(centres[:, 0], centres[:, 1])).min() >= 0.05, batch.name


def test_roads_layer_is_batched_per_tile():
    plan = plan_of("yundang")
    roads = plan.layer("roads")
    assert [layer.name for layer in plan.layers][:3] == ["terrain", "roads", "water"]
    assert 0 < len(roads.batches) <= 36 and roads.triangle_count > 10000
    assert all(b.name.startswith("roads:") for b in roads.batches)


def _tool():
    spec = importlib.util.spec_from_file_location("osm_roads", ROOT / "tools" / "osm_roads.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("scene_id", SCENES)
def test_the_roads_block_is_what_the_tool_writes(scene_id):
    tool = _tool()
    features, attribution = tool.load_roads()
    text = (ROOT / "scenes" / scene_id / "scene.yaml").read_text(encoding="utf-8")
    assert tool.rewritten(scene_id, text, features, attribution) == text, \
        f"run `python tools/osm_roads.py --write {scene_id}`"
    assert "© OpenStreetMap contributors" in text
