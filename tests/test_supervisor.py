"""The supervisor test: the shipped unit (deploy/ludao-kiosk.service) under the real systemd, the
engine's real frame loop in a window under Xvfb with its heartbeat. SIGKILL the engine, and
separately freeze it (SIGSTOP): each time a new main process comes up and is READY (its first frame
drawn), the journal says why, and DATA/logs/ludao.log names the previous run's end and the restart
count; a systemctl restart (SIGTERM) is noted as a normal stop.
systemd's own part is asserted tightly (a new process at once after a kill, within WatchdogSec + 1 s
after a freeze); the whole time to READY (target 5 s, docs/PERFORMANCE.md) is printed (-s) and only
bounded at 10 s, since the engine's start-up is machine load.
Runs systemd in namespaces (tests/systemd_sandbox.py): root, util-linux, Xvfb; skipped without them,
failed where CI is set."""
from __future__ import annotations

import re
import shutil
import sys
import time
from pathlib import Path

import pytest

from tests import xvfb as x_server
from tests.systemd_sandbox import SystemdSandbox, missing

REPO = Path(__file__).resolve().parents[1]
ISLET = REPO / "tests" / "data" / "scenes" / "islet" / "scene.yaml"
UNIT = "ludao-kiosk.service"
COOLDOWN = "ludao-kiosk-cooldown.service"
BACK_WITHIN_S = 5.0


@pytest.fixture
def xvfb(tmp_path):
    """An Xvfb on a free display of :80-:89 (-displayfd raced with other suites' servers here)."""
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        missing("no Xvfb or xdotool (make system-deps)")
    log = tmp_path / "xvfb.log"
    started = x_server.fixed_range_xvfb(range(80, 90), "640x360x24", log=log)
    if started is None:
        pytest.fail(f"could not start a working Xvfb on :80-:89: {log.read_text()[-1500:] if log.exists() else ''}")
    proc, name = started
    yield name
    x_server.stop(proc)


# The islet's kiosk, as tests/test_kiosk_window.py runs it (PIN 2468).
KIOSK = """\
scenes: [islet]
operator:
  salt: a401a8348b2104f1497fe8ad7a78a4f7
  pin_sha256: 2538a8afc55c78659d06b942abe88cd0a0cd46f809b6d95d3b98ea5942d53e74
"""


def _test_drop_in(display: str, data: Path) -> str:
    """The shipped unit as it is, but run as root, on the test's display and data folder: the kiosk
    on the small test scene, in a window."""
    return "\n".join([
        "[Service]", "User=", "Group=", "EnvironmentFile=",
        f"Environment=DISPLAY={display} XAUTHORITY= LUDAO_DATA={data} LUDAO_MUTE=1 HOME={data} LUDAO_SCENES={ISLET.parents[1]}",
        f"WorkingDirectory={REPO}", "ExecStart=",
        f"ExecStart={sys.executable} {REPO / 'run_tour.py'} kiosk --config {data / 'kiosk.yaml'} --windowed "
        f"--size 320x180 --event none", ""])


def _wait_for_new_ready(box: SystemdSandbox, old_pid: str, timeout: float = 30.0) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = box.show(UNIT, "MainPID", "ActiveState", "SubState", "NRestarts", "ActiveEnterTimestampMonotonic",
                         "ExecMainStartTimestampMonotonic", "Result")
        if state["ActiveState"] == "active" and state["MainPID"] not in ("0", old_pid):
            return state
        time.sleep(0.05)
    pytest.fail(f"{UNIT} not active again within {timeout} s:\n{box.journal(UNIT)[-3000:]}")


def _signal_and_time(box: SystemdSandbox, signal_name: str) -> tuple[float, float, dict[str, str]]:
    """Seconds from the signal to systemd starting the new engine, and to that engine's READY
    (systemd's own CLOCK_MONOTONIC timestamps, the clock time.monotonic() reads too)."""
    old = box.show(UNIT, "MainPID")["MainPID"]
    time.sleep(0.5)  # a running engine, a ping or two after READY, as a kiosk would be
    sent = time.monotonic()
    box.run("kill", f"-{signal_name}", old)
    state = _wait_for_new_ready(box, old)
    started = int(state["ExecMainStartTimestampMonotonic"]) / 1e6 - sent
    return started, int(state["ActiveEnterTimestampMonotonic"]) / 1e6 - sent, state


def test_the_engine_is_back_after_sigkill_and_after_sigstop(xvfb, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "kiosk.yaml").write_text(KIOSK, encoding="utf-8")
    units = {name: (REPO / "deploy" / name).read_text() for name in (UNIT, COOLDOWN)}
    units[f"{UNIT}.d/test.conf"] = _test_drop_in(xvfb, data)
    with SystemdSandbox(tmp_path / "systemd", units, start=[UNIT]) as box:
        first = _wait_for_new_ready(box, "0", timeout=60)
        assert first["NRestarts"] == "0", box.journal(UNIT)
        watchdog_s = int(box.show(UNIT, "WatchdogUSec")["WatchdogUSec"].removesuffix("s") or 0)

        kill_start, kill_ready, after_kill = _signal_and_time(box, "KILL")
        stop_start, stop_ready, after_stop = _signal_and_time(box, "STOP")
        journal = box.journal(UNIT)
        print(f"\nsupervisor: SIGKILL -> new engine started {kill_start:.2f} s, READY {kill_ready:.2f} s; "
              f"SIGSTOP -> started {stop_start:.2f} s, READY {stop_ready:.2f} s (WatchdogSec={watchdog_s}s)")

        # systemd's part is deterministic: at once after a kill, within WatchdogSec after a freeze.
        assert kill_start < 1.0, journal
        assert watchdog_s - 0.6 < stop_start < watchdog_s + 1.0, journal
        # The engine's start-up is machine load; the target (5 s: docs/PERFORMANCE.md) is printed above.
        assert kill_ready < BACK_WITHIN_S * 2 and stop_ready < BACK_WITHIN_S * 2, journal
        assert after_kill["NRestarts"] == "1" and after_stop["NRestarts"] == "2"
        assert "Main process exited, code=killed, status=9/KILL" in journal
        assert "Watchdog timeout" in journal
        assert "Fatal Python error: Aborted" in journal  # faulthandler's stack of the frozen engine
        log = (data / "logs" / "ludao.log").read_text()
        assert ("previous run ended: it was killed by a signal (result=signal code=killed status=KILL); "
                "restarts: 1") in log
        assert "previous run ended: it stopped answering (watchdog timeout) (result=watchdog" in log
        assert log.count("first frame drawn: ready") == 3
        # each start is back in the attract loop (the journal shows the stdout line's tabs as spaces)
        assert len(re.findall(r"kiosk\s+attract\s+islet", journal)) >= 3, journal

        # An operator's `systemctl restart`: SIGTERM ends the visit in order (exit 0), noted as such.
        old = after_stop["MainPID"]
        box.systemctl("restart", "--no-block", UNIT)
        _wait_for_new_ready(box, old)
        log = (data / "logs" / "ludao.log").read_text()
        assert "previous run ended: it stopped normally (result=success code=exited status=0)" in log
