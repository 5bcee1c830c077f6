"""G005: a POI whose kind says water (a harbour, a lake) standing on land, or whose kind says land (a
temple, a museum) standing in water: usually a mistyped or swapped position.

A POI's `kind` is free text, so only kinds whose surface is certain are checked; shore kinds (beach,
pier, bridge, boardwalk, sluice, pavilion, rock, lighthouse) may stand on either side of the water's
edge and are left alone, as is any kind not listed here. The terrain is the scene's heightfield
(`is_land`, on the terrain grid): a POI counts as misplaced only when no grid point around it has the
surface its kind wants, so a POI on the coastline (within a cell of it) is never reported.
"""
from __future__ import annotations

import numpy as np

from engine.diagnostics import Diagnostic
from engine.manifest.scene_schema import SceneManifest
from engine.manifest.yaml_loader import Document
from engine.world.plan.facts import SceneFacts

WATER_KINDS = frozenset({"harbour", "harbor", "lake", "bay", "sea", "river", "reservoir", "pond", "strait",
                         "channel", "marina", "lagoon"})
LAND_KINDS = frozenset({"church", "temple", "museum", "garden", "park", "building", "villa", "hall", "tower",
                        "statue", "sculpture", "peak", "hill", "island", "campus", "memorial", "library", "school",
                        "square", "plaza", "street", "market", "house", "fort", "cemetery", "mosque", "shrine"})


def surface_wanted(kind: str) -> str | None:
    """'land', 'water', or None when the kind says nothing certain about the surface."""
    kind = kind.strip().lower()
    return "water" if kind in WATER_KINDS else "land" if kind in LAND_KINDS else None


def check_poi_surfaces(scene: SceneManifest, doc: Document, facts: SceneFacts) -> list[Diagnostic]:
    """One warning for each POI of a water kind on land or of a land kind in water."""
    out = []
    ground, proj = facts.ground, facts.projection
    around = np.array([-1.0, 0.0, 1.0]) * ground.cell
    for i, poi in enumerate(scene.pois):
        wanted = surface_wanted(poi.kind)
        if wanted is None:
            continue
        x, y, _ = proj.to_local(poi.lat, poi.lon)
        xs, ys = np.meshgrid(x + around, y + around)
        land = np.asarray(ground.is_land(xs.ravel(), ys.ravel()), dtype=bool)
        if land.any() if wanted == "land" else not land.all():
            continue  # the wanted surface is at or next to the POI
        found = "on land" if wanted == "water" else "in the water"
        height = float(ground.height_at(x, y))
        out.append(doc.diagnostic(("pois", i, "lat"), "G005",
                                  f"POI '{poi.id}' of kind '{poi.kind}' is {found} (the ground there is at "
                                  f"{height:.1f} m): a {poi.kind} belongs {'on land' if wanted == 'land' else 'in the water'}",
                                  severity="warning",
                                  hint="check its lat and lon (`run_tour.py probe` says what is at a place), "
                                       "or its kind"))
    return out
