"""Killing a visit (SIGKILL) at random moments never loses a stamp the visitor was shown.

A child process runs the islet's guided tour with the game attached and prints SHOWN for every
stamp, find and badge the visitor would see, right when it would be shown. The test kills it at
a random moment, then reads the database: everything shown must be there. Twenty times.

The children are forked from one server process that has imported the engine once (a fresh
interpreter spent about a second importing before each visit): each child opens its own visit,
database and all, after the fork, prints its pid with its SESSION line, and is SIGKILLed by the test;
the server reaps it and says DONE with how it ended, after everything the child wrote."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from tests.conftest import DATA, ROOT

SERVER = r"""
import os
import sys
import traceback
from pathlib import Path
from engine.settings import Settings
from engine.tour.headless import run_tour
from engine.tour.loader import load_tour
from engine.visit import HeadlessVisit
# what HeadlessVisit.open imports when it is called: imported here once, before any fork
import engine.game.session, engine.game.visit_stats, engine.overlays.footprints, engine.overlays.game_dress  # noqa
import engine.scene_library, engine.tour_worlds, engine.world.cache, engine.store, engine.store.timestamps  # noqa

scenes, tour_path = Path(sys.argv[1]), Path(sys.argv[2])


def visit(data: Path):
    settings = Settings(data_dir=data, scenes_dir=scenes, scripts_dir=tour_path.parent)
    visit = HeadlessVisit.open(settings, "islet", "islet")
    tour, _, _ = load_tour(tour_path, scenes)
    print("SESSION", os.getpid(), visit.game.session.id, flush=True)

    def on_event(event):
        shown = visit.on_event(event)
        for item in shown:
            if item["type"] in ("stamp", "collectible", "badge"):
                print("SHOWN", item["type"], item["id"], flush=True)
        return shown

    while True:  # visit after visit of the same session: the stamps stay, the tour repeats
        run_tour(tour, tour_path, visit.world, on_event=on_event)


for line in sys.stdin:  # one data folder a line: one child, one visit, until it is killed
    pid = os.fork()
    if pid == 0:
        try:
            visit(Path(line.strip()))
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(1)  # never back into this loop
    _, status = os.waitpid(pid, 0)
    print("DONE", pid, os.waitstatus_to_exitcode(status), flush=True)
"""


def test_sigkill_never_loses_what_was_shown(tmp_path):
    rng = random.Random(8)
    checked = 0
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(DATA / "scenes"),
                               str(DATA / "tours" / "islet-basics.tour.yaml")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        for run in range(20):
            data = tmp_path / f"run{run}"
            server.stdin.write(f"{data}\n")
            server.stdin.flush()
            first = server.stdout.readline().split()
            assert first[:1] == ["SESSION"], f"run {run}: the visit did not start: {first}"
            pid, session = int(first[1]), first[2]
            time.sleep(rng.uniform(0.0, 0.6))  # a tour runs in about 0.3 s: some kills land mid-visit
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it ended on its own: DONE says how
            output = []
            while not (line := server.stdout.readline()).startswith("DONE") and line:
                output.append(line)
            assert line.split()[1:] == [str(pid), str(-signal.SIGKILL)], f"run {run}: the visit ended by itself: {line!r}"
            shown = {tuple(line.split()[1:3]) for line in output if line.startswith("SHOWN")}
            with sqlite3.connect(data / "ludao.db") as db:
                saved = set(db.execute("SELECT kind, item FROM progress WHERE session_id = ?", (session,)))
            assert shown <= saved, f"run {run}: shown but lost: {shown - saved}"
            checked += len(shown)
    finally:
        server.stdin.close()
        server.kill()
        server.wait()
    assert checked > 0, "no kill landed after anything was shown: the test proved nothing"
