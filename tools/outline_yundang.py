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
"""
from __future__ import annotations

import sys

from osm_land import load_land, numbered_parser, print_numbered_land

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


def main(argv=None) -> int:
    ap = numbered_parser(__doc__.split("\n\n")[0], lat=24.4765, lon=118.0900, extent_m=2500.0, margin_m=150.0,
                         min_area_m2=500.0, id_help="area ids: <prefix>, <prefix>_2, ...")
    args = ap.parse_args(argv)
    land = load_land()
    print_numbered_land(land, args, comments=lambda bounds: lake_report(land, bounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
