"""The scene checks that need the terrain, run together by `validate` on a scene that passed its
own checks: the scene's facts (heightfield and footprints, no meshes) are planned once and shared.

G004 viewpoints under the ground or inside a landmark or building (engine.viewpoint_check), G005
POIs on the wrong side of the water's edge (engine.poi_surface_check)."""
from __future__ import annotations

from engine.diagnostics import Diagnostic
from engine.manifest.scene_schema import SceneManifest
from engine.manifest.yaml_loader import Document
from engine.poi_surface_check import check_poi_surfaces
from engine.viewpoint_check import check_viewpoints, too_large_to_plan
from engine.world.plan.plan_facts import plan_facts


def check_on_terrain(scene: SceneManifest, doc: Document) -> list[Diagnostic]:
    if too_large_to_plan(scene):
        return []
    facts = plan_facts(scene)
    return check_viewpoints(scene, doc, facts) + check_poi_surfaces(scene, doc, facts)
