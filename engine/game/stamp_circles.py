"""P009: a stamp whose circle lies wholly inside another stamp's circle.

A stamp is earned when the camera comes within `radius_m` of its POI. Circles that merely overlap are
common and meant: neighbouring sights (the Piano Museum stands in Shuzhuang Garden), radii sized so the
tour's arrival point, about 120 m out and 60 m up, earns the stamp; every shipped game has such pairs.
What an author does not mean is a circle wholly inside another: that stamp is never earned alone, so a
visitor always gets both at once, whichever sight they came for (usually a radius typed too large, or
two stamps for one POI). It is a warning, not an error: the game still works, only worse.

Distances are measured on the map (the game layer has no terrain); the rules measure in 3D, where
the POIs' heights differ by little next to the radii.
"""
from __future__ import annotations

import math

from engine.diagnostics import Diagnostic
from engine.game.schema import GameContent
from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest
from engine.manifest.yaml_loader import Document


def swallowed_stamps(doc: Document, game: GameContent, scene: SceneManifest) -> list[Diagnostic]:
    proj = LocalProjection(scene.origin.lat, scene.origin.lon)
    pois = {p.id: p for p in scene.pois}
    placed = []
    for i, c in enumerate(game.checkins):
        poi = pois.get(c.poi)
        if poi is not None:  # an unknown POI is P004's
            placed.append((i, c, proj.to_local(poi.lat, poi.lon)[:2]))
    out = []
    for i, inner, (x, y) in placed:
        for j, outer, (ox, oy) in placed:
            if i == j or inner.radius_m > outer.radius_m or (inner.radius_m == outer.radius_m and i < j):
                continue  # each pair once; of two equal circles in one place, the later is reported
            apart = math.hypot(x - ox, y - oy)
            if apart + inner.radius_m <= outer.radius_m:
                out.append(doc.diagnostic(
                    ("checkins", i, "radius_m"), "P009",
                    f"stamp '{inner.id}' is never earned alone: its circle ({inner.radius_m:g} m around "
                    f"'{inner.poi}') lies inside the circle of stamp '{outer.id}' ({outer.radius_m:g} m around "
                    f"'{outer.poi}', {apart:.0f} m away)", severity="warning",
                    hint=f"make radius_m of '{outer.id}' less than {apart + inner.radius_m:.0f}, or "
                         f"give the stamps POIs further apart"))
                break
    return out
