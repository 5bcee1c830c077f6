"""Nothing damaged or hostile in a model reaches the renderer: each model of tests/hostile_models.py
is refused by validate at the landmark's `model:` line with its code, and `render` exits 2 with that
message (no traceback, no crash, no hang); a model whose texture name is %-escaped as a URI passes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from engine.diagnostics import ContentError
from engine.manifest.gltf_check import check_gltf
from engine.manifest.model_problems import MAX_IMAGE_SIDE
from engine.manifest.scene_loader import load_scene
from tests.conftest import ROOT
from tests.hostile_models import (BOAT, BOAT_LINE, CASES, encoded_space, islet_with_model, model_column,
                                  pixel_bomb_png, valid_egg, write_bam)

RENDERED = ["short-bin", "zero-byte-texture", "glb-json-is-a-list", "escaped-dots-traversal", "truncated-bam"]


def run(*args: str, data: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), *args, "--data", str(data)],
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def test_the_corpus_has_at_least_fifteen_models():
    assert len(CASES) >= 15


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_refuses_the_model_at_its_line(tmp_path, name):
    maker, code = CASES[name]
    manifest = islet_with_model(tmp_path, maker)
    with pytest.raises(ContentError) as refused:
        load_scene(manifest)
    found = [(d.line, d.col, d.code) for d in refused.value.diagnostics]
    assert (BOAT_LINE, model_column(manifest), code) in found, refused.value.diagnostics


def test_validate_on_the_command_line_exits_2_with_every_code(tmp_path):
    manifests = {name: islet_with_model(tmp_path / name, maker) for name, (maker, _) in CASES.items()}
    result = run("validate", *map(str, manifests.values()), data=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    for name, manifest in manifests.items():
        where = f"{name}/islet/scene.yaml:{BOAT_LINE}:{model_column(manifest)}:"
        assert any(where in line and f"[{CASES[name][1]}]" in line for line in out.splitlines()), (name, out)


@pytest.mark.parametrize("name", RENDERED)
def test_render_exits_2_without_a_traceback(tmp_path, name):
    manifest = islet_with_model(tmp_path, CASES[name][0])
    out = tmp_path / "frame.png"
    result = run("render", str(manifest), "--out", str(out), "--size", "160x90", data=tmp_path, timeout=60)
    assert result.returncode == 2, result.stderr  # a segfault is -11, a traceback exit 1
    assert "Traceback" not in result.stderr and f"[{CASES[name][1]}]" in result.stderr
    assert not out.exists()


def test_an_escaped_space_in_a_texture_name_is_decoded_and_renders(tmp_path):
    manifest = islet_with_model(tmp_path, encoded_space)
    load_scene(manifest)  # no ContentError
    out = tmp_path / "frame.png"
    result = run("render", str(manifest), "--out", str(out), "--size", "160x90", "--view", "boat_close",
                 data=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.is_file()


def test_a_valid_bam_and_the_project_boat_pass(tmp_path):
    write_bam(tmp_path / "islet" / "models" / "card.bam")
    manifest = islet_with_model(tmp_path / "b", lambda models: _copy(tmp_path / "islet" / "models" / "card.bam", models))
    load_scene(manifest)
    assert check_gltf(BOAT, str(BOAT), ROOT / "scene.yaml") == []


def test_a_valid_egg_passes_and_renders(tmp_path):
    manifest = islet_with_model(tmp_path, valid_egg)
    load_scene(manifest)
    out = tmp_path / "frame.png"
    result = run("render", str(manifest), "--out", str(out), "--size", "160x90", data=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr


def test_an_embedded_png_passes(tmp_path):
    from PIL import Image

    from tests.hostile_models import _data_uri, _image_uri
    uri = _data_uri(Image.new("RGB", (8, 8), (0, 200, 0)), "PNG", "image/png")
    load_scene(islet_with_model(tmp_path, _image_uri(uri)))


def _copy(source: Path, models: Path) -> str:
    models.mkdir(parents=True, exist_ok=True)
    (models / source.name).write_bytes(source.read_bytes())
    return f"models/{source.name}"


def test_the_pixel_bomb_is_refused_from_its_header(tmp_path):
    """A 30000 x 30000 claim costs no decoding: refused by the size in its header."""
    manifest = islet_with_model(tmp_path, CASES["pixel-bomb"][0])
    assert len(pixel_bomb_png()) < 100
    with pytest.raises(ContentError) as refused:
        load_scene(manifest)
    assert any(f"limit is {MAX_IMAGE_SIDE}" in d.message or "more than" in d.message
               for d in refused.value.diagnostics)
