"""A supervisor's SIGTERM ends a run like closing its window (the visit, or the kiosk)."""
from __future__ import annotations

import signal
from contextlib import contextmanager

from engine.display.base import Display


@contextmanager
def stopped_by_sigterm(display: Display):
    """A supervisor's SIGTERM ends the visit like closing the window: the frame in progress ends,
    then the visit closes in order (an exception raised from the handler could land anywhere,
    even inside a write, and leave the clean-up waiting on it)."""
    def stop(signum, frame):
        display.request_stop()
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
