#!/usr/bin/env python3
"""Print the OpenStreetMap coast around Shapowei (south-west Xiamen Island) as YAML outline lists.

Author-time helper for scenes/shapowei/scene.yaml: it reads the OpenStreetMap land polygons that
PyPI `roaring-landmask` embeds (WGS-84, simplified to within about 55 m of the full OSM coastline),
clips them to a square a little larger than the scene, and prints each piece of land as a YAML
`terrain.areas` entry whose `outline` is a list of [lat, lon] pairs with 6 decimals.

Needs:  pip install roaring-landmask shapely
        (tested with roaring-landmask 0.11.0 and shapely 2.x; run it in a scratch virtual
        environment, the engine does not depend on either at run time)

Data: © OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright).
Credit that in the scene's `credits` and README whenever the output goes into a manifest.

The landmask has no Yanwu Bridge and no piers, and its coast is only good to ~55 m: the
typhoon-shelter basin survives in it as a coarse 60-90 m wide inlet (six vertices around
24.4415 N, 118.0815 E) that opens west-north-west to the sea. The manifest keeps the OSM outline
as printed here, fills that inlet (`shelter_banks`) and paints a narrower, hand-authored basin
(`shelter_basin`) along its centre line.

Example:
    python tools/outline_shapowei.py --lat 24.4395 --lon 118.0870 --extent-m 1400 --margin-m 150
"""
from __future__ import annotations

import argparse
import math
import sys

WGS84_A = 6378137.0
WGS84_E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563)


def metres_per_degree(lat: float) -> tuple[float, float]:
    """(metres per degree of latitude, metres per degree of longitude) at a latitude (WGS-84)."""
    phi = math.radians(lat)
    w = math.sqrt(1 - WGS84_E2 * math.sin(phi) ** 2)
    meridian = WGS84_A * (1 - WGS84_E2) / w**3
    prime_vertical = WGS84_A / w
    return math.radians(1) * meridian, math.radians(1) * prime_vertical * math.cos(phi)


def load_land():
    """All OSM land polygons of the landmask as one shapely MultiPolygon (lon, lat)."""
    from roaring_landmask import LandmaskProvider, Shapes
    from shapely import wkb

    return wkb.loads(bytes(Shapes.wkb(LandmaskProvider.Osm)))


def clip_land(land, south: float, west: float, north: float, east: float, min_area_m2: float,
              lat0: float) -> list:
    """The pieces of land inside the box, largest first, as lists of (lat, lon) tuples."""
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
            # Drop points that became duplicates after rounding.
            ring = [p for i, p in enumerate(ring) if p != ring[i - 1]]
            if len(ring) < 3:
                continue
            local = Polygon([((lon - west) * m_lon, (lat - south) * m_lat) for lat, lon in ring])
            if not local.is_valid:
                print("# warning: a piece is not a simple polygon after rounding", file=sys.stderr)
            if local.area < min_area_m2:
                continue
            if local.exterior.is_ccw is False:
                ring.reverse()  # counter-clockwise seen from above, for tidiness
            pieces.append((local.area, ring))
    pieces.sort(key=lambda item: -item[0])
    return pieces


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lat", type=float, default=24.4395, help="scene origin latitude (WGS-84)")
    ap.add_argument("--lon", type=float, default=118.0870, help="scene origin longitude (WGS-84)")
    ap.add_argument("--extent-m", type=float, default=1400.0, help="the scene's extent_m (half-size of its square)")
    ap.add_argument("--margin-m", type=float, default=150.0, help="how far beyond the scene square to clip")
    ap.add_argument("--min-area-m2", type=float, default=1000.0, help="skip pieces of land smaller than this")
    ap.add_argument("--id-prefix", default="xiamen_island", help="area ids, largest piece first: <prefix>, <prefix>_2, ...")
    ap.add_argument("--height-m", type=float, default=4.0, help="height_m of the land areas")
    args = ap.parse_args(argv)

    half = args.extent_m + args.margin_m
    m_lat, m_lon = metres_per_degree(args.lat)
    south, north = args.lat - half / m_lat, args.lat + half / m_lat
    west, east = args.lon - half / m_lon, args.lon + half / m_lon

    pieces = clip_land(load_land(), south, west, north, east, args.min_area_m2, args.lat)
    print("# OSM land polygons (roaring-landmask, (c) OpenStreetMap contributors, ODbL 1.0)")
    print(f"# clipped to {south:.6f}..{north:.6f} N, {west:.6f}..{east:.6f} E; {len(pieces)} piece(s)")
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
