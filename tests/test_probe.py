"""`run_tour.py probe SCENE LAT LON`: what is at a place, from the manifest and the plan's facts."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from engine.cli.main import main
from tests.conftest import DATA, ROOT

ISLET = str(DATA / "scenes" / "islet")


def probe(capsys, tmp_path, *args: str) -> tuple[int, str, str]:
    code = main(["probe", *args, "--data", str(tmp_path / "data")])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_summit_is_land_in_the_island_area_next_to_its_poi(capsys, tmp_path):
    code, out, _ = probe(capsys, tmp_path, ISLET, "24.4000", "118.0000", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["surface"] == "land" and report["water_depth_m"] is None
    assert (report["area"], report["area_surface"]) == ("island", "land")
    assert report["ground_m"] == pytest.approx(43.0, abs=4.0)  # the 40 m hill on 3 m of flat land
    assert report["nearest_poi"] == {"id": "summit", "distance_m": 0.0}
    assert report["nearest_landmark"]["id"] == "church"
    assert report["floor_m"] >= report["ground_m"] + 3.0  # the camera's clearance


def test_the_sea_is_water_in_no_area(capsys, tmp_path):
    code, out, _ = probe(capsys, tmp_path, ISLET, "24.3960", "117.9965")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "place: lat 24.396, lon 117.9965 in scene 'islet' (355 m west, 443 m south of its origin)"
    assert "ground: 6.0 m below sea level" in lines and "surface: water, 6.0 m deep" in lines
    assert "area: none (open sea)" in lines
    assert "nearest landmark: jetty" in out  # the pier's centre line, not its first point


@pytest.mark.parametrize("lat, lon, says", [
    ("24.4300", "118.0000", "lies 2723 m outside scene 'islet' (extent_m 600 around lat 24.4, lon 118.0)"),
    ("118.0000", "24.4000", "lat and lon look swapped: try 24.4 118.0"),
    ("nan", "118.0", "is not a place"),
])
def test_a_place_outside_the_scene_exits_2(capsys, tmp_path, lat, lon, says):
    code, out, err = probe(capsys, tmp_path, ISLET, lat, lon)
    assert code == 2 and out == "" and says in err, err


def test_an_unknown_scene_exits_2(capsys, tmp_path):
    code, _, err = probe(capsys, tmp_path, "islte", "24.4", "118.0")
    assert code == 2 and "[C001]" in err


def test_probe_loads_neither_panda3d_nor_trimesh(tmp_path):
    script = ("import json, sys\nfrom engine.cli import main\ncode = main(sys.argv[1:])\n"
              "print(json.dumps([m for m in sys.modules if m.split('.')[0] in ('panda3d', 'direct', 'trimesh')]))")
    out = subprocess.run([sys.executable, "-c", script, "probe", ISLET, "24.4", "118.0", "--data", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
