"""The sd_notify protocol (sd_notify(3)): newline-separated KEY=VALUE assignments in one datagram to
the AF_UNIX socket named by $NOTIFY_SOCKET ('@' starts an abstract name). Spoken directly: it is
a few lines, and a library would be one more pin for them."""
from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger("ludao.service")


class Notifier:
    """Sends state changes to the supervisor; does nothing where no supervisor listens."""

    def __init__(self, address: str | None):
        self.address = address or None
        self._sock: socket.socket | None = None
        self._warned = False

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> "Notifier":
        return cls(environ.get("NOTIFY_SOCKET"))

    @property
    def supervised(self) -> bool:
        return self.address is not None

    def send(self, *assignments: str) -> bool:
        """True when the datagram went out. A failure is logged once, never raised: a supervisor that
        went away must not stop the visit (the watchdog will notice the silence)."""
        if self.address is None:
            return False
        target = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._sock.sendto("\n".join(assignments).encode("utf-8"), target)
            return True
        except OSError as exc:
            if not self._warned:
                log.warning("could not notify the supervisor at %s: %s", self.address, exc)
                self._warned = True
            return False

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
