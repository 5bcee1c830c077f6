#!/usr/bin/env python3
"""Print the OpenStreetMap coast of Gulangyu and the shores around it as YAML outline lists.

Author-time helper for scenes/gulangyu/scene.yaml. It reads the OpenStreetMap land polygons that
PyPI `roaring-landmask` embeds (WGS-84, simplified to within about 55 m of the full OSM coastline),
keeps every piece of land that reaches into a square a little larger than the scene, clips the
pieces to that square, and prints each one as a YAML `terrain.areas` entry whose `outline` is a
list of [lat, lon] pairs with 6 decimals.

Pieces are named by what they are, not by size: the piece under the scene origin is `gulangyu`
(printed whole, never clipped: the island fits inside the scene), the piece that is part of the
largest polygon east of the origin is `xiamen_island`, and anything else gets `<prefix>_<n>`
(Dayu Island and the Haicang shore of the mainland to the north-west, the odd reef). With
--report, the tool also prints each piece's area and the narrowest width of the Lujiang Strait
between Gulangyu and Xiamen Island, as comments.

Needs:  pip install roaring-landmask shapely
        (tested with roaring-landmask 0.11.0 and shapely 2.2; run it in a scratch virtual
        environment, e.g. python -m venv /tmp/lmvenv; the engine does not depend on either)

Data: © OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright).
Credit that in the scene's `credits` and README whenever the output goes into a manifest.

Two optional extras derive hand-picked sub-areas from those outlines, for districts to fill
(land painted over land at the same height changes nothing in the terrain):
  --split-gulangyu LAT1,LON1,LAT2,LON2  cuts Gulangyu along that line into `gulangyu_west` and
                                        `gulangyu_east` (disjoint, so their districts never overlap)
  --city-setback-m M                    prints `xiamen_city`: Xiamen Island inside the scene square
                                        (not beyond it), set back M metres from the shore

The landmask has no piers, no Forty-Four Bridge and no beaches: those are authored by hand in the
manifest.

Example:
    python tools/outline_gulangyu.py --lat 24.4475 --lon 118.0619 --extent-m 1800 --margin-m 200 \
        --min-area-m2 2000 --report --split-gulangyu 24.4575,118.0600,24.4380,118.0645 --city-setback-m 50
"""
from __future__ import annotations

import argparse
import sys

from osm_land import (add_scene_args, latlon_ring, load_land, metres_per_degree, note_holes, polygons_of,
                      print_area, window_bounds)


class Flat:
    """Metres per degree at the origin: a plane approximation good to ~1e-4 over a few km."""

    def __init__(self, lat0: float, lon0: float):
        self.lat0, self.lon0 = lat0, lon0
        self.m_lat, self.m_lon = metres_per_degree(lat0)


def ring_of(poly) -> list[tuple[float, float]]:
    """Exterior ring as (lat, lon) pairs rounded to 6 decimals, counter-clockwise, no repeats."""
    from shapely.geometry import polygon as shp_polygon

    poly = shp_polygon.orient(poly, sign=1.0)  # counter-clockwise seen from above
    return latlon_ring(poly.exterior.coords[:-1])


