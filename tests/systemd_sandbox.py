"""The real systemd (Debian's /lib/systemd/systemd) as PID 1 of a private PID, mount, cgroup, UTS
and IPC namespace, for the supervisor test. The container itself runs no systemd, and must not be
disturbed: the manager sees only the units written here (SYSTEMD_UNIT_PATH, no generators), so none
of the machine's own units (tmpfiles' clean-up of /tmp, sysctl, sysusers...) ever start; /run,
/var/log/journal and /var/lib/systemd are private tmpfs; its cgroups live below one cgroup of ours.
Needs root, unshare and nsenter (util-linux) and a cgroup2 mount; otherwise `missing()` skips (fails
where CI is set, as tests/xr_runtime.py does for the VR runtime)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

SYSTEMD = Path("/lib/systemd/systemd")
JOURNALD_UNITS = ("systemd-journald.service", "systemd-journald.socket", "systemd-journald-dev-log.socket")
# What DefaultDependencies= of a service asks for; empty stand-ins, since the real ones pull in the
# machine's whole boot.
STUB_TARGETS = ("sysinit.target", "basic.target", "shutdown.target", "sockets.target", "paths.target",
                "timers.target", "graphical.target")

INNER = """#!/bin/sh
set -e
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs tmpfs /sys/fs/cgroup
mount -t cgroup2 cgroup2 /sys/fs/cgroup
for dir in /var/log/journal /var/lib/systemd; do [ -d $dir ] && mount -t tmpfs tmpfs $dir; done
mkdir -p /run/systemd/system
export container=ludao-test SYSTEMD_UNIT_PATH={units} SYSTEMD_GENERATOR_PATH={empty} \\
    SYSTEMD_ENVIRONMENT_GENERATOR_PATH={empty}
exec {systemd} --system --unit=ludao-test.target --log-target=journal --log-level=info
"""


def missing(why: str):
    if os.environ.get("CI"):
        pytest.fail(f"{why}: CI must run the supervisor test against the real systemd")
    pytest.skip(why)


def cgroup2_mount() -> Path | None:
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        fields = line.split()
        if fields[fields.index("-") + 1] == "cgroup2":
            return Path(fields[4])
    return None


class SystemdSandbox:
    """`with SystemdSandbox(folder, units={name: text}, start=[name]) as box:` boots it with those
    units (drop-ins as 'name.d/x.conf') and starts `start`; then `box.systemctl(...)`."""

    def __init__(self, folder: Path, units: dict[str, str], start: list[str]):
        self.folder = Path(folder)
        self.units = units
        self.start = start
        self.proc: subprocess.Popen | None = None
        self.cgroup: Path | None = None

    def __enter__(self) -> "SystemdSandbox":
        if os.geteuid() != 0:
            missing("the supervisor test runs systemd in a namespace, which needs root")
        for tool in ("unshare", "nsenter", "systemctl", "journalctl"):
            if not shutil.which(tool):
                missing(f"no {tool} (util-linux / systemd)")
        if not SYSTEMD.is_file():
            missing("systemd is not installed (apt-get install systemd)")
        mount = cgroup2_mount()
        if mount is None:
            missing("no cgroup2 file system mounted")
        units = self.folder / "units"
        units.mkdir(parents=True)
        (self.folder / "empty").mkdir()
        for name in JOURNALD_UNITS:
            shutil.copy(Path("/lib/systemd/system") / name, units / name)
        for name in STUB_TARGETS:
            (units / name).write_text("[Unit]\nDefaultDependencies=no\n")
        wants = " ".join(["systemd-journald.socket", "systemd-journald.service", *self.start])
        (units / "ludao-test.target").write_text(f"[Unit]\nDefaultDependencies=no\nWants={wants}\n")
        for name, text in self.units.items():
            (units / name).parent.mkdir(parents=True, exist_ok=True)
            (units / name).write_text(text)
        inner = self.folder / "inner.sh"
        inner.write_text(INNER.format(units=units, empty=self.folder / "empty", systemd=SYSTEMD))
        self.cgroup = mount / f"ludao-test-{os.getpid()}-{time.monotonic_ns()}"
        self.cgroup.mkdir()
        launch = (f"echo $$ > {self.cgroup}/cgroup.procs && exec unshare --pid --mount --cgroup --uts --ipc "
                  f"--fork --mount-proc --propagation private /bin/sh {inner}")
        self.proc = subprocess.Popen(["/bin/sh", "-c", launch], stdout=open(self.folder / "systemd.out", "wb"),
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                missing(f"systemd did not start in a namespace here: {(self.folder / 'systemd.out').read_text()[-500:]}")
            if self.pid1() and self.systemctl("is-system-running", check=False).stdout.strip():
                return self
            time.sleep(0.2)
        self.__exit__()
        missing("systemd in a namespace did not answer within 30 s")

    def pid1(self) -> int | None:
        """The manager's PID as this machine sees it (the child of unshare)."""
        if self.proc is None:
            return None
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        except OSError:
            return None
        return int(children[0]) if children else None

    def run(self, *command: str, check: bool = True, timeout: float = 20) -> subprocess.CompletedProcess:
        """A command inside the sandbox's namespaces (its /run, so systemctl finds this manager)."""
        return subprocess.run(["nsenter", "-t", str(self.pid1()), "-m", "-p", "-u", "-i", "--", *command],
                              capture_output=True, text=True, check=check, timeout=timeout)

    def systemctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self.run("systemctl", "--no-pager", *args, check=check)

    def show(self, unit: str, *properties: str) -> dict[str, str]:
        for _ in range(20):  # a manager busy restarting a unit can drop a query: ask again
            done = self.systemctl("show", unit, "--property=" + ",".join(properties), check=False)
            if done.returncode == 0:
                return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
            time.sleep(0.1)
        raise AssertionError(f"systemctl show {unit} failed: {done.stderr.strip()}")

    def journal(self, unit: str) -> str:
        return self.run("journalctl", "--no-pager", "-o", "short-monotonic", "-u", unit, check=False).stdout

    def __exit__(self, *exc_info) -> None:
        if self.proc is not None and self.proc.poll() is None:
            pid1 = self.pid1()
            if pid1:  # SIGKILL to a namespace's PID 1 ends every process in it
                os.kill(pid1, signal.SIGKILL)
            self.proc.wait(20)
        if self.cgroup is not None and self.cgroup.exists():
            for folder in sorted(self.cgroup.rglob("*"), key=lambda p: -len(p.parts)):
                if folder.is_dir():
                    _rmdir(folder)
            _rmdir(self.cgroup)


def _rmdir(folder: Path) -> None:
    for _ in range(50):  # a cgroup is busy until the kernel has reaped its last process
        try:
            folder.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.1)
