"""Where event overlay files live: scenes/events/<id>.event.yaml (apart from the loader, so finding
them imports none of its checks)."""
from __future__ import annotations

from pathlib import Path

EVENTS_FOLDER = "events"
SUFFIX = ".event.yaml"


def event_files(scenes_dir: Path) -> list[Path]:
    return sorted((Path(scenes_dir) / EVENTS_FOLDER).glob(f"*{SUFFIX}"))
