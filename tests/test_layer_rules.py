"""Which layers may import what: the tour interpreter and the game rules run headless, without
Panda3D or widgets; only engine.play and engine.ui put them on a screen."""
from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

FORBIDDEN = ("panda3d", "direct", "engine.ui", "engine.play", "engine.display")


def imported_modules(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", ["tour", "game"])
def test_tours_and_the_game_know_nothing_of_panda3d_or_the_screen(package):
    for path in sorted((ROOT / "engine" / package).rglob("*.py")):
        bad = {name for name in imported_modules(path)
               if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)}
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"
