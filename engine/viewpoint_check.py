"""G004: a viewpoint whose eye is under the ground (or the water) or inside a landmark.

The manifest layer cannot see the terrain (it may not import engine.world), so this check composes
the two: it plans the scene's facts (heightfield and footprints, no meshes) and tests each viewpoint
against them. `validate` runs it on every scene that passes its own checks.

Landmarks are tested against the same circles a tour camera keeps out of (engine.world.plan.plan_facts):
a point within a landmark's circle and below its top is inside it. Generated district buildings are
tested the same way against their footprints in the facts (the circles the layout placed): the
author does not place them, but a viewpoint inside one shows a wall all the same, and the hint says
which way is clear.
"""
from __future__ import annotations

import numpy as np

from engine.diagnostics import Diagnostic
from engine.manifest.scene_schema import SceneManifest
from engine.manifest.yaml_loader import Document
from engine.world.plan.facts import SceneFacts
from engine.world.plan.plan_facts import landmark_footprint, plan_facts

# Planning a grid this large takes tens of seconds and gigabytes (a 20 km scene at 2 m cells is 4e8
# points); validate must stay quick, so such a scene's viewpoints go unchecked here.
MAX_GRID_POINTS = 4_000_000


def too_large_to_plan(scene: SceneManifest) -> bool:
    return (2 * scene.extent_m / scene.terrain.cell_m + 1) ** 2 > MAX_GRID_POINTS


def check_viewpoints(scene: SceneManifest, doc: Document, facts: SceneFacts | None = None) -> list[Diagnostic]:
    """One error for each viewpoint under the ground or water, or inside a landmark."""
    if not scene.viewpoints or too_large_to_plan(scene):
        return []
    facts = facts if facts is not None else plan_facts(scene)
    proj = facts.projection
    footprints = [(lm.id, fp) for lm in scene.landmarks
                  if (fp := landmark_footprint(lm, proj, facts.ground)) is not None]
    out = []
    for i, vp in enumerate(scene.viewpoints):
        x, y, _ = proj.to_local(vp.lat, vp.lon)
        loc = ("viewpoints", i, "height_m")
        ground = float(facts.ground.height_at(x, y))
        surface = max(ground, facts.water_level_m)  # as the clearance floor's ground_at: water covers low ground
        if vp.height_m < surface:
            what = "the ground" if ground >= facts.water_level_m else "the water"
            out.append(doc.diagnostic(loc, "G004", f"viewpoint '{vp.id}' is under {what}: its eye is at "
                                                   f"{vp.height_m:g} m, {what} there at {surface:.1f} m",
                                      hint=f"raise height_m above {surface + 2:.0f}"))
            continue
        for lm_id, (cx, cy, radius, top) in footprints:
            away = ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5
            if away < radius and vp.height_m < top:
                out.append(doc.diagnostic(loc, "G004", f"viewpoint '{vp.id}' is inside landmark '{lm_id}': its "
                                                       f"eye is at {vp.height_m:g} m, {away:.0f} m from its centre, "
                                                       f"below its top at {top:.1f} m",
                                          hint=f"raise height_m above {top + 2:.0f}, or move the viewpoint more than "
                                               f"{radius:.0f} m from the landmark"))
                break
        else:
            out += _inside_building(doc, vp.id, loc, x, y, vp.height_m, facts)
    return out


def _inside_building(doc: Document, vp_id: str, loc: tuple, x: float, y: float, height: float,
                     facts: SceneFacts) -> list[Diagnostic]:
    """G004 for an eye inside a generated district building (one numpy pass over all footprints)."""
    prints = facts.footprints.get("districts", (np.zeros((0, 4)), False))[0]
    if not len(prints):
        return []
    away = np.hypot(prints[:, 0] - x, prints[:, 1] - y)
    inside = (away < prints[:, 2]) & (height < prints[:, 3])
    if not inside.any():
        return []
    i = int(np.argmax(np.where(inside, prints[:, 3], -np.inf)))  # the tallest one it is in
    radius, top = float(prints[i, 2]), float(prints[i, 3])
    return [doc.diagnostic(loc, "G004", f"viewpoint '{vp_id}' is inside a generated district building: its eye "
                                        f"is at {height:g} m, {away[i]:.0f} m from the building's centre, "
                                        f"below its roof at {top:.1f} m",
                           hint=f"raise height_m above {top + 2:.0f}, or move the viewpoint more than "
                                f"{radius:.0f} m from it")]
