"""Which event files a one-scene command reads, and forced `--event` ids checked against a scene:
only the events that dress the scene are loaded (and so only their scenes parsed); an event that
does not dress it is the user's mistake (exit 2, naming the scenes it dresses) for a one-scene
command, and simply not on for the hall's or showcase's every scene."""
from __future__ import annotations

import shutil

import pytest

from engine.errors import UsageError
from engine.overlays import loader as event_loader
from engine.overlays.choose import event_scenes, forced_for_scene, usable_events
from tests.conftest import DATA, ROOT

SCENES = ROOT / "scenes"


@pytest.fixture
def loaded(monkeypatch):
    """The event files usable_events loads (checks and all), in order."""
    paths = []
    real = event_loader.load_event

    def recording(path, scenes_dir):
        paths.append(path.name)
        return real(path, scenes_dir)
    monkeypatch.setattr(event_loader, "load_event", recording)
    return paths


def test_a_scene_no_event_dresses_loads_no_event(loaded):
    assert usable_events(SCENES, "gulangyu") == ([], [])
    assert loaded == []


def test_a_scene_loads_only_the_events_that_dress_it(loaded):
    events, problems = usable_events(SCENES, "shapowei")
    assert [e.id for e in events] == ["xiamen_marathon"] and problems == []
    assert loaded == ["xiamen_marathon.event.yaml"]
    assert {e.id for e in usable_events(SCENES)[0]} == {"golden_rooster", "xiamen_marathon"}


def test_the_scenes_each_event_file_names():
    assert event_scenes(SCENES) == {"golden_rooster": ("yundang",), "xiamen_marathon": ("shapowei",)}


def test_an_event_file_that_cannot_say_its_scenes_is_loaded_for_every_scene_and_reported(tmp_path, loaded):
    scenes = tmp_path / "scenes"
    shutil.copytree(DATA / "scenes", scenes)
    for name in ("b02_unclosed_bracket", "b06_scenes_plain_string"):
        shutil.copy(DATA / "broken_events" / f"{name}.event.yaml", scenes / "events")
    named = event_scenes(scenes)
    assert named["b02_unclosed_bracket"] is None and named["b06_scenes_plain_string"] is None
    events, problems = usable_events(scenes, "elsewhere")
    assert events == []
    assert sorted(loaded) == ["b02_unclosed_bracket.event.yaml", "b06_scenes_plain_string.event.yaml"]
    assert {d.file.split("/")[-1] for d in problems} == set(loaded)


def test_forced_events_against_a_scene():
    assert forced_for_scene(SCENES, "shapowei", ("xiamen_marathon",), strict=True) == ("xiamen_marathon",)
    assert forced_for_scene(SCENES, "gulangyu", ("none",), strict=True) == ("none",)
    assert forced_for_scene(SCENES, "gulangyu", (), strict=True) == ()
    assert forced_for_scene(SCENES, "gulangyu", ("none", "xiamen_marathon"), strict=True) == ("none", "xiamen_marathon")
    with pytest.raises(UsageError, match=r"event 'xiamen_marathon' does not dress scene 'gulangyu' "
                                         r"\(it dresses: shapowei\)"):
        forced_for_scene(SCENES, "gulangyu", ("xiamen_marathon",), strict=True)
    with pytest.raises(UsageError, match="no event 'marathon'; known events: golden_rooster, xiamen_marathon"):
        forced_for_scene(SCENES, "gulangyu", ("marathon",), strict=False)
    # the hall forces its events on every scene: each gets those that dress it, the others none (not the calendar)
    both = ("golden_rooster", "xiamen_marathon")
    assert forced_for_scene(SCENES, "yundang", both, strict=False) == ("golden_rooster",)
    assert forced_for_scene(SCENES, "gulangyu", both, strict=False) == ("none",)
