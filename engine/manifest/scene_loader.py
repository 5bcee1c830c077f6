"""load_scene(path): YAML file -> validated SceneManifest, or ContentError with every problem.

Stages as in panda3d-gltf: load_yaml (data + marks) -> pydantic schema -> cross-checks. Nothing
here imports Panda3D, so content is checked in milliseconds without a window.
"""
from __future__ import annotations

from pathlib import Path

from engine.diagnostics import ContentError
from engine.manifest.read_once import read_once
from engine.manifest.scene_checks import check_scene
from engine.manifest.scene_schema import SceneManifest
from engine.manifest.schema_errors import validate_model
from engine.manifest.yaml_loader import Document, load_yaml


def validate_scene_document(doc: Document) -> SceneManifest:
    scene = validate_model(doc, SceneManifest, "a scene manifest")
    problems = check_scene(doc, scene)
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    doc.warnings = problems
    return scene


def load_scene(path: str | Path) -> tuple[SceneManifest, Document]:
    """Load and validate a scene manifest; raises ContentError listing every problem."""
    def load():
        doc = load_yaml(path)
        return validate_scene_document(doc), doc
    return read_once("scene", path, load)
