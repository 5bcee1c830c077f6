"""The engine's heartbeat to systemd (Type=notify, WatchdogSec=): READY=1 once the first frame is
drawn, WATCHDOG=1 at a fixed rate from the frame loop itself, STATUS= lines, STOPPING=1 on the way
out. The pings ride on a task that runs after each frame is drawn, so a render loop that hangs (or a
process that is stopped) falls silent and systemd restarts it. Without $NOTIFY_SOCKET nothing is sent.

Every window that a visitor sees runs inside `beating()`: `play` does (engine/app.py), and so does
the kiosk: `with beating(display.task_mgr, "kiosk: attract loop"): display.run()`.
"""
from __future__ import annotations

import faulthandler
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from engine.service.last_run import note_previous_run
from engine.service.notify import Notifier

log = logging.getLogger("ludao.service")

# Panda3D draws the frame in ShowBase's igLoop task (sort 50); ours runs after it in the same frame.
AFTER_DRAWING = 55
# Pings per watchdog interval: one late frame must not cost a restart, a hung loop must.
PINGS_PER_INTERVAL = 4


class Heartbeat:
    """What the frame loop tells the supervisor. `frame_drawn()` is called after every frame."""

    def __init__(self, notifier: Notifier, *, watchdog_s: float | None = None,
                 clock: Callable[[], float] = time.monotonic, status: str = "running"):
        self.notifier = notifier
        self.watchdog_s = watchdog_s
        self.clock = clock
        self.status = status
        self.ready = False
        self.pings = 0
        self._last_ping = 0.0
        self._busy_depth = 0  # busy() blocks inside one another: only the outermost restores the limit

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ, *, pid: int | None = None,
                     clock: Callable[[], float] = time.monotonic, status: str = "running") -> "Heartbeat":
        """systemd sets WATCHDOG_USEC (and WATCHDOG_PID: the process meant, not a child we started)."""
        watchdog_s = None
        usec, for_pid = environ.get("WATCHDOG_USEC", ""), environ.get("WATCHDOG_PID", "")
        if usec.isdigit() and int(usec) > 0 and (not for_pid or for_pid == str(pid or os.getpid())):
            watchdog_s = int(usec) / 1e6
        return cls(Notifier.from_environ(environ), watchdog_s=watchdog_s, clock=clock, status=status)

    @property
    def supervised(self) -> bool:
        return self.notifier.supervised

    @property
    def ping_interval_s(self) -> float | None:
        return None if self.watchdog_s is None else self.watchdog_s / PINGS_PER_INTERVAL

    def frame_drawn(self) -> None:
        now = self.clock()
        if not self.ready:
            self.ready = True
            self._last_ping = now
            self.notifier.send("READY=1", f"STATUS={self.status}", f"MAINPID={os.getpid()}")
            log.info("first frame drawn: ready (%s)", self.status)
        elif self.watchdog_s is not None and now - self._last_ping >= self.ping_interval_s:
            self._last_ping = now
            self.pings += 1
            self.notifier.send("WATCHDOG=1")

    @contextmanager
    def busy(self, seconds: float) -> Iterator[None]:
        """Work on the frame thread that may outlast the watchdog (loading a scene, rendering a
        postcard): the supervisor waits `seconds` longer (WATCHDOG_USEC=), then the usual limit returns."""
        if self.watchdog_s is None or self._busy_depth:
            yield  # unsupervised, or inside a longer allowance already
            return
        self.notifier.send(f"WATCHDOG_USEC={round((seconds + self.watchdog_s) * 1e6)}", "WATCHDOG=1")
        self._busy_depth += 1
        try:
            yield
        finally:
            self._busy_depth -= 1
            self.notifier.send(f"WATCHDOG_USEC={round(self.watchdog_s * 1e6)}", "WATCHDOG=1")
            self._last_ping = self.clock()

    def set_status(self, text: str) -> None:
        """One line for `systemctl status`: what the engine is showing now."""
        self.status = text
        self.notifier.send(f"STATUS={text}")

    def stopping(self) -> None:
        self.notifier.send("STOPPING=1", "STATUS=stopping")


_running: Heartbeat | None = None  # the heartbeat of the frame loop running now (one per process)


@contextmanager
def busy(seconds: float) -> Iterator[None]:
    """Frame-thread work that may outlast the watchdog (a scene loading, a postcard drawn, a write
    waiting on a locked database): the running heartbeat's `busy`, or nothing when no loop beats."""
    heartbeat = _running
    if heartbeat is None:
        yield
        return
    with heartbeat.busy(seconds):
        yield


@contextmanager
def beating(task_mgr, status: str = "running", environ: Mapping[str, str] = os.environ) -> Iterator[Heartbeat]:
    """The heartbeat for the frame loop run inside the block. Reads the environment systemd gave this
    process (the one exception to settings-only configuration: it is the supervisor's contract)."""
    heartbeat = Heartbeat.from_environ(environ, status=status)
    if heartbeat.supervised:
        note_previous_run(environ)
        # A watchdog's SIGABRT then writes every thread's stack to the journal: where the loop hung.
        if not faulthandler.is_enabled() and sys.stderr is not None:
            faulthandler.enable()

    def beat(task):
        heartbeat.frame_drawn()
        return task.cont

    global _running
    task = task_mgr.add(beat, "ludao-heartbeat", sort=AFTER_DRAWING)
    _running = heartbeat
    try:
        yield heartbeat
    finally:
        _running = None
        task_mgr.remove(task)
        heartbeat.stopping()
        heartbeat.notifier.close()
