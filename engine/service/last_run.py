"""What ended the previous run, for DATA/logs/ludao.log. systemd hands the outcome only to the
unit's ExecStopPost= ($SERVICE_RESULT, $EXIT_CODE, $EXIT_STATUS); deploy/ludao-kiosk.service writes
them to $RUNTIME_DIRECTORY/last-exit (kept across restarts, gone at boot) and the next run reads
and removes that file here. The restart count is systemd's own NRestarts."""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger("ludao.service")

LAST_EXIT = "last-exit"
# $SERVICE_RESULT in words an operator reads (systemd.exec(5), "Environment variables ...").
RESULTS = {
    "success": "it stopped normally",
    "exit-code": "it exited with an error",
    "signal": "it was killed by a signal",
    "core-dump": "it crashed (core dump)",
    "watchdog": "it stopped answering (watchdog timeout)",
    "timeout": "it did not start or stop in time",
    "start-limit-hit": "it restarted too often",
    "resources": "systemd could not start it",
    "oom-kill": "it ran out of memory",
}


def parse_last_exit(text: str) -> dict[str, str]:
    """'result=watchdog code=killed status=ABRT' -> {'result': 'watchdog', ...}."""
    fields = {}
    for word in text.split():
        key, sep, value = word.partition("=")
        if sep:
            fields[key] = value
    return fields


def describe(fields: Mapping[str, str]) -> str:
    result = fields.get("result", "")
    why = RESULTS.get(result, f"result {result or 'unknown'}")
    return f"{why} (result={result or '?'} code={fields.get('code') or '?'} status={fields.get('status') or '?'})"


def unit_name(cgroup_file: Path = Path("/proc/self/cgroup")) -> str | None:
    """The systemd unit this process runs in, from its cgroup path (…/ludao-kiosk.service)."""
    try:
        lines = cgroup_file.read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        for part in reversed(line.rpartition(":")[2].split("/")):
            if part.endswith(".service"):
                return part
    return None


def systemd_restarts(unit: str | None) -> int | None:
    """NRestarts of the unit (systemctl show), or None when there is no unit or no systemctl."""
    systemctl = shutil.which("systemctl")
    if not unit or not systemctl:
        return None
    try:
        done = subprocess.run([systemctl, "show", "--property=NRestarts", "--value", unit],
                              capture_output=True, text=True, timeout=3)
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = done.stdout.strip()
    return int(value) if done.returncode == 0 and value.isdigit() else None


def note_previous_run(environ: Mapping[str, str] = os.environ) -> str | None:
    """Log why the previous run ended (and the restart count); the line, or None on a first start."""
    folder = environ.get("RUNTIME_DIRECTORY", "").split(":")[0]
    if not folder:
        return None
    path = Path(folder) / LAST_EXIT
    try:
        fields = parse_last_exit(path.read_text(encoding="utf-8", errors="replace"))
        path.unlink()
    except OSError:
        return None  # the first start since boot: no previous run
    restarts = systemd_restarts(unit_name())
    line = f"previous run ended: {describe(fields)}; restarts: {'?' if restarts is None else restarts}"
    level = logging.INFO if fields.get("result") == "success" else logging.WARNING
    log.log(level, "%s", line)
    return line
