"""Visit statistics as CSV: one row per (day, kind, key), never a session id."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable

from engine.files import atomic_write

HEADER = ("kind", "key", "count", "total_seconds", "day")


def format_seconds(total: float | None) -> str:
    """Blank when nothing was timed; else up to millisecond precision without trailing zeros."""
    if total is None:
        return ""
    return f"{total:.3f}".rstrip("0").rstrip(".")


def write_stats_csv(rows: Iterable[tuple[str, str, int, float | None, str]], out: Path) -> int:
    """Write (kind, key, count, total_seconds, day) rows under a temporary name, then rename it into
    place, so a reader never sees half a file. Returns the number of data rows."""
    count = 0
    with atomic_write(Path(out), newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for kind, key, n, total, day in rows:
            writer.writerow((kind, key, n, format_seconds(total), day))
            count += 1
    return count
