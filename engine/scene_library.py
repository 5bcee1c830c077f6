"""Finding scenes on disk: scenes/<id>/scene.yaml by id, folder or path. (Getting a ready scene is
engine.world.library.get_scene; its plan alone, engine.world.plans.)"""
from __future__ import annotations

from pathlib import Path

from engine.diagnostics import ContentError, Diagnostic


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
