"""`validate` parses each file once per run (engine.manifest.read_once): inside files_read_once() a
scene or tour asked for again is the one already loaded, a broken one fails again with the same
diagnostics, a changed one is read again; outside the block every call reads the file."""
from __future__ import annotations

import shutil

import pytest

import engine.manifest.scene_loader as scene_loader
import engine.tour.loader as tour_loader
from engine.content_check import validate_paths
from engine.diagnostics import ContentError
from engine.manifest.read_once import files_read_once
from engine.manifest.scene_loader import load_scene
from engine.settings import Settings
from engine.tour.loader import load_tour
from tests.conftest import DATA, ISLET

TOUR = DATA / "tours" / "islet-basics.tour.yaml"


@pytest.fixture
def parses(monkeypatch):
    """The paths load_yaml was called with, in order, by the scene and tour loaders."""
    seen = []
    for module in (scene_loader, tour_loader):
        real = module.load_yaml
        monkeypatch.setattr(module, "load_yaml", lambda path, _real=real, **kw: seen.append(str(path)) or _real(path, **kw))
    return seen


def test_outside_the_block_every_load_reads_the_file(parses):
    first, second = load_scene(ISLET), load_scene(ISLET)
    assert parses == [str(ISLET)] * 2
    assert first[0] is not second[0]


def test_inside_the_block_a_scene_is_parsed_once(parses):
    with files_read_once():
        first = load_scene(ISLET)
        tour, _, _ = load_tour(TOUR, DATA / "scenes")  # its scene's names: the scene already loaded
        again = load_scene(ISLET)
        with files_read_once():  # a block inside shares the outer one's memory
            assert load_scene(ISLET) is first
        assert load_tour(TOUR, DATA / "scenes")[0] is tour
    assert again is first
    assert parses == [str(ISLET), str(TOUR)]
    assert load_scene(ISLET) is not first  # the block is over


def test_a_changed_file_is_read_again_and_a_broken_one_fails_each_time(tmp_path, parses):
    shutil.copytree(ISLET.parent, tmp_path / "islet")
    path = tmp_path / "islet" / "scene.yaml"
    # its glTF boat lives in the project's assets, out of this copy's reach: not needed here
    good = "\n".join(line for line in path.read_text().splitlines() if "id: boat," not in line)
    path.write_text(good)
    with files_read_once():
        scene, _ = load_scene(path)
        path.write_text(good.replace("look_at: summit", "look_at: sumit", 1))
        for _ in range(2):
            with pytest.raises(ContentError) as refused:
                load_scene(path)
            assert "'sumit' does not exist" in str(refused.value)
        path.write_text(good)
        assert load_scene(path)[0] is scene
    assert parses == [str(path)] * 2


def test_validate_reads_each_scene_once(parses):
    diagnostics, count = validate_paths([DATA / "scenes", DATA / "tours"],
                                        Settings(scenes_dir=DATA / "scenes", scripts_dir=DATA / "tours"))
    assert count >= 3 and not [d for d in diagnostics if d.severity == "error"], diagnostics
    assert parses.count(str(ISLET)) == 1, parses
    assert parses.count(str(TOUR)) == 1, parses
