"""Where the engine's own notes go: warnings (a damaged cache entry rebuilt, a file skipped) to
stderr as one line each, and every note with its time to DATA/logs/ludao.log, so a kiosk's
operator can read later why something was repaired. Set up once by the command line."""
from __future__ import annotations

import logging
from pathlib import Path

LOG_NAME = "ludao.log"
_HANDLERS: list[logging.Handler] = []


def setup_logging(data_dir: Path) -> Path:
    """Log to stderr (warnings and worse) and to DATA/logs/ludao.log (created on the first note)."""
    logger = logging.getLogger("ludao")
    for handler in _HANDLERS:  # a second call (tests call main() many times) replaces the first
        logger.removeHandler(handler)
        handler.close()
    _HANDLERS.clear()
    path = Path(data_dir) / "logs" / LOG_NAME
    screen = logging.StreamHandler()
    screen.setLevel(logging.WARNING)
    screen.setFormatter(logging.Formatter("run_tour.py: %(levelname)s: %(message)s"))
    file = _LazyFileHandler(path)
    file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for handler in (screen, file):
        logger.addHandler(handler)
        _HANDLERS.append(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return path


class _LazyFileHandler(logging.FileHandler):
    """A file handler whose folder is made with the first record: a command that notes nothing
    leaves no logs folder behind."""

    def __init__(self, path: Path):
        self.folder = path.parent
        super().__init__(path, encoding="utf-8", delay=True)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return  # an unwritable data folder must not stop the command; stderr still has it
        super().emit(record)
