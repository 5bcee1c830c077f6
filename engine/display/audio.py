"""A visit's sounds through Panda3D's audio manager: ambient loops that come and go by key (an
event's sound while it is on) and one-shots (a tour's `play_sound`, narration audio).

Where the base has no audio device (offscreen, muted, a kiosk without a sound card) the manager is
Panda3D's null one and every call still works, silently; a sound file that cannot be read is
logged and skipped, never raised. Loops are loaded once per file."""
from __future__ import annotations

import logging
import os
import sys
import weakref
from pathlib import Path

from panda3d.core import AudioSound, Filename

log = logging.getLogger("ludao.audio")
_BY_BASE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def sound_output_present(environ=os.environ) -> bool:
    """Whether this machine has somewhere to send sound. On Linux: a sound card (/dev/snd/pcm*), a
    PulseAudio or PipeWire server, or an OpenAL configuration of its own (ALSOFT_CONF, ALSOFT_DRIVERS);
    without one OpenAL would only fill stderr with ALSA's complaints. Other systems: assumed."""
    if not sys.platform.startswith("linux"):
        return True
    if environ.get("ALSOFT_CONF") or environ.get("ALSOFT_DRIVERS") or environ.get("PULSE_SERVER"):
        return True
    runtime = Path(environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}")
    if (runtime / "pulse" / "native").exists() or (runtime / "pipewire-0").exists():
        return True
    return any(Path("/dev/snd").glob("pcmC*D*p"))


def audio_of(base) -> "Audio":
    """The one Audio of this ShowBase (the event dress and the tour stage share its loops)."""
    audio = _BY_BASE.get(base)
    if audio is None:
        audio = _BY_BASE[base] = Audio(base)
    return audio


class Audio:
    def __init__(self, base):
        self.base = base
        self.loops: dict[str, tuple[Path, AudioSound]] = {}  # key -> (file, its sound), playing

    @property
    def audible(self) -> bool:
        """False on the null audio manager (offscreen, muted, no device)."""
        managers = self.base.sfxManagerList
        return bool(managers) and managers[0].is_valid()

    def _load(self, path: Path) -> AudioSound | None:
        sound = self.base.loader.loadSfx(Filename.from_os_specific(str(path)))
        if sound is None or (self.audible and sound.length() <= 0):
            log.warning("sound %s could not be read; it is left out", path)
            return None
        return sound

    def set_loops(self, wanted: dict[str, tuple[Path, float]]) -> None:
        """Exactly these loops play now (key -> (file, volume 0..1)): new ones start, gone ones stop."""
        for key in [k for k in self.loops if k not in wanted]:
            self.loops.pop(key)[1].stop()
            log.info("ambient sound '%s' stopped", key)
        for key, (path, volume) in wanted.items():
            playing = self.loops.get(key)
            if playing is not None and playing[0] == Path(path):
                playing[1].set_volume(volume)
                continue
            if playing is not None:
                playing[1].stop()
            sound = self._load(Path(path))
            if sound is None:
                self.loops.pop(key, None)
                continue
            sound.set_loop(True)
            sound.set_volume(volume)
            sound.play()
            self.loops[key] = (Path(path), sound)
            log.info("ambient sound '%s' playing %s", key, Path(path).name)

    def play(self, path: Path, volume: float = 1.0) -> None:
        """A sound once (a tour's `play_sound`)."""
        sound = self._load(Path(path))
        if sound is not None:
            sound.set_volume(volume)
            sound.play()

    def close(self) -> None:
        self.set_loops({})
