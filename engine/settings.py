"""One typed place for Ludao's options. The command line and LUDAO_* environment variables fill it;
code below the CLI receives it and never reads os.environ or sys.argv itself."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# the UI font, a subset of Noto Sans CJK SC (SIL OFL 1.1, its licence beside it): the kiosk's
# widgets, the postcard and the published web page all write with it
UI_FONT = PROJECT_ROOT / "assets" / "fonts" / "NotoSansSC-Ludao.otf"


@dataclass
class Settings:
    data_dir: Path = field(default_factory=lambda: Path(platformdirs.user_data_dir("ludao", appauthor=False)))
    lang: str = "zh"
    size: tuple[int, int] = (1280, 720)
    scenes_dir: Path = PROJECT_ROOT / "scenes"
    scripts_dir: Path = PROJECT_ROOT / "scripts"
    use_cache: bool = True
    kiosk_id: str = "kiosk-1"  # leaderboards and resume codes are per kiosk
    retention_days: int = 180  # visit data older than this is deleted
    # event overlays: forced on (`--event ID`, 'none' for none) instead of the calendar, and the
    # day the calendar is read for (`--date YYYY-MM-DD`; default: now)
    event_ids: tuple[str, ...] = ()
    preview_date: str | None = None
    clock_from: str | None = None  # `--clock-from`: the calendar starts at this moment and runs on
    mute: bool = False  # `--mute` or LUDAO_MUTE=1: a window plays no sound
    stats: bool = False  # `--stats`: the frame time on screen
    frame_times: Path | None = None  # `--frame-times FILE`: every frame's time, written when the display closes
    # `--quality` or LUDAO_QUALITY: the lighting path (engine.display.lighting); auto: fast on software GL
    quality: str = "auto"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @classmethod
    def from_environment(cls, environ: dict | None = None, **overrides) -> "Settings":
        env = os.environ if environ is None else environ
        settings = cls()
        if env.get("LUDAO_DATA"):
            settings.data_dir = Path(env["LUDAO_DATA"])
        if env.get("LUDAO_SCRIPTS"):
            settings.scripts_dir = Path(env["LUDAO_SCRIPTS"])
        if env.get("LUDAO_SCENES"):
            settings.scenes_dir = Path(env["LUDAO_SCENES"])
        if env.get("LUDAO_RETENTION_DAYS", "").isdigit():
            settings.retention_days = int(env["LUDAO_RETENTION_DAYS"])
        if env.get("LUDAO_KIOSK"):
            settings.kiosk_id = env["LUDAO_KIOSK"]
        if env.get("LUDAO_MUTE", "") not in ("", "0"):
            settings.mute = True
        if env.get("LUDAO_QUALITY") in ("auto", "fast", "pbr"):
            settings.quality = env["LUDAO_QUALITY"]
        if env.get("LUDAO_LANG") in ("zh", "en"):
            settings.lang = env["LUDAO_LANG"]
        for key, value in overrides.items():
            if value is not None:
                setattr(settings, key, value)
        return settings
