"""Every kind of content Ludao reads, registered with the manifest layer by importing it here:
scenes, tours, games, event overlays, the kiosk's kiosk.yaml and the exhibition hall's hall.yaml.
Commands that serve all kinds (schema export) import this module."""
from __future__ import annotations

from engine.game import schema as _game  # noqa: F401  (registers "game")
from engine.kiosk import config as _kiosk  # noqa: F401  (registers "kiosk")
from engine.kiosk import hall_config as _hall  # noqa: F401  (registers "hall")
from engine.manifest import scene_schema as _scene  # noqa: F401  (registers "scene")
from engine.manifest.json_schema import export_schemas, schema_files
from engine.manifest.kinds import REGISTRY
from engine.overlays import schema as _event  # noqa: F401  (registers "event")
from engine.tour import schema as _tour  # noqa: F401  (registers "tour")

SCHEMAS = schema_files()

__all__ = ["REGISTRY", "SCHEMAS", "export_schemas"]
