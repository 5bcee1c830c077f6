"""Finding scenes on disk and getting a ready scene graph: from the cache, or built and cached."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from engine.diagnostics import ContentError, Diagnostic
from engine.geo import LocalProjection
from engine.manifest.scene_loader import load_scene
from engine.world.built import BuiltScene
from engine.world.cache import SceneCache, cache_key
from engine.world.heightfield import Heightfield


def scene_manifests(scenes_dir: Path) -> dict[str, Path]:
    """Scene id (its folder name) -> manifest path, for every scenes/<id>/scene.yaml."""
    return {p.parent.name: p for p in sorted(Path(scenes_dir).glob("*/scene.yaml"))}


def find_scene(name_or_path: str, scenes_dir: Path) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml"):
        return candidate
    if candidate.is_dir() and (candidate / "scene.yaml").is_file():
        return candidate / "scene.yaml"
    known = scene_manifests(scenes_dir)
    if name_or_path in known:
        return known[name_or_path]
    from engine.diagnostics import did_you_mean
    hint = did_you_mean(name_or_path, known) or f"known scenes: {', '.join(known) or 'none'}"
    raise ContentError([Diagnostic(str(name_or_path), 1, 1, "C001", f"no scene named '{name_or_path}'", hint=hint)])


@dataclass
class LoadReport:
    from_cache: bool
    seconds: float


def get_scene(manifest_path: Path, loader, cache: SceneCache | None) -> tuple[BuiltScene, LoadReport]:
    """Validate the manifest, then load its built graph from the cache or build (and cache) it."""
    start = time.perf_counter()
    scene, _ = load_scene(manifest_path)
    if cache is not None:
        key = cache_key(scene, manifest_path)
        hit = cache.load(scene.id, key, loader)
        if hit is not None:
            root, arrays = hit
            built = BuiltScene(root, Heightfield.from_arrays(arrays),
                               LocalProjection(scene.origin.lat, scene.origin.lon), scene)
            return built, LoadReport(True, time.perf_counter() - start)
    from engine.world.builder import build_scene  # trimesh, scipy and friends: only on a cache miss
    built = build_scene(scene, manifest_path, loader)
    if cache is not None:
        cache.store(scene.id, key, built.root, built.ground.to_arrays())
    return built, LoadReport(False, time.perf_counter() - start)
