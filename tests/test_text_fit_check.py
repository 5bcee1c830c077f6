"""U001: `validate` reports a text too long for its box at 1920x1080, at the text's FILE:LINE:COL,
measured by the widgets' own line breaking; all shipped content fits.

tests/data/text_fit/ holds copies of the islet tour and game with texts made too long, each starting
with the `# expect:` lines it must produce (as the broken-content corpora do)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.content_check import validate_file
from engine.manifest.scene_loader import load_scene
from engine.settings import Settings
from engine.text_fit_check import check_scene_texts
from tests.conftest import DATA, ISLET
from tests.corpus import assert_expected, says_what_it_expects

CORPUS = sorted((DATA / "text_fit").glob("*.yaml"))


@pytest.fixture(scope="module")
def test_settings(tmp_path_factory):
    return Settings(data_dir=tmp_path_factory.mktemp("data"), scenes_dir=DATA / "scenes", scripts_dir=DATA / "tours")


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_a_text_too_long_for_its_box_is_reported_where_it_is_written(path: Path, test_settings):
    diagnostics = validate_file(path, test_settings)
    assert_expected(diagnostics, says_what_it_expects(path))
    assert {d.code for d in diagnostics if d.severity == "error"} == {"U001"}, diagnostics


def test_a_long_description_is_reported_for_its_card(test_settings):
    scene, doc = load_scene(ISLET)
    assert check_scene_texts(scene, doc) == []
    poi = scene.pois[0]
    long = poi.description.model_copy(update={"en": "A path winds up the hill past old stone walls. " * 20})
    scene.pois[0] = poi.model_copy(update={"description": long})
    [found] = check_scene_texts(scene, doc)
    assert found.code == "U001" and "description in English" in found.message
    assert (found.line, found.col) == doc.where(("pois", 0, "description", "en"))
    assert "narration" in found.hint


def test_all_shipped_content_fits_its_boxes(shipped_validation):
    """On `run_tour.py validate` over all shipped content (run once a session, test_cli checks it
    passes): one diagnostic a line, FILE:LINE:COL: severity: message [CODE]; excerpts are indented."""
    checked = re.search(r"^(\d+) file\(s\) checked", shipped_validation.stdout, re.M)
    assert checked and int(checked.group(1)) >= 12, shipped_validation.stdout + shipped_validation.stderr
    lines = [line for line in shipped_validation.stderr.splitlines() if line and not line[0].isspace()]
    assert [line for line in lines if "[U001]" in line] == []


def test_the_test_content_fits_too(test_settings):
    files = [ISLET, DATA / "scenes" / "islet" / "game.yaml", DATA / "tours" / "islet-basics.tour.yaml"]
    for path in files:
        assert [d for d in validate_file(path, test_settings) if d.code == "U001"] == [], path
