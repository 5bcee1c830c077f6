#!/usr/bin/env python3
"""Print Xiamen Island's west coast around Yundang Lake as YAML `terrain.areas` outline lists.

Author-time helper for scenes/yundang/scene.yaml. It reads the OpenStreetMap land polygons that
PyPI `roaring-landmask` embeds (WGS-84, simplified to within about 55 m of the full OSM
coastline), clips them to a square a little larger than the scene, and prints each piece of land
as a YAML `terrain.areas` entry whose `outline` is a list of [lat, lon] pairs with 6 decimals.

Needs:  pip install roaring-landmask shapely
        (tested with roaring-landmask 0.11.0 and shapely 2.2; run it in a scratch virtual
        environment such as /tmp/lmvenv-yd: the engine does not depend on either at run time)

Data: (c) OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright).
Credit that in the scene's `credits` and README whenever the output goes into a manifest.

Yundang Lake is NOT in this data: OSM's land polygons are built from the sea coastline only, and
the lake (closed from the sea by the West Dike since 1970) comes out as solid land, with no hole.
The script checks that and says so (`# lake: ...` lines). The lake shore, Bailuzhou, Egret Island
and the Dongdu inlet are therefore authored by hand in the manifest, painted over this land.

Example (the values used for scenes/yundang/scene.yaml):
    python tools/outline_yundang.py --lat 24.4765 --lon 118.0900 --extent-m 2500 --margin-m 150

With --water the script instead reads OSM's own Yundang Lake polygon (relation 3243088, in
shared/content/osm/xiamen-water.geojson; needs only shapely, no landmask) and prints the lake as a
water area with Bailuzhou, Egret Island and the islets as land areas painted after it; with
--write scenes/yundang/scene.yaml it rewrites that manifest's generated osm-water block in place:
    python tools/outline_yundang.py --water --write scenes/yundang/scene.yaml
"""
from __future__ import annotations

import sys

from osm_land import load_land, numbered_parser, print_numbered_land
from osm_water import Area, add_water_args, block_lines, clipped, describe, emit, load_feature, open_ring, to_local, water_file

# Points that are water in reality but that a coastline-only dataset may show as land:
# (name, lat, lon) in WGS-84. Bailuzhou Park is from the data sheet (converted from BD-09, +-100 m);
# the other two are in the lake's open water north and south of the island.
LAKE_PROBES = [
    ("Bailuzhou Park (island in the lake)", 24.47531, 118.08466),
    ("lake, north of Bailuzhou", 24.4785, 118.0850),
    ("lake, south of Bailuzhou", 24.4722, 118.0850),
]


def lake_report(land, bounds) -> list[str]:
    """Comment lines saying whether the landmask has Yundang Lake as water (a hole) or as land.

    bounds: the clipping box (south, west, north, east) in degrees.
    """
    from shapely.geometry import Point, box

    south, west, north, east = bounds
    window = box(west, south, east, north)
    lines = []
    holes = 0
    for poly in getattr(land, "geoms", [land]):
        if poly.intersects(window):
            holes += sum(1 for ring in poly.interiors if window.intersects(ring))
    lines.append(f"# lake: {holes} hole(s) in the land polygons inside the window")
    for name, lat, lon in LAKE_PROBES:
        is_land = land.intersects(Point(lon, lat))
        lines.append(f"# lake: {name} ({lat}, {lon}) is {'LAND' if is_land else 'water'} in the landmask")
    return lines


LAKE_OSM_ID = 3243088
LAKE_TOLERANCE_M = 2.0  # 566 -> ~360 outer vertices; moves the shore by under 2 m (a cell is 14 m)
# The islands inside the scene square, largest first (OSM names none of them): Bailuzhou; the island
# in the middle of the water east of it, taken as Egret Island (data sheet: "in the middle of the
# lake"); a long islet off the north shore; a small one further east. Heights above the water.
ISLANDS = [("bailuzhou", 3.0), ("egret_island_land", 1.5), ("north_islet", 1.5), ("east_islet", 1.5)]


def lake_block(args) -> None:
    """Print (or --write) Yundang Lake from OSM: the water, then its islands as land over it."""
    from engine.geo import LocalProjection

    proj = LocalProjection(args.lat, args.lon)
    path = water_file(args.water_file)
    props, geom, attribution = load_feature(LAKE_OSM_ID, path)
    outers, islands = clipped(to_local(geom, proj), args.extent_m + args.margin_m, args.tolerance_m)
    islands.sort(key=lambda p: -p.area)
    if len(outers) != 1 or len(islands) != len(ISLANDS):
        raise SystemExit(f"expected one lake and {len(ISLANDS)} islands in the square, got {len(outers)}, {len(islands)}")
    areas = [Area("lake_water", "water", open_ring(outers[0]), note=describe(outers[0]))]
    areas += [Area(ident, "land", open_ring(p), height, describe(p)) for (ident, height), p in zip(ISLANDS, islands)]
    header = [f"{props['name']} (OSM {props['osm_type']} {LAKE_OSM_ID}) from {path.name}: {attribution}",
              f"clipped {args.extent_m + args.margin_m:g} m round the origin, rings simplified to {args.tolerance_m:g} m"]
    emit(block_lines("tools/outline_yundang.py --water", header, areas, proj), args.write)


def main(argv=None) -> int:
    ap = numbered_parser(__doc__.split("\n\n")[0], lat=24.4765, lon=118.0900, extent_m=2500.0, margin_m=150.0,
                         min_area_m2=500.0, id_help="area ids: <prefix>, <prefix>_2, ...")
    add_water_args(ap, tolerance_m=LAKE_TOLERANCE_M)
    args = ap.parse_args(argv)
    if args.water:
        lake_block(args)
        return 0
    land = load_land()
    print_numbered_land(land, args, comments=lambda bounds: lake_report(land, bounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
