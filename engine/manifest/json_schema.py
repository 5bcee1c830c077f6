"""Export the content schemas as JSON Schema, so editors (YAML Language Server) offer completion."""
from __future__ import annotations

import json
from pathlib import Path

from engine.manifest.scene_schema import SceneManifest

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
SCHEMAS = {"scene.schema.json": SceneManifest}


def render_schema(model) -> str:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Ludao {model.__name__}"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        target = folder / name
        target.write_text(render_schema(model), encoding="utf-8")
        written.append(target)
    return written
