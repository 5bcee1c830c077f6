"""load_scene(path): YAML file -> validated SceneManifest, or ContentError with every problem.

Stages as in panda3d-gltf: load_yaml (data + marks) -> pydantic schema -> cross-checks. Nothing
here imports Panda3D, so content is checked in milliseconds without a window.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from engine.diagnostics import ContentError
from engine.manifest.scene_checks import check_scene
from engine.manifest.scene_schema import SceneManifest
from engine.manifest.schema_errors import schema_diagnostics
from engine.manifest.yaml_loader import Document, load_yaml


def validate_scene_document(doc: Document) -> SceneManifest:
    if not isinstance(doc.data, dict):
        raise ContentError([doc.diagnostic((), "S006", "a scene manifest must be a mapping of fields "
                                                         "(id, name, origin, terrain, pois, viewpoints, ...)")])
    try:
        scene = SceneManifest.model_validate(doc.data)
    except ValidationError as exc:
        raise ContentError(schema_diagnostics(doc, exc, SceneManifest)) from None
    problems = check_scene(doc, scene)
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return scene


def load_scene(path: str | Path) -> tuple[SceneManifest, Document]:
    """Load and validate a scene manifest; raises ContentError listing every problem."""
    doc = load_yaml(path)
    return validate_scene_document(doc), doc
