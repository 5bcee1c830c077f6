"""The shipped systemd units say what the README promises (the supervisor test runs them for real
where it can: tests/test_supervisor.py)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def _settings(name: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in (DEPLOY / name).read_text().splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";")):
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_the_kiosk_unit_is_supervised_with_a_watchdog_and_backoff():
    unit = _settings("ludao-kiosk.service")
    assert unit["Type"] == ["notify"] and unit["NotifyAccess"] == ["main"]
    assert unit["Restart"] == ["always"]
    assert unit["WatchdogSec"] == ["1s"] and unit["RestartSec"] == ["100ms"]
    assert unit["StartLimitBurst"] and unit["OnFailure"] == ["ludao-kiosk-cooldown.service"]
    assert "Environment" in unit and any(v.startswith("DISPLAY=") for v in unit["Environment"])
    assert unit["StandardError"] == ["journal"]
    assert "$$SERVICE_RESULT" in unit["ExecStopPost"][0] and "$$RUNTIME_DIRECTORY/last-exit" in unit["ExecStopPost"][0]
    assert unit["RuntimeDirectoryPreserve"] == ["yes"]
    cooldown = _settings("ludao-kiosk-cooldown.service")
    assert any("reset-failed ludao-kiosk.service" in v for v in cooldown["ExecStart"])


def test_systemd_accepts_the_units(tmp_path):
    if not shutil.which("systemd-analyze"):
        pytest.skip("no systemd-analyze")
    for name in ("ludao-kiosk.service", "ludao-kiosk-cooldown.service"):
        (tmp_path / name).write_text((DEPLOY / name).read_text().replace("/opt/ludao/.venv/bin/python", "/bin/true"))
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", *map(str, sorted(tmp_path.iterdir()))],
                          capture_output=True, text=True, timeout=60)
    problems = [line for line in done.stderr.splitlines() if "ludao" in line]
    assert done.returncode == 0 and not problems, done.stderr
