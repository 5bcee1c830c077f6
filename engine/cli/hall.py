"""hall: the exhibition hall (engine.kiosk.hall_flow), configured by hall.yaml, checked before any
window opens."""
from __future__ import annotations

import argparse

from engine.errors import UsageError
from engine.settings import Settings


def cmd_hall(args: argparse.Namespace, settings: Settings) -> int:
    from engine.kiosk.hall_config import CONFIG_FILE, load_hall
    path = args.config or settings.scenes_dir.parent / CONFIG_FILE
    if not path.is_file():
        raise UsageError(f"no hall configuration at {path} (write one like the project's hall.yaml, or give --config)")
    hall, _ = load_hall(path, settings.scenes_dir, settings.scripts_dir)  # ContentError: FILE:LINE:COL, exit 2
    settings.size = args.size or ((1280, 720) if args.windowed else (1920, 1080))
    from engine.app import hall as run_hall
    return run_hall(settings, hall, windowed=args.windowed, max_frames=args.max_frames)
