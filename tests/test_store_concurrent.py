"""Two kiosks on one database (a hall's shared disk, or two windows on one PC) never see
"database is locked" and lose nothing: every write waits its turn (WAL, BEGIN IMMEDIATE, a busy
timeout) and both kiosks' records are all there afterwards."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone

from engine.store import Store
from tests.conftest import ROOT

WRITES = 120

CHILD = r"""
import itertools, sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from engine.store import Store

ticks = itertools.count()
start = datetime(2025, 5, 1, 2, 0, tzinfo=timezone.utc)
store = Store(Path(sys.argv[1]), clock=lambda: start + timedelta(milliseconds=next(ticks)), kiosk_id=sys.argv[2])
session = store.start_session("gulangyu", "zh")
store.set_nickname(session.id, sys.argv[2])
for i in range(int(sys.argv[3])):
    store.record_stamp(session.id, f"stamp-{i:04d}")
    store.add_score(session.id, 1, f"stamp-{i:04d}")
    store.record_stat("step", f"step-{i % 7}", 1.5, session.id)
    if i % 10 == 0:
        store.submit_to_leaderboard(session.id)
store.submit_to_leaderboard(session.id)
print("DONE", session.id, flush=True)
"""


def test_two_kiosks_write_to_one_database_at_once(tmp_path):
    db = tmp_path / "ludao.db"
    script = tmp_path / "kiosk.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kiosks = [subprocess.Popen([sys.executable, str(script), str(db), name, str(WRITES)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for name in ("kiosk-a", "kiosk-b")]
    outputs = [k.communicate(timeout=300) for k in kiosks]
    for kiosk, (_, err) in zip(kiosks, outputs):
        assert kiosk.returncode == 0, err
        assert "locked" not in err
    sessions = [out.split()[1] for out, _ in outputs]
    store = Store(db, clock=lambda: datetime(2025, 5, 1, 3, 0, tzinfo=timezone.utc))
    try:
        for session in sessions:
            progress = store.progress(session)
            assert len(progress.stamps) == WRITES and progress.score == WRITES
        rows = store.leaderboard("scene", "gulangyu", limit=10)
        assert sorted(r.nickname for r in rows) == ["kiosk-a", "kiosk-b"]
    finally:
        store.close()