def collect(land, lat0: float, lon0: float, half_m: float, min_area_m2: float, prefix: str) -> list[dict]:
    """The named pieces of land in the square of half-size half_m around the origin."""
    from shapely.geometry import Point, Polygon, box

    flat = Flat(lat0, lon0)
    south, west, north, east = window_bounds(lat0, lon0, half_m)
    window = box(west, south, east, north)
    origin = Point(lon0, lat0)

    touching = [p for p in getattr(land, "geoms", [land]) if p.intersects(window)]
    home = next((p for p in touching if p.contains(origin)), None)
    if home is None:
        raise SystemExit(f"no land under the origin {lat0}, {lon0}: is it the centre of Gulangyu?")
    east_side = [p for p in touching if p is not home and p.centroid.x > lon0]
    big_east = max(east_side, key=lambda p: p.area, default=None)

    pieces = []
    for poly in touching:
        whole = poly is home
        clipped = poly if whole else poly.intersection(window)
        parts = sorted(polygons_of(clipped), key=lambda g: -g.area)
        for k, part in enumerate(parts):
            note_holes(part)
            if part.interiors:
                part = Polygon(part.exterior)
            ring = ring_of(part)
            if len(ring) < 3:
                continue
            local = Polygon([((lon - lon0) * flat.m_lon, (lat - lat0) * flat.m_lat) for lat, lon in ring])
            if local.area < min_area_m2:
                continue
            if not local.is_valid:
                print("# warning: a piece is not a simple polygon after rounding", file=sys.stderr)
            if whole:
                name = "gulangyu"
            elif poly is big_east and k == 0:
                name = "xiamen_island"
            else:
                name = None  # numbered below, largest first
            pieces.append({"id": name, "ring": ring, "area_m2": local.area,
                           "clipped": not whole and not part.equals(poly), "local": local})
    order = {"gulangyu": 0, "xiamen_island": 1}
    pieces.sort(key=lambda p: (order.get(p["id"], 2), -p["area_m2"]))
    extra = 0
    for p in pieces:
        if p["id"] is None:
            extra += 1
            p["id"] = f"{prefix}_{extra}"
    return pieces


def to_ring_local(geom, flat: Flat, simplify_m: float = 0.0):
    """A polygon in (lon, lat) -> its largest part as (lat, lon) ring and local-metre polygon."""
    from shapely.geometry import Polygon

    parts = polygons_of(geom)
    if not parts:
        return None
    part = max(parts, key=lambda g: g.area)
    local = Polygon([((x - flat.lon0) * flat.m_lon, (y - flat.lat0) * flat.m_lat) for x, y in part.exterior.coords])
    if simplify_m:
        local = local.simplify(simplify_m, preserve_topology=True)
    back = Polygon([(flat.lon0 + x / flat.m_lon, flat.lat0 + y / flat.m_lat) for x, y in local.exterior.coords])
    ring = ring_of(back)
    local = Polygon([((lon - flat.lon0) * flat.m_lon, (lat - flat.lat0) * flat.m_lat) for lat, lon in ring])
    return {"ring": ring, "area_m2": local.area, "local": local}


def split_gulangyu(pieces: list[dict], line: list[float], lat0: float, lon0: float) -> list[dict]:
    """Cut Gulangyu's outline in two along a line given as lat1, lon1, lat2, lon2 (extended far)."""
    from shapely.geometry import Polygon

    flat = Flat(lat0, lon0)
    home = next(p for p in pieces if p["id"] == "gulangyu")
    island = Polygon([(lon, lat) for lat, lon in home["ring"]])
    (la1, lo1, la2, lo2) = line
    dx, dy = lo2 - lo1, la2 - la1
    far = 50.0  # extend the line well past the island both ways
    a = (lo1 - dx * far, la1 - dy * far)
    b = (lo2 + dx * far, la2 + dy * far)
    nx, ny = dy, -dx  # a normal: to the right of the line's direction
    right = Polygon([a, b, (b[0] + nx * far, b[1] + ny * far), (a[0] + nx * far, a[1] + ny * far)])
    left = Polygon([a, b, (b[0] - nx * far, b[1] - ny * far), (a[0] - nx * far, a[1] - ny * far)])
    out = []
    for half in (island.intersection(left), island.intersection(right)):
        got = to_ring_local(half, flat)
        if got is None:
            continue
        got["id"] = "gulangyu_west" if got["local"].centroid.x < (home["local"].centroid.x) else "gulangyu_east"
        got["clipped"] = True
        out.append(got)
    out.sort(key=lambda p: p["id"], reverse=True)  # west first
    return out


