"""Starting an Xvfb for window tests. Two ways, one waiting rule:
- `displayfd_xvfb`: Xvfb picks a free display number itself (-displayfd);
- `fixed_range_xvfb`: a free number of a fixed range, for suites that run beside others (-displayfd
  raced other suites' servers for the same number here).
Either way the server is asked until it accepts clients: on a busy machine Xvfb can name its display
seconds before it does (a loaded 2-core CI machine has needed more than 3 s)."""
from __future__ import annotations

import os
import random
import subprocess
import time
from pathlib import Path

TRIES = 5  # another Xvfb starting at the same moment can win the same display


def answers(display: str, server: subprocess.Popen | None = None) -> bool:
    """Asks for up to about 15 s whether the server accepts clients (no longer once `server` has exited)."""
    for _ in range(50):
        if server is not None and server.poll() is not None:
            return False
        probe = subprocess.run(["xdotool", "getdisplaygeometry"], env={**os.environ, "DISPLAY": display},
                               capture_output=True, timeout=10)
        if probe.returncode == 0:
            return True
        time.sleep(0.3)
    return False


def _working(start) -> tuple[subprocess.Popen, str] | None:
    for _ in range(TRIES):
        proc, name = start()
        if proc is None:
            return None
        if proc.poll() is None and answers(name, proc):
            return proc, name
        proc.terminate()
        proc.wait(10)
    return None


def displayfd_xvfb(screen: str = "1024x600x24") -> tuple[subprocess.Popen, str] | None:
    """(the server, ':N'), or None when none would start."""
    def start():
        read, write = os.pipe()
        proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp"],
                                pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        # the number, then a newline in a write of its own: closing our end before that second write
        # kills the server ("Cannot write display number to fd"), which cost a 15 s wait and a retry
        number = b""
        while not number.endswith(b"\n") and (chunk := os.read(read, 16)):
            number += chunk
        os.close(read)
        return proc, f":{number.decode().strip()}"
    return _working(start)


def fixed_range_xvfb(numbers: range, screen: str = "1024x600x24",
                     log: Path | None = None) -> tuple[subprocess.Popen, str] | None:
    """(the server, ':N') on a free display of `numbers`, or None when none is free or would start.
    `log`: where the server's stderr goes (appended)."""
    def start():
        free = [n for n in numbers if not Path(f"/tmp/.X{n}-lock").exists()
                and not Path(f"/tmp/.X11-unix/X{n}").exists()]
        if not free:
            return None, ""
        number = random.choice(free)  # two suites starting at once rarely pick the same one
        stderr = open(log, "ab") if log is not None else subprocess.DEVNULL
        proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", screen, "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=stderr)
        return proc, f":{number}"
    return _working(start)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(10)
