"""Shared parts of the tools/outline_*.py coastline scripts (OpenStreetMap land -> YAML outlines).

Author-time helper, imported by tools/outline_gulangyu.py, tools/outline_shapowei.py and
tools/outline_yundang.py (they run as `python tools/outline_X.py`, so this folder is on sys.path
and a plain `from osm_land import ...` finds this module). It reads the OpenStreetMap land
polygons that PyPI `roaring-landmask` embeds (WGS-84, simplified to within about 55 m of the
full OSM coastline), clips them to a box, turns rings into [lat, lon] lists with 6 decimals, and
prints `terrain.areas` entries as YAML.

Needs:  pip install roaring-landmask shapely   (tested with roaring-landmask 0.11.0, shapely 2.2;
        use a scratch virtual environment: the engine depends on neither at run time)

Data: (c) OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright).
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


def window_bounds(lat0: float, lon0: float, half_m: float) -> tuple[float, float, float, float]:
    """(south, west, north, east) in degrees of the square of half-size half_m around an origin."""
    m_lat, m_lon = metres_per_degree(lat0)
    south, north = lat0 - half_m / m_lat, lat0 + half_m / m_lat
    west, east = lon0 - half_m / m_lon, lon0 + half_m / m_lon
    return south, west, north, east


def load_land():
    """All OSM land polygons of the landmask as one shapely MultiPolygon (x = lon, y = lat)."""
    from roaring_landmask import LandmaskProvider, Shapes
    from shapely import wkb

    return wkb.loads(bytes(Shapes.wkb(LandmaskProvider.Osm)))


def polygons_of(geom) -> list:
    """The non-empty Polygons of a geometry (itself, or the parts of a multi-part/collection)."""
    return [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon" and not g.is_empty]


def latlon_ring(coords) -> list[tuple[float, float]]:
    """(lon, lat) points of an open ring -> (lat, lon) pairs rounded to 6 decimals.

    Points that rounding made equal to the one before them (the first counts as following the
    last) are dropped.
    """
    ring = [(round(y, 6), round(x, 6)) for x, y in coords]
    return [p for i, p in enumerate(ring) if p != ring[i - 1]]


def note_holes(part) -> None:
    """Say on stderr that a piece's holes are dropped (outlines are exterior rings only)."""
    if part.interiors:
        print(f"# note: dropped {len(part.interiors)} hole(s) of a land piece", file=sys.stderr)


def clip_land(land, south: float, west: float, north: float, east: float, min_area_m2: float,
              lat0: float) -> list[tuple[float, list[tuple[float, float]]]]:
    """The pieces of land inside the box, largest first, as (area m2, [(lat, lon), ...]).

    Each piece is the exterior ring of one clipped polygon (holes dropped, with a note on
    stderr), rounded by latlon_ring, counter-clockwise seen from above; pieces with fewer than
    three points or smaller than min_area_m2 (measured in local metres at latitude lat0) are
    skipped.
    """
    from shapely.geometry import Polygon, box

    window = box(west, south, east, north)
    m_lat, m_lon = metres_per_degree(lat0)
    pieces = []
    for poly in getattr(land, "geoms", [land]):
        if not poly.intersects(window):
            continue
        for part in polygons_of(poly.intersection(window)):
            note_holes(part)
            ring = latlon_ring(part.exterior.coords[:-1])
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


def add_scene_args(ap, *, lat: float, lon: float, extent_m: float, margin_m: float,
                   min_area_m2: float, where: str = "") -> None:
    """Add --lat, --lon, --extent-m, --margin-m and --min-area-m2 with a scene's defaults.

    `where` is appended to the help of --lat and --lon (e.g. ", on Gulangyu").
    """
    ap.add_argument("--lat", type=float, default=lat, help=f"scene origin latitude (WGS-84){where}")
    ap.add_argument("--lon", type=float, default=lon, help=f"scene origin longitude (WGS-84){where}")
    ap.add_argument("--extent-m", type=float, default=extent_m, help="the scene's extent_m (half-size of its square)")
    ap.add_argument("--margin-m", type=float, default=margin_m, help="how far beyond the scene square to clip")
    ap.add_argument("--min-area-m2", type=float, default=min_area_m2, help="skip pieces of land smaller than this")


def numbered_parser(description: str, *, lat: float, lon: float, extent_m: float, margin_m: float,
                    min_area_m2: float, id_help: str) -> argparse.ArgumentParser:
    """The command line of a script that prints clip_land's pieces with numbered ids.

    The scene options of add_scene_args with the given defaults, then --id-prefix (default
    `xiamen_island`, help id_help) and --height-m (default 4).
    """
    ap = argparse.ArgumentParser(description=description)
    add_scene_args(ap, lat=lat, lon=lon, extent_m=extent_m, margin_m=margin_m, min_area_m2=min_area_m2)
    ap.add_argument("--id-prefix", default="xiamen_island", help=id_help)
    ap.add_argument("--height-m", type=float, default=4.0, help="height_m of the land areas")
    return ap


def print_area(ident: str, note: str, height_m: float, ring) -> None:
    """Print one land area as a YAML `terrain.areas` list entry: id (with a comment), surface,
    height_m and its outline as [lat, lon] pairs with 6 decimals."""
    print(f"- id: {ident}  # {note}")
    print("  surface: land")
    print(f"  height_m: {height_m:g}")
    print("  outline:")
    for lat, lon in ring:
        print(f"    - [{lat:.6f}, {lon:.6f}]")


def print_clip_header(bounds: tuple[float, float, float, float], count: int) -> None:
    """Print the credit line and the clipping box (south, west, north, east) as YAML comments."""
    south, west, north, east = bounds
    print("# OSM land polygons (roaring-landmask, (c) OpenStreetMap contributors, ODbL 1.0)")
    print(f"# clipped to {south:.6f}..{north:.6f} N, {west:.6f}..{east:.6f} E; {count} piece(s)")


def print_numbered(pieces, id_prefix: str, height_m: float) -> None:
    """Print clip_land's pieces as areas with ids <prefix>, <prefix>_2, ... (largest first)."""
    for k, (area, ring) in enumerate(pieces):
        ident = id_prefix if k == 0 else f"{id_prefix}_{k + 1}"
        print_area(ident, f"{len(ring)} vertices, {area:,.0f} m2", height_m, ring)


def print_numbered_land(land, args, comments=None) -> None:
    """Clip land to the square of half-size extent_m + margin_m around (lat, lon) and print it.

    `args` is what numbered_parser parsed. Prints print_clip_header's lines, then the lines that
    comments(bounds) returns for the box (south, west, north, east) if comments is given, then the
    pieces as areas <id_prefix>, <id_prefix>_2, ... of height height_m.
    """
    bounds = window_bounds(args.lat, args.lon, args.extent_m + args.margin_m)
    pieces = clip_land(land, *bounds, args.min_area_m2, args.lat)
    print_clip_header(bounds, len(pieces))
    for line in comments(bounds) if comments else ():
        print(line)
    print_numbered(pieces, args.id_prefix, args.height_m)
