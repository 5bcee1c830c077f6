"""G005: `validate` warns about a POI of a water kind on land or of a land kind in the water, at its lat."""
from __future__ import annotations

import pytest

from engine.poi_surface_check import surface_wanted
from tests.test_viewpoint_check import islet_with, line_of, validate


@pytest.mark.parametrize("old, new, says", [
    # the summit (on the hill) called a lake
    ("    kind: hill\n", "    kind: lake\n", "POI 'summit' of kind 'lake' is on land"),
    # the chapel moved out to sea, where the `from_sea` viewpoint is
    ("    lat: 24.4008\n    lon: 118.0012\n", "    lat: 24.3955\n    lon: 117.9960\n",
     "POI 'chapel' of kind 'church' is in the water"),
])
def test_a_poi_on_the_wrong_side_of_the_water_is_a_warning_at_its_lat(capsys, tmp_path, old, new, says):
    path = islet_with(tmp_path, old, new)
    code, err = validate(capsys, path, tmp_path)
    assert code == 0, err  # a warning: the scene still works
    poi_line = line_of(path, "id: summit") if "summit" in says else line_of(path, "id: chapel")
    lat_line = next(i for i, s in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                    if i > poi_line and s.strip().startswith("lat:"))
    assert f"scene.yaml:{lat_line}:10: warning: {says}" in err and "[G005]" in err, err
    assert "probe" in err


def test_shore_and_unknown_kinds_are_not_checked():
    assert surface_wanted("Harbour") == "water" and surface_wanted("temple") == "land"
    assert [surface_wanted(k) for k in ("beach", "pier", "bridge", "pavilion", "rock", "event")] == [None] * 6
