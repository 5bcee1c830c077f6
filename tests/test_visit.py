"""A whole visit headless: the guided tour, then free roaming (movement and clicks), the game's
rules, and what ends up in the visitor database, read back with SQL."""
import sqlite3
import subprocess
import sys

import numpy as np

from engine.settings import Settings
from engine.tour.headless import run_tour
from engine.tour.loader import load_tour
from engine.visit import HeadlessVisit
from tests.conftest import DATA, ROOT

SCENES = DATA / "scenes"
TOUR = DATA / "tours" / "islet-basics.tour.yaml"


def test_a_whole_visit_lands_in_the_database(tmp_path):
    settings = Settings(data_dir=tmp_path, scenes_dir=SCENES, scripts_dir=DATA / "tours", lang="en")
    visit = HeadlessVisit.open(settings, "islet", "islet")
    tour, _, _ = load_tour(TOUR, SCENES)
    result = run_tour(tour, TOUR, visit.world, lang="en", answers={"quiz_chapel": "white"}, on_event=visit.on_event)
    t = result.duration_s
    bell = visit.game.collectible_points["bell"]
    for event in ({"type": "camera", "pos": list(bell + np.array([200.0, 0, 50]))},   # roaming, far away
                  {"type": "collectible_click", "collectible": "bell"},                  # a tap finds it
                  {"type": "quiz_answer", "quiz": "quiz_hill", "option": "m40"}):
        t += 4.0
        visit.on_event({"t": t, **event})
    visit.finish()
    store, sid = visit.game.store, visit.game.session.id
    store.set_nickname(sid, "  鹭岛  Explorer ")
    store.submit_to_leaderboard(sid)

    with sqlite3.connect(tmp_path / "ludao.db") as db:
        items = {(k, i) for k, i in db.execute("SELECT kind, item FROM progress WHERE session_id = ?", (sid,))}
        score = db.execute("SELECT score FROM sessions WHERE id = ?", (sid,)).fetchone()[0]
        board = db.execute("SELECT nickname, score, scene FROM leaderboard").fetchall()
        stats = {(k, key) for k, key in db.execute("SELECT kind, key FROM stats")}
    assert items == {("stamp", "stamp_summit"), ("stamp", "stamp_chapel"), ("collectible", "bell"),
                     ("badge", "all_stamps"), ("badge", "two_right"), ("badge", "found_bell"),
                     ("challenge", "quick_stamps")}  # everything that pays is remembered (resumes pay once)
    assert score == 10 + 10 + 20 + 25 + 30 + 20 == visit.game.progress.score
    assert board == [("鹭岛 Explorer", score, "islet")]
    assert ("tour", "islet-basics") in stats and ("step", "islet-basics/welcome") in stats
    assert ("scene", "islet") in stats and any(k == "quiz" for k, _ in stats)
    # the log of the run carries the game's events beside the tour's
    kinds = [e["type"] for e in result.events]
    assert kinds.count("stamp") == 2 and "badge" in kinds and "quiz_result" in kinds


def test_stats_export_writes_anonymous_rows(tmp_path):
    common = ["--scenes", str(SCENES), "--scripts", str(DATA / "tours"), "--data", str(tmp_path)]
    run = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "play", "islet", "--tour", "islet-basics",
                          "--headless", "--log", str(tmp_path / "log.jsonl"), *common],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    out = tmp_path / "stats.csv"
    export = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "stats", "export", "--out", str(out), *common],
                            capture_output=True, text=True, cwd=ROOT)
    assert export.returncode == 0, export.stderr
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "kind,key,count,total_seconds,day"
    assert "tour,islet-basics,1" in text and "step,islet-basics/welcome,1" in text
    session_ids = [row[0] for row in sqlite3.connect(tmp_path / "ludao.db").execute("SELECT id FROM sessions")]
    assert session_ids and not any(sid in text for sid in session_ids)


def test_a_visit_resumes_by_its_code_with_what_it_had(tmp_path):
    common = ["--scenes", str(SCENES), "--scripts", str(DATA / "tours"), "--data", str(tmp_path)]

    def visit(*extra):
        return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "play", "islet", "--tour", "islet-basics",
                               "--headless", "--log", str(tmp_path / "log.jsonl"), *common, *extra],
                              capture_output=True, text=True, cwd=ROOT)

    first = visit("--answer", "quiz_chapel=red")
    assert first.returncode == 0, first.stderr
    code = first.stdout.split("resume code ")[1].split(")")[0]
    second = visit("--resume", code.lower())  # codes are forgiving about case
    assert second.returncode == 0, second.stderr
    assert f"resume code {code}" in second.stdout  # the same visit, not a new one
    with sqlite3.connect(tmp_path / "ludao.db") as db:
        assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
    wrong = visit("--resume", "ZZZZZZ")
    assert wrong.returncode == 2 and "no visit with code 'ZZZZZZ'" in wrong.stderr


def test_nicknames_on_the_leaderboard_and_hostile_ones_refused(tmp_path):
    common = ["--scenes", str(SCENES), "--scripts", str(DATA / "tours"), "--data", str(tmp_path)]

    def cli(*args):
        return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), *args, *common],
                              capture_output=True, text=True, cwd=ROOT)

    def visit(nickname, *answers):
        return cli("play", "islet", "--tour", "islet-basics", "--headless", "--log", str(tmp_path / "log.jsonl"),
                   "--nickname", nickname, *answers)

    assert visit("白鹭 Egret", "--answer", "quiz_chapel=white").returncode == 0
    assert visit("Ｓｅａｇｕｌｌ", "--answer", "quiz_chapel=red").returncode == 0  # full-width: normalised
    for hostile, reason in [("x" * 40, "long"), ("evil\u202eemag", "invisible"), ("f.u.c.k", "not allowed")]:
        refused = visit(hostile)
        assert refused.returncode == 2 and "nickname refused" in refused.stderr, hostile
        assert reason in refused.stderr.lower(), refused.stderr
        assert "tour\t" not in refused.stdout  # refused before the visit ran
    board = cli("leaderboard", "--scene", "islet")
    assert board.returncode == 0
    rows = [line.split("\t") for line in board.stdout.splitlines()]
    assert [(r[0], r[1]) for r in rows] == [("1", "白鹭 Egret"), ("2", "Seagull")]
    assert int(rows[0][2]) > int(rows[1][2])
