"""Export the content schemas as JSON Schema, so editors (YAML Language Server) offer completion.
Every registered content kind (engine.manifest.kinds) gets one file under schemas/."""
from __future__ import annotations

import json
from pathlib import Path

from engine.manifest.kinds import REGISTRY, kind_of

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


def render_schema(model) -> str:
    schema = model.model_json_schema(mode="validation")
    kind = kind_of(model)
    if kind is not None and kind.customise is not None:
        kind.customise(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Ludao {model.__name__}"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_files() -> dict:
    """schema file name -> model, for every registered kind."""
    return {kind.schema_file: kind.model for kind in REGISTRY.values()}


def export_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in schema_files().items():
        target = folder / name
        target.write_text(render_schema(model), encoding="utf-8")
        written.append(target)
    return written
