"""Visit statistics as CSV: one row per (day, kind, key), never a session id."""
from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Iterable

HEADER = ("kind", "key", "count", "total_seconds", "day")


def format_seconds(total: float | None) -> str:
    """Blank when nothing was timed; else up to millisecond precision without trailing zeros."""
    if total is None:
        return ""
    return f"{total:.3f}".rstrip("0").rstrip(".")


def write_stats_csv(rows: Iterable[tuple[str, str, int, float | None, str]], out: Path) -> int:
    """Write (kind, key, count, total_seconds, day) rows under a temporary name, then rename it into
    place, so a reader never sees half a file. Returns the number of data rows."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    count = 0
    try:
        with partial.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(HEADER)
            for kind, key, n, total, day in rows:
                writer.writerow((kind, key, n, format_seconds(total), day))
                count += 1
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return count
