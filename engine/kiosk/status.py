"""The operator's status panel as the PIN pad shows it: this kiosk's id, then the service's facts
(engine.service.status: uptime, restarts, visits today, free disk, the last errors), each labelled
in both languages. Only what is known: a database that cannot answer says so, the rest still shows."""
from __future__ import annotations

from pathlib import Path

from engine.service.status import service_status

CHINESE = {"uptime": "运行时间", "restarts": "重启次数", "visits today": "今日参观", "free disk": "剩余磁盘",
           "last error": "最近错误"}


def status_lines(*, started_at: float, data_dir: Path, store=None, kiosk_id: str = "") -> list[str]:
    """started_at: time.monotonic() when this run started."""
    facts = service_status(data_dir, started_at, store.visits_today if store is not None else None)
    lines = [f"终端 Kiosk: {kiosk_id}"] if kiosk_id else []
    return lines + [f"{CHINESE.get(label, '')} {label[:1].upper()}{label[1:]}: {value}".strip() for label, value in facts]
