"""The tour world of a scene, composed from the world's plan: pure, so a headless tour reads the
plan's facts (cached, or planned without meshes) and never loads Panda3D or trimesh. A tour on
screen is given the live scene itself as its floor (TourWorld(scene, live_scene)), so layers added
at run time count."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from engine.manifest.scene_loader import load_scene
from engine.manifest.scene_schema import SceneManifest
from engine.tour.world import TourWorld
from engine.world.cache import SceneCache
from engine.world.plan.clearance import Clearance
from engine.world.plan.facts import SceneFacts
from engine.world.plan.plan_facts import plan_facts
from engine.world.scene_facts import load_facts


def tour_world(manifest_path: Path, cache: SceneCache | None = None,
               dressed_by: Callable[[SceneManifest, SceneFacts], list] | None = None) -> TourWorld:
    """`dressed_by(scene, facts)`: footprints of what stands in the scene besides its own (an
    event's props, (x, y, radius, top) arrays): the tour camera keeps clear of them too."""
    scene, _ = load_scene(manifest_path)
    facts = load_facts(scene, manifest_path, cache)
    if dressed_by is None:
        return TourWorld(scene, facts.clearance())
    extra = [(prints, True) for prints in dressed_by(scene, facts)]
    return TourWorld(scene, Clearance(facts.ground, facts.water_level_m, [*facts.footprints.values(), *extra]))


def tour_world_of(scene: SceneManifest) -> TourWorld:
    """For a scene already loaded: its facts planned afresh (no cache)."""
    return TourWorld(scene, plan_facts(scene).clearance())