def city_area(pieces: list[dict], lat0: float, lon0: float, extent_m: float, setback_m: float) -> dict | None:
    """Xiamen Island inside the scene square, set back from its shore (a waterfront promenade)."""
    from shapely.geometry import box

    flat = Flat(lat0, lon0)
    city = next((p for p in pieces if p["id"] == "xiamen_island"), None)
    if city is None:
        return None
    inner = extent_m - 5.0
    shore = city["local"].buffer(-setback_m, join_style="mitre")
    clipped = shore.intersection(box(-inner, -inner, inner, inner))
    back = _to_lonlat(clipped, flat)
    got = to_ring_local(back, flat, simplify_m=5.0)
    if got is not None:
        got.update(id="xiamen_city", clipped=True)
    return got


def _to_lonlat(geom, flat: Flat):
    from shapely.geometry import MultiPolygon, Polygon

    def one(g):
        return Polygon([(flat.lon0 + x / flat.m_lon, flat.lat0 + y / flat.m_lat) for x, y in g.exterior.coords])
    parts = [one(g) for g in polygons_of(geom)]
    return MultiPolygon(parts) if len(parts) != 1 else parts[0]


def strait_width(pieces: list[dict]) -> float | None:
    """Shortest distance in metres between the Gulangyu and Xiamen Island outlines."""
    by_id = {p["id"]: p["local"] for p in pieces}
    if "gulangyu" in by_id and "xiamen_island" in by_id:
        return by_id["gulangyu"].distance(by_id["xiamen_island"])
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_scene_args(ap, lat=24.4475, lon=118.0619, extent_m=1800.0, margin_m=200.0, min_area_m2=2000.0,
                   where=", on Gulangyu")
    ap.add_argument("--prefix", default="osm_land", help="ids of the unnamed pieces: <prefix>_1, <prefix>_2, ...")
    ap.add_argument("--height-m", type=float, default=3.0, help="height_m of the land areas")
    ap.add_argument("--report", action="store_true", help="also print areas and the strait's width as comments")
    ap.add_argument("--split-gulangyu", metavar="LAT1,LON1,LAT2,LON2",
                    help="also print Gulangyu cut in two along this line (gulangyu_west, gulangyu_east)")
    ap.add_argument("--city-setback-m", type=float, metavar="M",
                    help="also print xiamen_city: Xiamen Island inside the scene, M metres back from the shore")
    args = ap.parse_args(argv)
    line = None
    if args.split_gulangyu:
        try:
            line = [float(v) for v in args.split_gulangyu.split(",")]
            if len(line) != 4:
                raise ValueError
        except ValueError:
            ap.error("--split-gulangyu wants four numbers: LAT1,LON1,LAT2,LON2")

    half = args.extent_m + args.margin_m
    pieces = collect(load_land(), args.lat, args.lon, half, args.min_area_m2, args.prefix)
    print("# OSM land polygons via roaring-landmask 0.11 (© OpenStreetMap contributors, ODbL 1.0)")
    print(f"# square of half-size {half:g} m around {args.lat}, {args.lon}; {len(pieces)} piece(s)")
    if args.report:
        width = strait_width(pieces)
        if width is not None:
            print(f"# narrowest Lujiang Strait (Gulangyu to Xiamen Island outline): {width:,.0f} m")
    extras = []
    if line is not None:
        extras += split_gulangyu(pieces, line, args.lat, args.lon)
    if args.city_setback_m is not None:
        city = city_area(pieces, args.lat, args.lon, args.extent_m, args.city_setback_m)
        if city is not None:
            extras.append(city)
    for p in pieces + extras:
        if p in extras:
            note = "derived sub-area for districts"
        else:
            note = "clipped to the square" if p["clipped"] else "whole"
        summary = f"{len(p['ring'])} vertices, {p['area_m2'] / 1e6:.3f} km2, {note}"
        print_area(p["id"], summary, args.height_m, p["ring"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
