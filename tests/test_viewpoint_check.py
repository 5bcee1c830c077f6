"""G004: `validate` refuses a viewpoint under the ground or the water, or inside a landmark, at the
viewpoint's height_m, and keeps every shipped scene clean."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.cli.main import main
from tests.conftest import ISLET, ROOT


def islet_with(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "islet"
    shutil.copytree(ISLET.parent, folder)
    path = folder / "scene.yaml"
    text = path.read_text(encoding="utf-8")
    # the model's path leads out of the copy: keep the line count, drop the model
    text = "\n".join("#" if "id: boat," in line else line for line in text.splitlines()) + "\n"
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def validate(capsys, path: Path, tmp_path: Path) -> tuple[int, str]:
    code = main(["validate", str(path), "--data", str(tmp_path / "data")])
    return code, capsys.readouterr().err


def line_of(path: Path, needle: str) -> int:
    return next(i for i, s in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in s)


@pytest.mark.parametrize("old, new, says", [
    # `above` is over the hill's slope, where the ground is about 4 m high
    ("    lon: 118.0000\n    height_m: 300", "    lon: 118.0000\n    height_m: 2", "is under the ground"),
    # `from_sea` is over the sea: at -2 m it is under the water
    ("    height_m: 80\n", "    height_m: -2\n", "is under the water"),
    # `above` moved onto the church, below its roof
    ("    lat: 24.3990\n    lon: 118.0000\n    height_m: 300",
     "    lat: 24.4008\n    lon: 118.0012\n    height_m: 31", "is inside landmark 'church'"),
])
def test_a_buried_viewpoint_is_an_error_at_its_height(capsys, tmp_path, old, new, says):
    path = islet_with(tmp_path, old, new)
    code, err = validate(capsys, path, tmp_path)
    assert code == 2, err
    line = line_of(path, new.splitlines()[-1].strip())
    assert f"scene.yaml:{line}:15: error: viewpoint" in err and says in err and "[G004]" in err


def test_shipped_and_test_scenes_have_no_buried_viewpoint(capsys, tmp_path):
    paths = sorted((ROOT / "scenes").glob("*/scene.yaml")) + [ISLET]
    for path in paths:
        code, err = validate(capsys, path, tmp_path)
        assert code == 0, err



def test_a_viewpoint_inside_a_generated_building_is_an_error():
    """The layout keeps buildings out of every viewpoint's sight line, so today none stands on an eye:
    the check guards against a generator that changes. The facts are given a building on `above`."""
    import numpy as np

    from engine.manifest.scene_loader import load_scene
    from engine.viewpoint_check import check_viewpoints
    from engine.world.plan.plan_facts import plan_facts
    scene, doc = load_scene(ISLET)
    facts = plan_facts(scene)
    assert check_viewpoints(scene, doc, facts) == []
    vp = next(v for v in scene.viewpoints if v.id == "above")
    x, y, _ = facts.projection.to_local(vp.lat, vp.lon)
    house = np.array([[x + 4.0, y, 12.0, vp.height_m + 6.0]])
    facts.footprints["districts"] = (np.concatenate([facts.footprints["districts"][0], house]), False)
    found = check_viewpoints(scene, doc, facts)
    assert [(d.code, d.line, d.col) for d in found] == [("G004", doc.where(("viewpoints", 1, "height_m"))[0], 15)]
    assert "viewpoint 'above' is inside a generated district building" in found[0].message
    assert "4 m from the building's centre" in found[0].message
    assert f"raise height_m above {vp.height_m + 8:.0f}" in found[0].hint and "more than 12 m" in found[0].hint
