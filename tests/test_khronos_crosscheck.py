"""The glTF checks agree with the Khronos glTF Validator on the hostile-model corpus: every model the
engine refuses for its structure or data the validator finds errors in too, and the valid ones it
passes. The engine does not need Node; this test runs only where node and the validator are installed
(`cd tools/khronos_validator && npm install`), and is skipped elsewhere.

Not compared: textures (the validator only warns about an unreadable image) and paths out of the
content folders (the validator cannot know which folders those are)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.hostile_models import BOAT, CASES, encoded_space, islet_with_model

VALIDATOR = ROOT / "tools" / "khronos_validator"
REFUSED_BY_BOTH = ["short-bin", "view-past-buffer", "accessor-past-view", "bad-component-type", "index-out-of-range",
                   "node-loop", "missing-bin", "bad-data-uri", "gltf-json-is-a-list", "glb-json-is-a-list",
                   "glb-wrong-chunk-length", "truncated-glb"]

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (VALIDATOR / "node_modules" / "gltf-validator").is_dir(),
    reason="needs node and tools/khronos_validator/node_modules (npm install there)")


def _model_of(manifest: Path) -> Path:
    line = next(line for line in manifest.read_text().splitlines() if "id: boat," in line)
    return manifest.parent / line.split("model: ")[1].split(",")[0]


def test_the_khronos_validator_agrees(tmp_path):
    models = {name: _model_of(islet_with_model(tmp_path / name, CASES[name][0])) for name in REFUSED_BY_BOTH}
    valid = {"encoded-space": _model_of(islet_with_model(tmp_path / "encoded-space", encoded_space)), "boat": BOAT}
    files = [*models.values(), *valid.values()]
    result = subprocess.run(["node", str(VALIDATOR / "validate.js"), *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    errors = {Path(r["file"]): r for r in map(json.loads, result.stdout.splitlines())}
    for name, path in models.items():
        assert errors[path]["errors"] > 0, f"{name}: the Khronos validator finds no error"
    for name, path in valid.items():
        assert errors[path]["errors"] == 0, f"{name}: {errors[path]['codes']}"
