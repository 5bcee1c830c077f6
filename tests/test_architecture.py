"""The house rules that a reader of docs/ARCHITECTURE.md relies on, checked: small modules, a
composition root that only composes, and the layer contracts (run by `make test` through
lint-imports; run here too so a plain `pytest` catches a broken rule)."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ENGINE = ROOT / "engine"
MAX_LINES = 400


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in ENGINE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these modules (over {MAX_LINES} lines): {long}"


def test_the_composition_root_only_composes():
    """engine/app.py chooses a display, gets the scene, starts the visit: no input handling, no
    widgets, no behaviour of its own (a dataclass that wires parts together is fine)."""
    tree = ast.parse((ENGINE / "app.py").read_text(encoding="utf-8"))
    def is_dataclass(node: ast.ClassDef) -> bool:
        return any(getattr(d, "id", getattr(d, "attr", None)) == "dataclass" for d in node.decorator_list)
    classes = [n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and not is_dataclass(n)]
    assert classes == [], f"app.py defines {classes}: move them to play/, display/ or ui/"
    assert len((ENGINE / "app.py").read_text(encoding="utf-8").splitlines()) < 150
    calls = {n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
    assert not calls & {"accept", "ignore", "is_button_down"}, "app.py handles input"
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert not any("DirectGui" in name or name.startswith("direct.gui") for name in imported), "app.py builds widgets"


@pytest.mark.skipif(shutil.which("lint-imports", path=str(Path(sys.executable).parent)) is None,
                    reason="import-linter is not installed (pip install -e '.[test]')")
def test_the_layer_contracts_hold():
    out = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
