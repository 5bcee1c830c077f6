"""G007: a boat on land. Boats float at the water level, so every boat of a `boat` landmark (one at
its lat/lon, or each of a row moored along its `path`, engine.world.plan.boats) must stand in the
water. A boat counts as on land when the terrain grid point nearest its centre is land: a quay line
drawn on the bank instead of just off it puts the whole row on the quay."""
from __future__ import annotations

import math

from engine.diagnostics import Diagnostic
from engine.manifest.scene_schema import SceneManifest
from engine.manifest.yaml_loader import Document
from engine.world.plan.boats import boat_spots
from engine.world.plan.facts import SceneFacts


def check_boats(scene: SceneManifest, doc: Document, facts: SceneFacts) -> list[Diagnostic]:
    """One error per boat landmark with a boat on land, naming the first such boat."""
    out = []
    ground, proj = facts.ground, facts.projection
    for i, lm in enumerate(scene.landmarks):
        if lm.kind != "boat":
            continue
        spots = boat_spots(lm, proj)
        on_land = [k for k, (x, y, _) in enumerate(spots) if bool(ground.is_land(x, y))]
        if not on_land:
            continue
        k = on_land[0]
        x0, y0, _ = spots[0]
        x, y, _ = spots[k]
        where = "" if len(spots) == 1 else \
            f" ({len(on_land)} of its {len(spots)} boats; the first {math.hypot(x - x0, y - y0):.0f} m along the row)"
        loc = ("landmarks", i, "path" if lm.path is not None else "lat")
        out.append(doc.diagnostic(loc, "G007", f"boat '{lm.id}' is on land{where}: boats float on the water",
                                  hint="move it into the water (`run_tour.py probe` says what is at a place)"))
    return out
