"""The operator's status panel: lines of plain facts, only those known (no placeholders).

The seam for more (disk space, restarts, last errors from the supervisor): add a function that
returns lines and join it in `status_lines`; the PIN pad shows whatever this returns."""
from __future__ import annotations


def uptime_text(seconds: float) -> str:
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    return (f"{days} d " if days else "") + f"{hours} h {minutes:02d} min"


def status_lines(*, uptime_s: float, store=None, kiosk_id: str = "") -> list[str]:
    """What the status panel shows: this kiosk, how long it has run, the visits today (from the store)."""
    lines = [f"终端 Kiosk: {kiosk_id}"] if kiosk_id else []
    lines.append(f"运行时间 Uptime: {uptime_text(uptime_s)}")
    if store is not None:
        try:
            lines.append(f"今日参观 Visits today: {store.visits_today()}")
        except Exception as exc:  # a locked or broken database: say so, the panel still opens
            lines.append(f"数据库 Database: {type(exc).__name__}")
    return lines
