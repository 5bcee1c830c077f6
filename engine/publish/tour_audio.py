"""A tour's sound for the web page: the narration's recordings and `play_sound`'s files, copied into
the site as audio/<content hash>.<ext> (two tours, or two languages, sharing a file store it once,
and no author's path or file name reaches the site), named on the cue or sound that plays them.

Which file a step plays is what the tour runner hands its stage (engine.tour.timing.narration_audio:
the file a narration names, or the recording found by convention), heard by a listening stage during
the headless run, so the page plays exactly what the kiosk would."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from engine.manifest.sound_files import SUFFIXES, sound_problem
from engine.tour.runner import NullStage

AUDIO_FOLDER = "audio"
HASH_CHARS = 16


class SoundsHeard(NullStage):
    """A headless run's stage that remembers the sound the runner asked for last; `on_event` puts it
    after the `narrate` or `sound` event it belongs to, as an `audio_file` event."""

    def __init__(self):
        self.pending: tuple[Path, float] | None = None

    def sound(self, path: Path, volume: float) -> None:
        self.pending = (Path(path), float(volume))

    def on_event(self, event: dict) -> list[dict]:
        heard, self.pending = self.pending, None  # a sound belongs to the very next event only
        if heard is None or event["type"] not in ("narrate", "sound"):
            return []
        return [{"t": event["t"], "type": "audio_file", "path": str(heard[0]), "volume": heard[1]}]


def with_audio(events: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each event with the `audio_file` event that follows it (or None); audio_file events themselves
    are not listed."""
    paired = []
    for event in events:
        if event["type"] == "audio_file":
            if paired:
                paired[-1] = (paired[-1][0], event)
        else:
            paired.append((event, None))
    return paired


class SiteAudio:
    """The site's audio/ folder, filled as tracks name files."""

    def __init__(self, site: Path):
        self.site = site
        self.by_path: dict[Path, str | None] = {}

    def add(self, path: Path) -> str | None:
        """The file's path in the site, copied there once; None for a file the kiosk could not play
        either (the tour's checks refuse those; a recording found by convention is checked here)."""
        path = Path(path).resolve()
        if path not in self.by_path:
            self.by_path[path] = self._copy(path)
        return self.by_path[path]

    def _copy(self, path: Path) -> str | None:
        if not path.is_file() or sound_problem(path):
            return None
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:HASH_CHARS]
        name = f"{AUDIO_FOLDER}/{digest}{SUFFIXES[data[:4]]}"  # the kind it is, whatever its name says
        target = self.site / name
        if not target.exists():
            target.parent.mkdir(exist_ok=True)
            shutil.copyfile(path, target)
        return name
