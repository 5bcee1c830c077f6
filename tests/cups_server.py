"""A private cupsd for the printing test: its own config, spool and socket in a temporary folder,
and one cups-pdf queue whose PDFs land in a folder of the test's (cups-pdf reads its settings only
from /etc/cups, so the queue's own cups-pdf-NAME.conf is written there and removed afterwards).
The machine's own CUPS, if any, is not touched. Needs root, cupsd and Debian's
printer-driver-cups-pdf; otherwise `missing()` skips (fails where CI is set)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")


def missing(why: str):
    if os.environ.get("CI"):
        pytest.fail(f"{why}: CI must run the printing test (make system-deps installs cups and cups-pdf)")
    pytest.skip(why)


class CupsServer:
    """`with CupsServer() as cups:` a running cupsd with queue `cups.queue`; `cups.env` for lp."""

    def __init__(self):
        self.queue = f"ludaotest{os.getpid()}"
        self.folder: Path | None = None
        self.proc: subprocess.Popen | None = None
        self.instance_conf = Path(f"/etc/cups/cups-pdf-{self.queue}.conf")

    def __enter__(self) -> "CupsServer":
        if os.geteuid() != 0:
            missing("the printing test starts its own cupsd, which needs root")
        for tool in ("cupsd", "lpadmin", "lp", "lpstat"):
            if not shutil.which(tool):
                missing(f"no {tool}: install cups (make system-deps)")
        if not (CUPS_PDF_PPD.is_file() and CUPS_PDF_BACKEND.is_file()):
            missing("no cups-pdf virtual printer: install printer-driver-cups-pdf (make system-deps)")
        # Under /tmp, readable by the 'lp' user the filters run as (pytest's tmp_path is root-only).
        self.folder = Path(tempfile.mkdtemp(prefix="ludao-cups-"))
        self.folder.chmod(0o755)
        for name in ("etc", "spool", "spool/tmp", "cache", "state", "pdf"):
            (self.folder / name).mkdir(exist_ok=True)
        (self.folder / "spool").chmod(0o710)
        (self.folder / "pdf").chmod(0o777)
        self.socket = self.folder / "cups.sock"
        (self.folder / "etc" / "cupsd.conf").write_text(
            f"Listen {self.socket}\nLogLevel warn\nWebInterface No\nBrowsing Off\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n")
        f = self.folder
        (f / "etc" / "cups-files.conf").write_text(
            f"ServerRoot {f}/etc\nRequestRoot {f}/spool\nTempDir {f}/spool/tmp\nCacheDir {f}/cache\n"
            f"StateDir {f}/state\nErrorLog {f}/error_log\nAccessLog {f}/access_log\nPageLog {f}/page_log\n"
            "ServerBin /usr/lib/cups\nDataDir /usr/share/cups\nUser lp\nGroup lp\nSystemGroup root\n")
        self.instance_conf.write_text(f"Out {f}/pdf\nAnonDirName {f}/pdf\nUserUMask 0000\nGrp root\n")
        self.proc = subprocess.Popen(["cupsd", "-f", "-c", str(f / "etc" / "cupsd.conf"),
                                      "-s", str(f / "etc" / "cups-files.conf")],
                                     stdout=subprocess.DEVNULL, stderr=open(f / "cupsd.out", "wb"))
        deadline = time.monotonic() + 20
        while not self.socket.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                why = (f / "cupsd.out").read_text()[-300:] + self._error_log()
                self.__exit__()
                missing(f"cupsd did not start here: {why}")
            time.sleep(0.1)
        self.admin("-p", self.queue, "-E", "-v", f"cups-pdf:/{self.queue}", "-P", str(CUPS_PDF_PPD))
        return self

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": str(self.socket)}

    @property
    def pdf_folder(self) -> Path:
        return self.folder / "pdf"

    def admin(self, *args: str) -> None:
        subprocess.run(["lpadmin", *args], env=self.env, check=True, capture_output=True, timeout=20)

    def run(self, *command: str) -> subprocess.CompletedProcess:
        return subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=20)

    def _error_log(self) -> str:
        log = self.folder / "error_log" if self.folder else None
        return log.read_text()[-2000:] if log and log.is_file() else ""

    def wait_for_pdf(self, timeout: float = 60.0) -> list[Path]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [p for p in self.pdf_folder.rglob("*.pdf") if p.stat().st_size > 0]
            if found and not self.run("lpstat", "-o", self.queue).stdout.strip():
                return found
            time.sleep(0.2)
        raise AssertionError(f"no PDF from cups-pdf within {timeout} s; cupsd's log:\n{self._error_log()}")

    def __exit__(self, *exc_info) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.instance_conf.unlink(missing_ok=True)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
