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


def narration_audio(narration: Narration, lang: str, tour_path: Path | None) -> Path | None:
    """The recording of a line in a language: the file the narration names, or else, by convention,
    audio/<tour id>/<narration id>.<lang>.wav beside the tour. Only files the content rules allow
    (inside the content folders, no absolute paths) are ever returned, so nothing else is opened."""
    if tour_path is None:
        return None
    tour_path = Path(tour_path)
    named = getattr(narration.audio, lang, None) if narration.audio else None
    if named:
        raw = named
    elif narration.id:
        tour_id = tour_path.name.removesuffix(".tour.yaml")
        raw = f"audio/{tour_id}/{narration.id}.{lang}.wav"
    else:
        return None
    resolved, _ = check_asset_path(raw, tour_path)
    return resolved


def narration_seconds(narration: Narration, lang: str, speed: ReadingSpeed, tour_path: Path | None = None) -> float:
    """The recording's length when there is one that can be read, else the text's reading time."""
    audio = narration_audio(narration, lang, tour_path)
    length = audio_seconds(audio) if audio is not None else None
    if length is not None:
        return length + PAUSE_AFTER_S
    return text_seconds(getattr(narration, lang), lang, speed)
