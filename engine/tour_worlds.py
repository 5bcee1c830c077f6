"""The tour world of a scene, composed from the world's plan: pure, so a headless tour reads the
plan's facts (cached, or planned without meshes) and never loads Panda3D or trimesh. A tour on
screen is given the live scene itself as its floor (TourWorld(scene, live_scene)), so layers added
at run time count."""
from __future__ import annotations

from pathlib import Path

from engine.manifest.scene_loader import load_scene
from engine.manifest.scene_schema import SceneManifest
from engine.tour.world import TourWorld
from engine.world.cache import SceneCache
from engine.world.plan.plan_facts import plan_facts
from engine.world.scene_facts import load_facts


def tour_world(manifest_path: Path, cache: SceneCache | None = None) -> TourWorld:
    scene, _ = load_scene(manifest_path)
    return TourWorld(scene, load_facts(scene, manifest_path, cache).clearance())


def tour_world_of(scene: SceneManifest) -> TourWorld:
    """For a scene already loaded: its facts planned afresh (no cache)."""
    return TourWorld(scene, plan_facts(scene).clearance())
