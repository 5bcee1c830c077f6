"""`validate`: check content files (all shipped content when no path is given)."""
from __future__ import annotations

from pathlib import Path

from engine.diagnostics import ContentError, Diagnostic
from engine.manifest.scene_loader import load_scene
from engine.settings import Settings


def content_files(paths: list[Path], settings: Settings) -> list[Path]:
    if not paths:
        return sorted(settings.scenes_dir.glob("*/scene.yaml"))
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(path.rglob("scene.yaml")) or [path]
        else:
            found.append(path)
    return found


def validate_file(path: Path) -> list[Diagnostic]:
    try:
        load_scene(path)
    except ContentError as exc:
        return exc.diagnostics
    return []


def validate_paths(paths: list[Path], settings: Settings) -> tuple[list[Diagnostic], int]:
    files = content_files(paths, settings)
    diagnostics: list[Diagnostic] = []
    for path in files:
        if path.is_dir():
            diagnostics.append(Diagnostic(str(path), 1, 1, "C002", "no scene.yaml found in this folder"))
            continue
        diagnostics += validate_file(path)
    return diagnostics, len(files)
