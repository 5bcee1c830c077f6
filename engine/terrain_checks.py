"""The scene checks that need the terrain, run together by `validate` on a scene that passed its
own checks: the scene's facts (heightfield and footprints, no meshes) are planned once and shared.

G004 viewpoints under the ground or inside a landmark or building (engine.viewpoint_check), G005
POIs on the wrong side of the water's edge (engine.poi_surface_check), G007 boats on land
(engine.boat_check)."""
from __future__ import annotations

from engine.boat_check import check_boats
from engine.diagnostics import Diagnostic
from engine.manifest.scene_schema import SceneManifest
from engine.manifest.yaml_loader import Document
from engine.poi_surface_check import check_poi_surfaces
from engine.viewpoint_check import check_viewpoints, too_large_to_plan
from engine.world.plan.facts import SceneFacts
from engine.world.plan.plan_facts import plan_facts


def facts_for_checks(scene: SceneManifest) -> SceneFacts | None:
    """The scene's facts, or None for a scene too large to plan quickly (its terrain goes unchecked)."""
    return None if too_large_to_plan(scene) else plan_facts(scene)


def check_on_terrain(scene: SceneManifest, doc: Document, facts: SceneFacts | None = None) -> list[Diagnostic]:
    facts = facts if facts is not None else facts_for_checks(scene)
    if facts is None:
        return []
    return check_viewpoints(scene, doc, facts) + check_poi_surfaces(scene, doc, facts) + check_boats(scene, doc, facts)
