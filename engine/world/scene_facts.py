"""A scene's facts (the ground and the footprints a tour camera keeps clear of), read from its
cached plan without touching the meshes, or planned without meshes on a miss. A headless tour
comes through here, so it loads neither Panda3D nor trimesh."""
from __future__ import annotations

from pathlib import Path

from engine.manifest.scene_schema import SceneManifest
from engine.world.cache import SceneCache, cache_key
from engine.world.plan.facts import SceneFacts
from engine.world.plan.plan_facts import plan_facts


def load_facts(scene: SceneManifest, manifest_path: Path, cache: SceneCache | None = None) -> SceneFacts:
    """The ground and footprints a tour needs for a validated scene (loaded from `manifest_path`):
    from a cached plan when there is one, else planned without meshes (and not cached: the full
    plan is what the cache holds)."""
    if cache is not None:
        facts = cache.load_facts(scene, cache_key(scene, manifest_path))
        if facts is not None:
            return facts
    return plan_facts(scene)
