"""Sound files are checked before a player reads them, like models: what Panda3D's OpenAL manager
decodes (PCM WAV, Ogg Vorbis, FLAC), whole and of a sane size. A damaged or disguised file is
refused with the reason, so a kiosk never meets it at run time."""
from __future__ import annotations

import wave
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024  # minutes of CD-quality sound; an ambience loop is far smaller
KINDS = "a WAV (PCM), Ogg Vorbis or FLAC file"
SUFFIXES = {b"RIFF": ".wav", b"OggS": ".ogg", b"fLaC": ".flac"}  # each kind by its first four bytes


def sound_problem(path: Path) -> str:
    """'' when `path` is a playable sound file, else why not (for a diagnostic)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(64)
    except OSError as exc:
        return f"sound file '{path.name}' cannot be read ({exc.strerror})"
    if size == 0:
        return f"sound file '{path.name}' is empty"
    if size > MAX_BYTES:
        return f"sound file '{path.name}' is {size // 2**20} MB; at most {MAX_BYTES // 2**20} MB"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return _wav_problem(path)
    if head[:4] == b"OggS":
        return "" if b"\x01vorbis" in head else f"sound file '{path.name}' is Ogg but not Ogg Vorbis (Opus?); " \
                                                 "save it as Ogg Vorbis or WAV"
    if head[:4] == b"fLaC":
        return ""
    return f"sound file '{path.name}' is not {KINDS}"


def _wav_problem(path: Path) -> str:
    try:
        with wave.open(str(path), "rb") as w:
            frames, width, channels, rate = w.getnframes(), w.getsampwidth(), w.getnchannels(), w.getframerate()
            if not (1 <= channels <= 8 and width in (1, 2, 3, 4) and 1 <= rate <= 384000):
                return f"sound file '{path.name}' has an unusual format ({channels} channels, {8 * width} bit, " \
                       f"{rate} Hz)"
            if frames == 0:
                return f"sound file '{path.name}' holds no sound"
            got = len(w.readframes(frames)) // (width * channels)
    except (wave.Error, EOFError) as exc:
        return f"sound file '{path.name}' is not a PCM WAV file Ludao can play ({exc})"
    if got < frames:
        return f"sound file '{path.name}' is cut short ({got} of {frames} samples)"
    return ""
