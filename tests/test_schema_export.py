"""The committed JSON Schema matches the pydantic models, so editors never suggest stale fields."""
import json

from engine.content_kinds import SCHEMAS
from engine.manifest.json_schema import SCHEMA_DIR, render_schema
from engine.scene_library import scene_manifests
from engine.settings import PROJECT_ROOT


def test_committed_schemas_are_in_sync():
    for name, model in SCHEMAS.items():
        committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert committed == render_schema(model), f"schemas/{name} is stale: run `python run_tour.py schema`"


def test_schema_describes_the_fields_authors_use():
    schema = json.loads((SCHEMA_DIR / "scene.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert {"id", "name", "origin", "terrain", "pois", "viewpoints"} <= set(schema["required"])
    kinds = schema["$defs"]["Landmark"]["properties"]["kind"]["enum"]
    assert {"church", "villa", "pavilion", "bridge", "tower", "rock", "statue", "pier"} <= set(kinds)


def test_every_shipped_manifest_names_the_schema_on_its_first_line():
    for path in scene_manifests(PROJECT_ROOT / "scenes").values():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schemas/scene.schema.json", path
