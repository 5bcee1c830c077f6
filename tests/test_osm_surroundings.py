"""Each scene's generated `surroundings.land` block is what tools/osm_surroundings.py writes from
the checked-in OSM land (tools/data/xiamen-land.geojson), so the two never drift apart."""
from __future__ import annotations

import importlib.util

import pytest

from engine.settings import PROJECT_ROOT


def _tool():
    spec = importlib.util.spec_from_file_location("osm_surroundings", PROJECT_ROOT / "tools" / "osm_surroundings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["gulangyu", "shapowei", "yundang"])
def test_the_surroundings_block_is_what_the_tool_writes(name):
    tool = _tool()
    path = PROJECT_ROOT / "scenes" / name / "scene.yaml"
    text = path.read_text(encoding="utf-8")
    assert tool.replace_block(text, tool.block_lines(path, 60.0, 40_000.0)) == text, \
        f"run `python tools/osm_surroundings.py --write scenes/{name}/scene.yaml`"
    assert "ODbL" in text and "© OpenStreetMap contributors" in text
