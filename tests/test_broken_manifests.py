"""Broken scene manifests: each one gives positioned diagnostics (FILE:LINE:COL, code, message), never a traceback.

The corpus is tests/data/broken/NN-short-name.yaml. Each file is a copy of the islet test scene with ONE
thing broken (or a small hostile document), and starts with what it must produce:

    # expect: LINE:COL CODE substring of the message
    # expect: LINE:COL CODE substring of the message | substring of the hint

Most files start with exactly two comment lines (`# expect:` plus a line saying what is broken, or two
`# expect:` lines) in place of the islet's two header comments, so their line numbers are the islet's.
Every expected diagnostic must be present with exactly that line, column and code; others may be too.

Inputs that are better generated than committed (over the size limit, not UTF-8, zero bytes) are made
in a temporary folder. Known engine bugs are strict xfails at the end: they start failing once fixed.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from engine.diagnostics import Diagnostic
from engine.manifest.scene_loader import load_scene
from engine.manifest.yaml_loader import MAX_FILE_BYTES
from tests import corpus
from tests.corpus import (ROOT, Expect, assert_every_file, cli_name, diagnostics_from_json,
                          diagnostics_from_text, expectations, refusal, run_validate, swapped)

BROKEN = ROOT / "tests" / "data" / "broken"
ISLET = ROOT / "tests" / "data" / "scenes" / "islet" / "scene.yaml"
CASES = sorted(BROKEN.glob("[0-9][0-9]-*.yaml"))


def diagnostics_of(path: Path) -> list[Diagnostic]:
    """load_scene must refuse the file with a ContentError (any other exception fails the test as is)."""
    return refusal(load_scene, path)


def assert_expected(diagnostics: list[Diagnostic], expected: list[Expect]) -> None:
    """corpus.assert_expected: errors only, and no hint says "while while"."""
    corpus.assert_expected(diagnostics, expected, forbid={"hint": "while while"})


# ---- the committed corpus ------------------------------------------------------------------------

def test_the_corpus_is_there_and_every_file_says_what_it_expects():
    assert len(CASES) >= 24
    for path in CASES:
        assert expectations(path), f"{path.name} has no '# expect: LINE:COL CODE text' line"
    assert len({p.name[:2] for p in CASES}) == len(CASES), "two files share a number"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_broken_manifest_gives_the_expected_diagnostics(path):
    assert_expected(diagnostics_of(path), expectations(path))


# ---- generated inputs ----------------------------------------------------------------------------

def _islet_text() -> str:
    return ISLET.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, tuple[Path, list[Expect]]]:
    folder = tmp_path_factory.mktemp("generated")
    made = {}

    big = folder / "over-size-limit.yaml"
    text = _islet_text()
    padding = "# " + "x" * 78 + "\n"
    big.write_text(text + padding * ((MAX_FILE_BYTES - len(text.encode())) // len(padding) + 2), encoding="utf-8")
    assert big.stat().st_size > MAX_FILE_BYTES
    made["over-size-limit"] = (big, [Expect(1, 1, "Y002", f"over the {MAX_FILE_BYTES:,}-byte limit")])

    gbk = folder / "saved-as-gbk.yaml"  # the usual way a Chinese text file is not UTF-8
    gbk.write_bytes(_islet_text().encode("gbk", errors="replace"))
    made["saved-as-gbk"] = (gbk, [Expect(1, 1, "Y003", "file is not UTF-8 text (byte ")])

    empty = folder / "zero-bytes.yaml"
    empty.write_bytes(b"")
    made["zero-bytes"] = (empty, [Expect(1, 1, "S006", "a scene manifest must be a mapping of fields")])
    return made


@pytest.mark.parametrize("name", ["over-size-limit", "saved-as-gbk", "zero-bytes"])
def test_generated_broken_file_gives_the_expected_diagnostic(generated, name):
    path, expected = generated[name]
    assert_expected(diagnostics_of(path), expected)


def _islet_copy(folder: Path, text: str) -> Path:
    """The islet text written into `folder`/islet (a scene's id is its folder's name), with its model
    paths re-pointed so they still resolve."""
    folder = folder / "islet"
    folder.mkdir(exist_ok=True)

    def repoint(m: re.Match) -> str:
        target = (ISLET.parent / m.group(1)).resolve()
        return f"model: {os.path.relpath(target, folder)},"
    path = folder / "scene.yaml"
    path.write_text(re.sub(r"model: ([^,}\s]+),", repoint, text), encoding="utf-8")
    return path


def test_yaml_1_1_booleans_dates_and_sexagesimals_stay_text(tmp_path):
    """`no`, `yes`, `on`, `off`, `1:20` and `2024-11-13` are text in YAML 1.2: a VALID file."""
    text = _islet_text()
    swaps = [("name: {zh: 小岛, en: Islet}", "name: {zh: 小岛, en: no}"),
             ("en: A small island for tests.}", "en: 1:20}"),
             ("    kind: hill\n", "    kind: yes\n"),
             ("    kind: church\n", "    kind: on\n"),
             ("en: A small white chapel.}", "en: 2024-11-13}"),
             ("name: {zh: 海上, en: From the sea}", "name: {zh: 海上, en: off}")]
    scene, _ = load_scene(_islet_copy(tmp_path, swapped(text, swaps)))
    assert scene.name.en == "no"
    assert scene.summary.en == "1:20"
    assert [p.kind for p in scene.pois] == ["yes", "on"]
    assert scene.pois[1].description.en == "2024-11-13"
    assert scene.viewpoints[0].name.en == "off"


# ---- the command line, the whole corpus in one call per format -----------------------------------

@pytest.fixture(scope="module")
def everything(generated) -> dict[str, list[Expect]]:
    """argument as passed to validate -> expectations (corpus paths relative to ROOT, the cwd)."""
    files = {os.path.relpath(p, ROOT): expectations(p) for p in CASES}
    files.update({str(path): expected for path, expected in generated.values()})
    return files


def test_cli_text_names_file_line_and_col_and_exits_2(everything, tmp_path):
    result = run_validate(list(everything), tmp_path)
    assert result.returncode == 2, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-3000:]
    assert f"{len(everything)} file(s) checked" in result.stdout
    expected = {cli_name(arg): found for arg, found in everything.items()}
    assert_every_file(diagnostics_from_text(result.stderr, expected), expected, assert_expected)


def test_cli_json_lists_file_line_col_code_and_exits_2(everything, tmp_path):
    result = run_validate(list(everything), tmp_path, "--format", "json")
    assert result.returncode == 2, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-3000:]
    expected = {cli_name(arg): found for arg, found in everything.items()}
    assert_every_file(diagnostics_from_json(result.stdout), expected, assert_expected)


# ---- inputs that once escaped as tracebacks or passed unchecked --------------------------------------

def test_control_character_gives_a_positioned_diagnostic(tmp_path):
    path = tmp_path / "scene.yaml"
    path.write_text("# a BEL character pasted into the scene name\nid: islet\nname: {zh: 小岛, en: Isl\x07et}\n",
                    encoding="utf-8")
    diagnostics = diagnostics_of(path)
    assert [(d.line, d.col, d.code) for d in diagnostics] == [(3, 23, "Y012")]  # the BEL is the 23rd character


def test_deep_nesting_is_refused(tmp_path):
    path = tmp_path / "scene.yaml"
    path.write_text("id: " + "[" * 400 + "]" * 400 + "\n", encoding="utf-8")  # under 1 KB
    assert [(d.code, d.line) for d in diagnostics_of(path)] == [("Y011", 1)]


def test_nul_in_a_model_path_is_refused(tmp_path):
    text = _islet_text().replace("  - {id: jetty", '  - {id: statue, kind: model, lat: 24.4001, lon: 118.0001, '
                                                    'model: "statue\\0.glb"}\n  - {id: jetty')
    assert_expected(diagnostics_of(_islet_copy(tmp_path, text)), [Expect(18, 67, "A001", "control character")])


def test_negative_seed_is_refused(tmp_path):
    text = _islet_text().replace("count: 20,", "count: 20, seed: -1,")
    assert [d.code for d in diagnostics_of(_islet_copy(tmp_path, text))] == ["S011"]


def test_latitude_spelled_out_hints_at_lat(tmp_path):
    text = _islet_text().replace("    lat: 24.4000\n", "    latitude: 24.4000\n")
    diagnostics = diagnostics_of(_islet_copy(tmp_path, text))
    assert any(d.code == "S002" and "'lat'" in d.hint for d in diagnostics)


def test_a_scene_id_that_is_not_its_folder_name_is_refused(tmp_path):
    """scenes/<id>/scene.yaml: a copy under another folder that keeps the old id would share its cache."""
    folder = tmp_path / "harbour"
    folder.mkdir()
    path = folder / "scene.yaml"
    path.write_text(_islet_copy(tmp_path, _islet_text()).read_text(encoding="utf-8").replace(
        "model: ../", "model: ../../"), encoding="utf-8")
    diagnostics = diagnostics_of(path)
    assert [(d.line, d.col, d.code) for d in diagnostics] == [(3, 5, "C003")]
    assert "'islet' differs from its folder 'harbour'" in diagnostics[0].message
    assert "name the folder 'islet', or set id: harbour" in diagnostics[0].hint


def test_a_point_inside_the_scene_once_lat_and_lon_are_swapped_is_named_so():
    """Where both numbers are valid latitudes (a scene at 48 N, 11 E), the swap shows only as a point
    outside the scene: `inside_when_swapped` tells the two apart."""
    from engine.geo import LocalProjection
    from engine.manifest.plain_words import inside_when_swapped
    proj = LocalProjection(48.137, 11.575)
    assert inside_when_swapped(proj.to_local, 1000.0, 11.576, 48.138)
    assert not inside_when_swapped(proj.to_local, 1000.0, 48.2, 11.6)  # merely outside
    assert not inside_when_swapped(proj.to_local, 1000.0, 24.4, 118.0)  # lon is no latitude
