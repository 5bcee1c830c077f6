"""G007: `validate` refuses a boat on land (one boat, or any boat of a row moored along a path)."""
from __future__ import annotations

import pytest

from tests.test_viewpoint_check import islet_with, line_of, validate

JETTY = "  - {id: jetty, kind: pier, path: [[24.3986, 117.9990], [24.3970, 117.9990]], size_m: [6, 6, 1.5]}\n"


@pytest.mark.parametrize("boat, says", [
    ("  - {id: moored, kind: boat, lat: 24.4000, lon: 118.0000}\n", "boat 'moored' is on land: "),
    # a row from the sea west of the islet onto it: some of its boats are on land
    ("  - {id: moored, kind: boat, path: [[24.3990, 117.9960], [24.3990, 118.0000]]}\n",
     "boat 'moored' is on land ("),
])
def test_a_boat_on_land_is_an_error_at_its_place(capsys, tmp_path, boat, says):
    path = islet_with(tmp_path, JETTY, JETTY + boat)
    code, err = validate(capsys, path, tmp_path)
    assert code == 2, err
    assert f"scene.yaml:{line_of(path, 'id: moored')}:" in err and says in err and "[G007]" in err, err


def test_boats_in_the_water_pass(capsys, tmp_path):
    boats = "  - {id: moored, kind: boat, path: [[24.3960, 117.9975], [24.3960, 117.9995]], heading_deg: 90}\n"
    path = islet_with(tmp_path, JETTY, JETTY + boats)
    code, err = validate(capsys, path, tmp_path)
    assert code == 0 and "G007" not in err, err
