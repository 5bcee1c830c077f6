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
as printed here, fills that inlet (`shelter_banks`) and paints the basin over it.

Example:
    python tools/outline_shapowei.py --lat 24.4395 --lon 118.0870 --extent-m 1400 --margin-m 150

With --water the script instead reads OSM's own polygon of the shelter basin (way 785097854, in
tools/data/xiamen-water.geojson; needs only shapely) and prints it as the `shelter_basin` water
area; with --write it rewrites the manifest's generated osm-water block in place:
    python tools/outline_shapowei.py --water --write scenes/shapowei/scene.yaml
OSM's "small basin beside it" (way 1123132764) overlaps that polygon by 87 % (a second drawing
of the same water) and is left out.
"""
from __future__ import annotations

import sys

from osm_land import load_land, numbered_parser, print_numbered_land
from osm_water import Area, add_water_args, block_lines, clipped, describe, emit, load_feature, open_ring, to_local, water_file

BASIN_OSM_ID = 785097854
BASIN_TOLERANCE_M = 1.0  # 53 -> ~30 vertices; the basin is 25-80 m wide on an 8 m grid


def basin_block(args) -> None:
    """Print (or --write) the typhoon-shelter basin from OSM as one water area."""
    from engine.geo import LocalProjection

    proj = LocalProjection(args.lat, args.lon)
    path = water_file(args.water_file)
    props, geom, attribution = load_feature(BASIN_OSM_ID, path)
    outers, _ = clipped(to_local(geom, proj), args.extent_m + args.margin_m, args.tolerance_m)
    if len(outers) != 1:
        raise SystemExit(f"expected one basin polygon, got {len(outers)}")
    areas = [Area("shelter_basin", "water", open_ring(outers[0]), note=describe(outers[0]))]
    header = [f"typhoon-shelter basin (OSM {props['osm_type']} {BASIN_OSM_ID}) from {path.name}: {attribution}",
              f"ring simplified to {args.tolerance_m:g} m"]
    emit(block_lines("tools/outline_shapowei.py --water", header, areas, proj), args.write)


def main(argv=None) -> int:
    ap = numbered_parser(__doc__.split("\n\n")[0], lat=24.4395, lon=118.0870, extent_m=1400.0, margin_m=150.0,
                         min_area_m2=1000.0, id_help="area ids, largest piece first: <prefix>, <prefix>_2, ...")
    add_water_args(ap, tolerance_m=BASIN_TOLERANCE_M)
    args = ap.parse_args(argv)
    if args.water:
        basin_block(args)
        return 0
    print_numbered_land(load_land(), args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
