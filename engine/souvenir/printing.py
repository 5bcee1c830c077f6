"""Printing a visitor's postcard to a CUPS queue with `lp -d QUEUE` (CUPS's own client: nothing to
pin, and it speaks to whichever server the machine is set up for, $CUPS_SERVER included).

A kiosk never shows a visitor an error of the print system: no CUPS, an unknown queue or a stopped
printer becomes a logged warning and a `PrintResult` whose message can be shown as it is. CUPS takes
the PNG as it is (its image filters scale it to the page)."""
from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("ludao.printing")

LP_TIMEOUT_S = 20
# What a visitor may read: the print system's own words stay in the log.
SENT = {"zh": "明信片正在打印，请在打印机处领取。", "en": "Your postcard is printing: collect it at the printer."}
FAILED = {"zh": "抱歉，现在无法打印。您可以拍下屏幕上的明信片。",
          "en": "Sorry, printing is not available right now. You can take a photo of the postcard on screen."}
_QUEUE = re.compile(r"^[A-Za-z0-9_.@-]{1,127}$")  # CUPS queue names: printable, no spaces, / or #
_JOB = re.compile(r"request id is (\S+)")


@dataclass(frozen=True)
class PrintResult:
    ok: bool
    job: str | None  # CUPS's request id ("kiosk-42"), when sent
    reason: str  # for the log and the operator, never the visitor

    def message(self, lang: str) -> str:
        """What to tell the visitor, in their language."""
        return (SENT if self.ok else FAILED).get(lang, (SENT if self.ok else FAILED)["en"])


def print_postcard(png: Path, queue: str | None, *, copies: int = 1, environ: Mapping[str, str] | None = None,
                   run: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> PrintResult | None:
    """Send the postcard to `queue`; None when no queue is configured (printing is off)."""
    if not queue:
        return None
    if not _QUEUE.match(queue):
        return _failed(f"the queue name {queue!r} is not a CUPS queue name")
    png = Path(png)
    if not png.is_file():
        return _failed(f"no postcard at {png}")
    path = None if environ is None else environ.get("PATH")
    lp, lpstat = shutil.which("lp", path=path), shutil.which("lpstat", path=path)
    if lp is None or lpstat is None:
        return _failed("no `lp` command: CUPS is not installed (apt-get install cups)")
    # A stopped queue would still take the job and print it hours later, to nobody: ask first.
    state = _run(run, [lpstat, "-p", queue], environ)
    if isinstance(state, str):
        return _failed(state)
    said = " ".join((state.stderr or state.stdout or "").split())
    if state.returncode != 0:
        return _failed(f"queue {queue} is not there or CUPS is not running: {said or 'lpstat failed'}")
    if " disabled" in said or "stopped" in said.lower():
        return _failed(f"queue {queue} is stopped: {said}")
    command = [lp, "-d", queue, "-n", str(max(1, int(copies))), "-t", "Ludao postcard", "--", str(png)]
    done = _run(run, command, environ)
    if isinstance(done, str):
        return _failed(done)
    said = " ".join((done.stderr or done.stdout or "").split())
    if done.returncode != 0:
        return _failed(f"lp -d {queue} failed ({done.returncode}): {said or 'no message'}")
    found = _JOB.search(done.stdout or "")
    job = found.group(1) if found else None
    log.info("postcard %s sent to printer queue %s as %s", png.name, queue, job or "a job")
    return PrintResult(True, job, f"sent to {queue}" + (f" as {job}" if job else ""))


def _run(run, command: list[str], environ) -> subprocess.CompletedProcess | str:
    """The finished command, or why it could not run (as text)."""
    try:
        return run(command, capture_output=True, text=True, timeout=LP_TIMEOUT_S,
                   env=None if environ is None else dict(environ))
    except subprocess.TimeoutExpired:
        return f"{Path(command[0]).name} did not answer within {LP_TIMEOUT_S} s (is cupsd running?)"
    except OSError as exc:
        return f"{Path(command[0]).name} could not be run: {exc}"


def _failed(reason: str) -> PrintResult:
    log.warning("postcard not printed: %s", reason)
    return PrintResult(False, None, reason)
