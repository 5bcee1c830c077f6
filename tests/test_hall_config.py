"""hall.yaml validated like every content file: each H code at its FILE:LINE:COL, the shipped example
clean, and the playlist it makes (tours in order, every tour of a scene when none is named)."""
from __future__ import annotations

import pytest

from engine.diagnostics import ContentError
from engine.kiosk.hall_config import load_hall
from tests.conftest import ROOT

SCENES, SCRIPTS = ROOT / "scenes", ROOT / "scripts"


def _problems(tmp_path, text: str, scripts=SCRIPTS) -> list[str]:
    path = tmp_path / "hall.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_hall(path, SCENES, scripts)
    return [f"{d.line}:{d.col} {d.code} {d.message}" for d in caught.value.diagnostics]


def test_the_shipped_hall_yaml_validates_and_plays_its_tours_in_order():
    hall, doc = load_hall(ROOT / "hall.yaml", SCENES, SCRIPTS)
    assert doc.warnings == []
    assert [(p.scene, p.tour) for p in hall.playlist] == [
        ("gulangyu", "gulangyu-highlights"), ("shapowei", "shapowei-harbour"), ("yundang", "yundang-egrets"),
        ("yundang", "yundang-golden-rooster"), ("yundang", "yundang-lake")]
    assert hall.event_ids == () and hall.config.languages == ["zh", "en"] and hall.config.vr is False


def test_defaults_play_every_tour_of_every_scene_all_day(tmp_path):
    path = tmp_path / "hall.yaml"
    path.write_text("events: none\n", encoding="utf-8")
    hall, _ = load_hall(path, SCENES, SCRIPTS)
    assert len(hall.playlist) == len(list(SCRIPTS.glob("*.tour.yaml"))) and hall.event_ids == ("none",)


def test_h001_an_unknown_scene_with_did_you_mean(tmp_path):
    assert _problems(tmp_path, "tours:\n  - {scene: gulangyu}\n  - {scene: yundnag}\n") == \
        ["3:13 H001 no scene 'yundnag'"]


def test_h002_an_unknown_tour_or_one_of_another_scene(tmp_path):
    found = _problems(tmp_path, "tours:\n  - {scene: gulangyu, tour: gulangyu-higlights}\n"
                                "  - {scene: gulangyu, tour: yundang-lake}\n")
    assert found == ["2:29 H002 no tour 'gulangyu-higlights'",
                     "3:29 H002 tour 'yundang-lake' shows scene 'yundang', not 'gulangyu'"]


def test_h003_reversed_or_unreadable_hours_and_dates(tmp_path):
    found = _problems(tmp_path, 'open:\n  days: "17:30-09:00"\n  sun: "25:00-26:00"\n'
                                'closed_dates: ["2026-02-30"]\nquiet: ["noon"]\n')
    assert [f.split(" ", 2)[:2] for f in found] == [["2:9", "H003"], ["3:8", "H003"], ["4:16", "H003"], ["5:9", "H003"]]
    assert "ends before it starts" in found[0]


def test_h004_overlapping_opening_or_quiet_hours(tmp_path):
    assert _problems(tmp_path, 'open:\n  sat: ["09:00-13:00", "12:00-18:00"]\n') == \
        ["2:8 H004 open.sat: 09:00-13:00 and 12:00-18:00 overlap"]
    assert _problems(tmp_path, 'quiet: ["12:00-13:00", "12:30-14:00"]\n') == \
        ["1:8 H004 quiet: 12:00-13:00 and 12:30-14:00 overlap"]


def test_h005_quiet_hours_outside_the_opening_hours(tmp_path):
    found = _problems(tmp_path, 'open: {days: "09:00-17:30", sat: "13:00-20:00"}\nquiet:\n  - "12:00-13:00"\n')
    assert found == ["3:5 H005 quiet hours 12:00-13:00 are not inside the opening hours of sat (13:00-20:00)"]


def test_h006_an_unknown_event(tmp_path):
    assert _problems(tmp_path, "events: [xiamen_marathon, golden_roster]\n") == ["1:27 H006 no event 'golden_roster'"]


def test_h007_a_language_twice(tmp_path):
    assert _problems(tmp_path, "languages: [en, en]\n") == ["1:12 H007 a language is named twice"]


def test_h008_nothing_to_play(tmp_path):
    (tmp_path / "scripts").mkdir()
    assert _problems(tmp_path, "tours: [{scene: gulangyu}]\n", scripts=tmp_path / "scripts") == \
        ["1:8 H008 the hall has no tour to play"]


def test_validate_finds_the_hall_yaml_beside_the_scenes_and_checks_any_named_one(tmp_path):
    from engine.content_check import content_files, validate_file
    from engine.settings import Settings
    settings = Settings(scenes_dir=SCENES, scripts_dir=SCRIPTS, data_dir=tmp_path)
    assert ROOT / "hall.yaml" in content_files([], settings)
    path = tmp_path / "lobby.hall.yaml"
    path.write_text("tours: [{scene: gulangyu}]\nevents: [nope]\n", encoding="utf-8")
    assert [(d.line, d.col, d.code) for d in validate_file(path, settings)] == [(2, 10, "H006")]
