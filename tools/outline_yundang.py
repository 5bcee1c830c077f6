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

import argparse
import math
import sys

WGS84_A = 6378137.0
WGS84_E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563)

# Points that are water in reality but that a coastline-only dataset may show as land:
# (name, lat, lon) in WGS-84. Bailuzhou Park is from the data sheet (converted from BD-09, +-100 m);
# the other two are in the lake's open water north and south of the island.
LAKE_PROBES = [
    ("Bailuzhou Park (island in the lake)", 24.47531, 118.08466),
    ("lake, north of Bailuzhou", 24.4785, 118.0850),
    ("lake, south of Bailuzhou", 24.4722, 118.0850),
]


def metres_per_degree(lat: float) -> tuple[float, float]:
    """(metres per degree of latitude, metres per degree of longitude) at a latitude (WGS-84)."""
    phi = math.radians(lat)
    w = math.sqrt(1 - WGS84_E2 * math.sin(phi) ** 2)
    meridian = WGS84_A * (1 - WGS84_E2) / w**3
    prime_vertical = WGS84_A / w
    return math.radians(1) * meridian, math.radians(1) * prime_vertical * math.cos(phi)


def load_land():
    """All OSM land polygons of the landmask as one shapely MultiPolygon (x = lon, y = lat)."""
    from roaring_landmask import LandmaskProvider, Shapes
    from shapely import wkb

    return wkb.loads(bytes(Shapes.wkb(LandmaskProvider.Osm)))


def lake_report(land, window) -> list[str]:
    """Comment lines saying whether the landmask has Yundang Lake as water (a hole) or as land."""
    from shapely.geometry import Point

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


def clip_land(land, south: float, west: float, north: float, east: float, min_area_m2: float,
              lat0: float) -> list:
    """The pieces of land inside the box, largest first, as (area m2, [(lat, lon), ...])."""
    from shapely.geometry import Polygon, box

    window = box(west, south, east, north)
    m_lat, m_lon = metres_per_degree(lat0)
    pieces = []
    for poly in getattr(land, "geoms", [land]):
        if not poly.intersects(window):
            continue
        clipped = poly.intersection(window)
        for part in getattr(clipped, "geoms", [clipped]):
            if part.geom_type != "Polygon" or part.is_empty:
                continue
            if part.interiors:
                print(f"# note: dropped {len(part.interiors)} hole(s) of a land piece", file=sys.stderr)
            ring = [(round(y, 6), round(x, 6)) for x, y in part.exterior.coords[:-1]]
            ring = [p for i, p in enumerate(ring) if p != ring[i - 1]]  # duplicates after rounding
            if len(ring) < 3:
                continue
            local = Polygon([((lon - west) * m_lon, (lat - south) * m_lat) for lat, lon in ring])
            if not local.is_valid:
                print("# warning: a piece is not a simple polygon after rounding", file=sys.stderr)
            if local.area < min_area_m2:
                continue
            if not local.exterior.is_ccw:
                ring.reverse()  # counter-clockwise seen from above, for tidiness
            pieces.append((local.area, ring))
    pieces.sort(key=lambda item: -item[0])
    return pieces


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lat", type=float, default=24.4765, help="scene origin latitude (WGS-84)")
    ap.add_argument("--lon", type=float, default=118.0900, help="scene origin longitude (WGS-84)")
    ap.add_argument("--extent-m", type=float, default=2500.0, help="the scene's extent_m (half-size of its square)")
    ap.add_argument("--margin-m", type=float, default=150.0, help="how far beyond the scene square to clip")
    ap.add_argument("--min-area-m2", type=float, default=500.0, help="skip pieces of land smaller than this")
    ap.add_argument("--id-prefix", default="xiamen_island", help="area ids: <prefix>, <prefix>_2, ...")
    ap.add_argument("--height-m", type=float, default=4.0, help="height_m of the land areas")
    args = ap.parse_args(argv)

    from shapely.geometry import box

    half = args.extent_m + args.margin_m
    m_lat, m_lon = metres_per_degree(args.lat)
    south, north = args.lat - half / m_lat, args.lat + half / m_lat
    west, east = args.lon - half / m_lon, args.lon + half / m_lon

    land = load_land()
    pieces = clip_land(land, south, west, north, east, args.min_area_m2, args.lat)
    print("# OSM land polygons (roaring-landmask, (c) OpenStreetMap contributors, ODbL 1.0)")
    print(f"# clipped to {south:.6f}..{north:.6f} N, {west:.6f}..{east:.6f} E; {len(pieces)} piece(s)")
    for line in lake_report(land, box(west, south, east, north)):
        print(line)
    for k, (area, ring) in enumerate(pieces):
        ident = args.id_prefix if k == 0 else f"{args.id_prefix}_{k + 1}"
        print(f"- id: {ident}  # {len(ring)} vertices, {area:,.0f} m2")
        print("  surface: land")
        print(f"  height_m: {args.height_m:g}")
        print("  outline:")
        for lat, lon in ring:
            print(f"    - [{lat:.6f}, {lon:.6f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
