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

import sys

from osm_land import load_land, numbered_parser, print_numbered_land


def main(argv=None) -> int:
    ap = numbered_parser(__doc__.split("\n\n")[0], lat=24.4395, lon=118.0870, extent_m=1400.0, margin_m=150.0,
                         min_area_m2=1000.0, id_help="area ids, largest piece first: <prefix>, <prefix>_2, ...")
    args = ap.parse_args(argv)
    print_numbered_land(load_land(), args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
