"""How long a narration lasts: its audio file's length, or its text read at the tour's speed."""
from __future__ import annotations

import re
import wave
from pathlib import Path

from engine.manifest.content_paths import check_asset_path
from engine.tour.schema import Narration, ReadingSpeed

PAUSE_AFTER_S = 0.8  # a breath between lines
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def text_seconds(text: str, lang: str, speed: ReadingSpeed) -> float:
    if lang == "zh":
        units = len(_CJK.findall(text)) + len(re.findall(r"[A-Za-z0-9]+", text)) * 0.5
        return units / speed.zh_chars_per_s + PAUSE_AFTER_S
    words = len(re.findall(r"\S+", text))
    return words / (speed.en_words_per_min / 60.0) + PAUSE_AFTER_S


def audio_seconds(path: Path) -> float | None:
    """Length of a WAV file, or None if it cannot be read as one."""
    try:
        with wave.open(str(path), "rb") as f:
            return f.getnframes() / float(f.getframerate())
    except (OSError, wave.Error, EOFError, ZeroDivisionError):
        return None


def narration_seconds(narration: Narration, lang: str, speed: ReadingSpeed, tour_path: Path | None = None) -> float:
    """Only audio files the content rules allow are opened (never an absolute path, a device or a
    file outside the content folders); any other is timed by its text."""
    audio = getattr(narration.audio, lang, None) if narration.audio else None
    if audio and tour_path is not None:
        resolved, _ = check_asset_path(audio, Path(tour_path))
        length = audio_seconds(resolved) if resolved is not None else None
        if length is not None:
            return length + PAUSE_AFTER_S
    return text_seconds(getattr(narration, lang), lang, speed)
