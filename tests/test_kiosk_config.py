"""kiosk.yaml validated like every content file (K codes at FILE:LINE:COL), the operator's PIN as a
salted hash, and the kiosk's pure logic: the idle timer, the attract loop's flight, the status lines."""
from __future__ import annotations

import time

import subprocess
import sys
from datetime import datetime, timezone

import pytest

from engine.diagnostics import ContentError
from engine.kiosk.attract import Pose, attract_plan, blend
from engine.kiosk.config import KioskConfig, load_kiosk
from engine.kiosk.idle import IdleTimer
from engine.kiosk.pin import new_pin_lines, pin_hash, pin_matches
from engine.kiosk.status import status_lines
from tests.conftest import DATA, ROOT

SCENES = ROOT / "scenes"
OPERATOR = """\
operator:
  salt: a401a8348b2104f1497fe8ad7a78a4f7
  pin_sha256: 2538a8afc55c78659d06b942abe88cd0a0cd46f809b6d95d3b98ea5942d53e74
"""


def _problems(tmp_path, text: str, scenes=SCENES) -> list[str]:
    path = tmp_path / "kiosk.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_kiosk(path, scenes)
    return [f"{d.line}:{d.col} {d.code} {d.message}" for d in caught.value.diagnostics]


def test_the_shipped_kiosk_yaml_validates_with_its_defaults():
    kiosk, doc = load_kiosk(ROOT / "kiosk.yaml", SCENES)
    assert list(kiosk.scenes) == ["gulangyu", "shapowei", "yundang"]
    assert kiosk.config.languages == ["zh", "en"] and doc.warnings == []
    assert (kiosk.config.idle_s, kiosk.config.countdown_s) == (90, 30)


