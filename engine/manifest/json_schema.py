"""Export the content schemas as JSON Schema, so editors (YAML Language Server) offer completion."""
from __future__ import annotations

import json
from pathlib import Path

from engine.game.schema import GameContent
from engine.manifest.scene_schema import SceneManifest
from engine.tour.schema import Tour

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
SCHEMAS = {"scene.schema.json": SceneManifest, "tour.schema.json": Tour, "game.schema.json": GameContent}


_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _registered_actions() -> dict:
    """The `action` step as one alternative per registered action, with its own parameters."""
    from engine.tour.actions import REGISTRY
    return {"description": "calls an action registered in engine code, by name", "oneOf": [
        {"type": "object", "additionalProperties": False, "required": ["name"] + (["params"] if spec.required else []),
         "description": spec.description,
         "properties": {"name": {"const": name}, "params": {
             "type": "object", "additionalProperties": False, "required": sorted(spec.required),
             "properties": {p: {"type": _JSON_TYPES[t]} for p, t in spec.params.items()}}}}
        for name, spec in sorted(REGISTRY.items())]}


def render_schema(model) -> str:
    schema = model.model_json_schema(mode="validation")
    if "Action" in schema.get("$defs", {}):
        schema["$defs"]["Action"] = _registered_actions()
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
