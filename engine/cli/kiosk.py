"""kiosk: the touch kiosk (engine.kiosk), configured by kiosk.yaml, checked before any window opens."""
from __future__ import annotations

import argparse

from engine.errors import UsageError
from engine.settings import Settings


def cmd_kiosk(args: argparse.Namespace, settings: Settings) -> int:
    from engine.kiosk.config import CONFIG_FILE, load_kiosk
    path = args.config or settings.scenes_dir.parent / CONFIG_FILE
    if not path.is_file():
        raise UsageError(f"no kiosk configuration at {path} (write one like the project's kiosk.yaml, or give --config)")
    for name in ("idle_s", "countdown_s"):
        value = getattr(args, name)
        if value is not None and not 0 < value <= 3600:
            raise UsageError(f"--{name.replace('_', '-')} must be more than 0 and at most 3600 seconds")
    kiosk, _ = load_kiosk(path, settings.scenes_dir)  # ContentError: FILE:LINE:COL diagnostics, exit 2
    settings.size = args.size or ((1280, 720) if args.windowed else (1920, 1080))
    from engine.app import kiosk as run_kiosk
    return run_kiosk(settings, kiosk, windowed=args.windowed, max_frames=args.max_frames, idle_s=args.idle_s,
                     countdown_s=args.countdown_s)