def test_defaults_offer_every_scene_and_the_usual_times(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text(OPERATOR, encoding="utf-8")
    kiosk, _ = load_kiosk(path, SCENES)
    assert set(kiosk.scenes) == {p.parent.name for p in SCENES.glob("*/scene.yaml")}
    assert (kiosk.config.idle_s, kiosk.config.countdown_s, kiosk.config.operator.corner) == (90, 30, "top_left")
    assert attract_plan(kiosk.config, list(kiosk.scenes)) == [(s, None) for s in kiosk.scenes]


def test_an_unknown_scene_is_named_at_its_line_and_column(tmp_path):
    found = _problems(tmp_path, "scenes: [gulangyu, yundnag]\n" + OPERATOR)
    assert found == ["1:20 K001 no scene 'yundnag'"]


def test_the_attract_loop_shows_only_offered_scenes(tmp_path):
    found = _problems(tmp_path, "scenes: [gulangyu]\nattract:\n  views:\n    - {scene: yundang}\n" + OPERATOR)
    assert found[0].startswith("4:15 K002")


def test_a_plain_pin_is_refused(tmp_path):
    found = _problems(tmp_path, "operator:\n  pin: '2468'\n")
    assert found[0].startswith("2:3 K003 a PIN is never written in plain")


def test_a_language_twice_and_a_wrong_type_are_errors(tmp_path):
    assert any("K004" in p for p in _problems(tmp_path, "languages: [zh, zh]\n" + OPERATOR))
    found = _problems(tmp_path, "idle_s: ninety\n" + OPERATOR)
    assert found[0].startswith("1:9 S") and "idle_s" in found[0]
    found = _problems(tmp_path, "operator:\n  salt: zz\n  pin_sha256: abc\n")
    assert {p.split()[0] for p in found} == {"2:9", "3:15"}


def test_validate_checks_a_kiosk_yaml_from_the_command_line(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text("scenes: [nowhere]\n" + OPERATOR, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "validate", str(path), "--data", str(tmp_path),
                             "--scenes", str(DATA / "scenes")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert f"{path}:1:10:" in result.stderr and "K001" in result.stderr and "islet" in result.stderr


def test_the_kiosk_command_refuses_a_broken_config_before_any_window(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text("idle_s: -3\n" + OPERATOR, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "kiosk", "--config", str(path),
                             "--data", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, env={"PATH": ""})
    assert result.returncode == 2 and f"{path}:1:9:" in result.stderr and "Traceback" not in result.stderr


def test_the_kiosk_without_a_display_says_what_to_do(tmp_path):
    import os
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "kiosk", "--data", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 3 and "no display" in result.stderr and "Traceback" not in result.stderr


def test_the_schema_is_exported_for_editors():
    import json
    schema = json.loads((ROOT / "schemas" / "kiosk.schema.json").read_text(encoding="utf-8"))
    assert {"idle_s", "countdown_s", "operator", "attract", "scenes", "languages"} <= set(schema["properties"])
    from engine.manifest.json_schema import render_schema
    assert render_schema(KioskConfig) == (ROOT / "schemas" / "kiosk.schema.json").read_text(encoding="utf-8")


def test_the_pin_is_a_salted_hash_and_only_the_right_pin_matches():
    lines = new_pin_lines("2468")
    salt = lines.split("salt: ")[1].split()[0]
    digest = lines.split("pin_sha256: ")[1].split()[0]
    assert "2468" not in lines and pin_hash("2468", salt) == digest
    assert pin_matches("2468", salt, digest) and not pin_matches("2469", salt, digest)
    assert not pin_matches("", salt, digest)
    assert new_pin_lines("2468") != lines  # a new salt each time


def test_the_idle_timer_asks_then_counts_down_then_expires():
    timer = IdleTimer(idle_s=90, countdown_s=30)
    timer.touch(100.0)
    assert timer.state(189.9) == ("active", 0)
    assert timer.state(190.0) == ("prompt", 30)
    assert timer.state(219.5) == ("prompt", 1)
    assert timer.state(220.0) == ("expired", 0)
    timer.touch(215.0)  # a touch on the prompt keeps the visit
    assert timer.state(216.0) == ("active", 0)


def test_the_attract_flight_eases_and_turns_the_short_way():
    a, b = Pose((0, 0, 10), 350.0, -10.0), Pose((100, 0, 30), 10.0, -20.0)
    assert blend(a, b, 0.0) == a
    middle = blend(a, b, 0.5)
    assert middle.pos == (50, 0, 20) and middle.heading % 360 == pytest.approx(0.0) and middle.pitch == -15
    end = blend(a, b, 2.0)
    assert end.pos == b.pos and end.heading % 360 == pytest.approx(10.0)


def test_status_lines_say_only_what_is_known(tmp_path):
    from engine.store import Store
    clock = lambda: datetime(2026, 12, 6, 12, 0, tzinfo=timezone.utc)  # noqa: E731
    with Store(tmp_path / "ludao.db", clock=clock, kiosk_id="hall-2") as store:
        store.start_session("gulangyu", "zh")
        store.start_session("yundang", "en")
        lines = status_lines(started_at=time.monotonic() - (3 * 86400 + 3600 + 120), data_dir=tmp_path, store=store,
                             kiosk_id="hall-2")
    assert lines[:4] == ["终端 Kiosk: hall-2", "运行时间 Uptime: 3 d 01:02:00", "重启次数 Restarts: 0",
                         "今日参观 Visits today: 2"]
    assert lines[4].startswith("剩余磁盘 Free disk: ") and lines[5] == "最近错误 Last error: none"


def test_the_start_screen_names_the_events_on_today_on_their_scenes_cards():
    from engine.kiosk.run import scene_cards
    from engine.overlays.calendar import preview_moment
    from engine.settings import Settings
    kiosk, _ = load_kiosk(ROOT / "kiosk.yaml", SCENES)
    settings = Settings(scenes_dir=SCENES)
    cards = {c.id: c for c in scene_cards(settings, kiosk.scenes, preview_moment("2024-11-14"))}  # Golden Rooster
    assert [c.id for c in cards.values()] == ["gulangyu", "shapowei", "yundang"]
    assert cards["yundang"].events == [{"zh": "金鸡百花电影节", "en": "Golden Rooster and Hundred Flowers Film Festival"}]
    assert cards["gulangyu"].events == [] and cards["gulangyu"].name["en"]
    quiet = scene_cards(settings, kiosk.scenes, preview_moment("2024-07-01"))
    assert all(c.events == [] for c in quiet)


def test_the_attract_loop_names_only_viewpoints_its_scenes_have(tmp_path):
    found = _problems(tmp_path, "attract:\n  views:\n    - {scene: gulangyu, view: strait_overveiw}\n" + OPERATOR)
    assert found == ["3:31 K005 scene 'gulangyu' has no viewpoint 'strait_overveiw'"]
    path = tmp_path / "kiosk.yaml"
    path.write_text("attract:\n  views: [{scene: gulangyu, view: strait_overview}]\n" + OPERATOR, encoding="utf-8")
    kiosk, _ = load_kiosk(path, SCENES)
    assert attract_plan(kiosk.config, list(kiosk.scenes)) == [("gulangyu", "strait_overview")]


def test_the_verification_page_is_an_http_address_without_a_fragment(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text("verify_url: https://museum.example.org/ludao/verify.html\n" + OPERATOR, encoding="utf-8")
    assert load_kiosk(path, SCENES)[0].config.verify_url == "https://museum.example.org/ludao/verify.html"
    for bad in ("javascript:alert(1)", "https://museum.example.org/verify.html#x", "ftp://a.example/v.html",
                "'https://a.example/a b.html'"):
        found = _problems(tmp_path, f"verify_url: {bad}\n" + OPERATOR)
        assert found[0].startswith("1:13 S") and "verify_url" in found[0], found
