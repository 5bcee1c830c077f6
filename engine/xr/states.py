"""The OpenXR session's lifecycle, to the letter of the spec, as a pure state machine: each
XrSessionState the runtime reports gives what the app must do now.

    IDLE          wait (the runtime is not ready for us; after STOPPING the session idles here)
    READY         begin the session (xrBeginSession), start the frame loop
    SYNCHRONIZED  frames are timed, nothing is shown yet: render nothing but keep the loop going
    VISIBLE       frames are shown, no input focus
    FOCUSED       frames are shown and the controllers are ours
    STOPPING      end the session (xrEndSession), stop the frame loop
    LOSS_PENDING  the runtime is going away: tear the session down (a new one may come later)
    EXITING       the session is over: quit

A state that arrives out of the spec's order (READY while running, STOPPING while not running) is
logged and handled safely instead of calling the runtime in a way it would refuse.
"""
from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

LOG = logging.getLogger("ludao.xr")

STATES = ("UNKNOWN", "IDLE", "READY", "SYNCHRONIZED", "VISIBLE", "FOCUSED", "STOPPING", "LOSS_PENDING", "EXITING")
RUNNING_STATES = ("SYNCHRONIZED", "VISIBLE", "FOCUSED")


class Do(enum.Enum):
    """What the app does on entering a state."""
    NOTHING = "nothing"
    BEGIN = "begin"  # xrBeginSession with the stereo view configuration
    END = "end"  # xrEndSession
    TEAR_DOWN = "tear_down"  # destroy the session (and its swapchains, spaces); may retry later
    QUIT = "quit"  # destroy the session; the visit ends


@dataclass
class SessionStates:
    """Feed it each state change (`enter`); read `running` (the frame loop goes), `visible` (submit
    layers), `focused` (input is ours) and `over` (nothing more will come from this session)."""
    on_change: Callable[[str], None] | None = None  # told each state's name as it is entered
    state: str = "UNKNOWN"
    running: bool = False
    over: bool = False
    lost: bool = False
    history: list[str] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        return self.running and self.state in ("VISIBLE", "FOCUSED")

    @property
    def focused(self) -> bool:
        return self.running and self.state == "FOCUSED"

    def enter(self, state: str) -> Do:
        if state not in STATES:
            raise ValueError(f"not an XrSessionState: {state!r}")
        previous, self.state = self.state, state
        self.history.append(state)
        LOG.info("OpenXR session state %s -> %s", previous, state)
        if self.on_change is not None:
            self.on_change(state)
        return self._action(previous, state)

    def _action(self, previous: str, state: str) -> Do:
        if state == "READY":
            if self.running:
                LOG.warning("OpenXR session READY while already running (after %s): ignored", previous)
                return Do.NOTHING
            self.running = True
            return Do.BEGIN
        if state == "STOPPING":
            if not self.running:
                LOG.warning("OpenXR session STOPPING while not running (after %s): nothing to end", previous)
                return Do.NOTHING
            self.running = False
            return Do.END
        if state == "LOSS_PENDING":
            self.running, self.lost = False, True
            return Do.TEAR_DOWN
        if state == "EXITING":
            self.running, self.over = False, True
            return Do.QUIT
        if state in RUNNING_STATES and not self.running:
            LOG.warning("OpenXR session %s before it was begun (after %s): waiting for READY", state, previous)
        return Do.NOTHING

    def restarted(self) -> None:
        """A new session after LOSS_PENDING: back to the start."""
        self.state, self.running, self.lost = "UNKNOWN", False, False
