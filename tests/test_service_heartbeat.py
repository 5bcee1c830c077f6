"""The heartbeat to systemd, against a real AF_UNIX datagram socket standing in for $NOTIFY_SOCKET:
READY=1 only after the first frame, WATCHDOG=1 at a fixed rate and only while frames are drawn,
nothing at all without a supervisor; and what the previous run's end looks like in the log."""
from __future__ import annotations

import logging
import socket

import pytest

from engine.service import last_run
from engine.service.heartbeat import AFTER_DRAWING, Heartbeat, beating
from engine.service.notify import Notifier


class Supervisor:
    """The receiving end of sd_notify: every datagram, split into its assignments."""

    def __init__(self, address: str, bind_to):
        self.address = address
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(bind_to)
        self.sock.setblocking(False)

    def messages(self) -> list[list[str]]:
        got = []
        while True:
            try:
                got.append(self.sock.recv(4096).decode().split("\n"))
            except BlockingIOError:
                return got


@pytest.fixture
def supervisor(tmp_path):
    sup = Supervisor(str(tmp_path / "notify"), str(tmp_path / "notify"))
    yield sup
    sup.sock.close()


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _env(sup, watchdog_usec=2_000_000, **more):
    return {"NOTIFY_SOCKET": sup.address, "WATCHDOG_USEC": str(watchdog_usec), **more}


def test_ready_comes_with_the_first_frame_and_pings_at_a_quarter_of_the_watchdog(supervisor):
    clock = Clock()
    beat = Heartbeat.from_environ(_env(supervisor), clock=clock, status="playing islet")
    assert beat.supervised and beat.ping_interval_s == 0.5
    assert supervisor.messages() == []  # nothing before a frame is drawn
    beat.frame_drawn()
    (ready,) = supervisor.messages()
    assert ready[:2] == ["READY=1", "STATUS=playing islet"] and ready[2].startswith("MAINPID=")
    for _ in range(20):  # 60 fps for 1/3 s: no ping yet
        clock.now += 1 / 60
        beat.frame_drawn()
    assert supervisor.messages() == []
    for _ in range(60):  # another second: two pings, not sixty
        clock.now += 1 / 60
        beat.frame_drawn()
    assert supervisor.messages() == [["WATCHDOG=1"], ["WATCHDOG=1"]]


def test_a_stalled_loop_sends_nothing_and_a_late_frame_pings_at_once(supervisor):
    clock = Clock()
    beat = Heartbeat.from_environ(_env(supervisor), clock=clock)
    beat.frame_drawn()
    supervisor.messages()
    clock.now += 5.0  # no frames: no pings (systemd's watchdog fires on its own)
    assert supervisor.messages() == []
    beat.frame_drawn()
    assert supervisor.messages() == [["WATCHDOG=1"]]


def test_without_notify_socket_nothing_is_sent_and_nothing_fails():
    beat = Heartbeat.from_environ({})
    assert not beat.supervised
    beat.frame_drawn()
    beat.set_status("x")
    beat.stopping()
    assert beat.ready


def test_the_watchdog_is_for_the_process_systemd_named(supervisor):
    other = Heartbeat.from_environ(_env(supervisor, WATCHDOG_PID="1"), pid=4242)
    assert other.watchdog_s is None  # a child of the engine must not keep a hung engine alive
    mine = Heartbeat.from_environ(_env(supervisor, WATCHDOG_PID="4242"), pid=4242)
    assert mine.watchdog_s == 2.0


def test_an_abstract_socket_address(tmp_path):
    name = f"ludao-test-{tmp_path.name}"
    sup = Supervisor("@" + name, "\0" + name)
    try:
        assert Notifier("@" + name).send("READY=1")
        assert sup.messages() == [["READY=1"]]
    finally:
        sup.sock.close()


def test_a_supervisor_gone_is_logged_once_not_raised(tmp_path, caplog):
    notifier = Notifier(str(tmp_path / "nobody-listens"))
    with caplog.at_level(logging.WARNING, logger="ludao.service"):
        assert not notifier.send("WATCHDOG=1")
        assert not notifier.send("WATCHDOG=1")
    assert len([r for r in caplog.records if "could not notify" in r.message]) == 1


def test_busy_work_extends_the_watchdog_and_then_restores_it(supervisor):
    clock = Clock()
    beat = Heartbeat.from_environ(_env(supervisor, 1_000_000), clock=clock)
    beat.frame_drawn()
    supervisor.messages()
    with beat.busy(30):
        clock.now += 20
    assert supervisor.messages() == [["WATCHDOG_USEC=31000000", "WATCHDOG=1"],
                                     ["WATCHDOG_USEC=1000000", "WATCHDOG=1"]]


def test_busy_inside_busy_keeps_the_longer_allowance_and_the_loops_busy_reaches_the_running_heartbeat(
        supervisor, offscreen_base):
    from engine.service.heartbeat import busy
    with busy(5):  # no loop beating: nothing to tell, nothing fails
        pass
    with beating(offscreen_base.task_mgr, "kiosk", _env(supervisor, 1_000_000)):
        offscreen_base.task_mgr.step()
        supervisor.messages()
        with busy(30):
            with busy(6):  # a store write inside a scene load: the load's allowance stands
                pass
        assert supervisor.messages() == [["WATCHDOG_USEC=31000000", "WATCHDOG=1"],
                                         ["WATCHDOG_USEC=1000000", "WATCHDOG=1"]]
    with busy(5):
        pass
    assert supervisor.messages()[-1] == ["STOPPING=1", "STATUS=stopping"]


def test_beating_runs_after_the_frame_is_drawn_in_panda3d_and_says_stopping(supervisor, offscreen_base):
    """The real task manager: the heartbeat task is sorted after ShowBase's igLoop (the drawing)."""
    tasks = offscreen_base.task_mgr
    assert tasks.getTasksNamed("igLoop")[0].sort < AFTER_DRAWING
    with beating(tasks, "playing islet", _env(supervisor)) as beat:
        assert supervisor.messages() == []
        tasks.step()
        assert beat.ready
    messages = supervisor.messages()
    assert messages[0][0] == "READY=1" and messages[-1] == ["STOPPING=1", "STATUS=stopping"]
    assert not tasks.getTasksNamed("ludao-heartbeat")


def test_the_previous_runs_end_is_logged_once(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(last_run, "systemd_restarts", lambda unit: 3)
    (tmp_path / "last-exit").write_text("result=watchdog code=killed status=ABRT\n")
    with caplog.at_level(logging.INFO, logger="ludao.service"):
        line = last_run.note_previous_run({"RUNTIME_DIRECTORY": str(tmp_path)})
    assert line == ("previous run ended: it stopped answering (watchdog timeout) "
                    "(result=watchdog code=killed status=ABRT); restarts: 3")
    assert caplog.records[-1].levelname == "WARNING"
    assert not (tmp_path / "last-exit").exists()
    assert last_run.note_previous_run({"RUNTIME_DIRECTORY": str(tmp_path)}) is None  # read once
    assert last_run.note_previous_run({}) is None  # not under systemd


def test_the_unit_is_read_from_the_cgroup(tmp_path):
    cgroup = tmp_path / "cgroup"
    cgroup.write_text("0::/system.slice/ludao-kiosk.service\n")
    assert last_run.unit_name(cgroup) == "ludao-kiosk.service"
    cgroup.write_text("0::/user.slice/user-1000.slice/session-2.scope\n")
    assert last_run.unit_name(cgroup) is None
    assert last_run.unit_name(tmp_path / "missing") is None
