"""probe: what is at a place of a scene (an authoring aid; the logic is engine.place_probe)."""
from __future__ import annotations

import argparse
import json

from engine.cli.exit_codes import EXIT_OK
from engine.settings import Settings


def cmd_probe(args: argparse.Namespace, settings: Settings) -> int:
    from engine.place_probe import probe
    from engine.scene_library import find_scene
    from engine.world.cache import SceneCache
    cache = SceneCache(settings.cache_dir) if settings.use_cache else None
    report = probe(find_scene(args.scene, settings.scenes_dir), args.lat, args.lon, cache)
    print(json.dumps(report.to_json(), ensure_ascii=False, indent=2) if args.format == "json"
          else "\n".join(report.lines()))
    return EXIT_OK
