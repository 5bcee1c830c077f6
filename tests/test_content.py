"""Shipped content: every manifest validates and meets the bar for a recognisable scene."""
import numpy as np
import pytest
from fontTools.ttLib import TTFont
from shapely.geometry import Polygon

from engine.geo import LocalProjection
from engine.manifest.scene_loader import load_scene
from engine.scene_library import scene_manifests
from engine.settings import PROJECT_ROOT
from engine.ui.fonts import FONT_PATH

SCENES = scene_manifests(PROJECT_ROOT / "scenes")


def test_the_three_xiamen_scenes_are_shipped():
    assert {"gulangyu", "shapowei", "yundang"} <= set(SCENES)


@pytest.mark.parametrize("scene_id", list(SCENES))
def test_manifest_validates_and_has_enough_to_explore(scene_id):
    scene, _ = load_scene(SCENES[scene_id])
    assert len(scene.pois) >= 8
    assert len(scene.viewpoints) >= 3
    for poi in scene.pois:
        assert poi.name.zh and poi.name.en and poi.description.zh and poi.description.en
    assert any(a.surface == "land" for a in scene.terrain.areas)


def _area_km2(scene, surface):
    proj = LocalProjection(scene.origin.lat, scene.origin.lon)
    total = 0.0
    for area in scene.terrain.areas:
        ring = np.array(area.outline)
        poly = Polygon(proj.to_local_many(ring[:, 0], ring[:, 1])[:, :2])
        if area.surface == surface:
            total += poly.area
    return total / 1e6


def test_gulangyu_is_the_right_size_and_sunlight_rock_the_right_height():
    scene, _ = load_scene(SCENES["gulangyu"])
    island = next(a for a in scene.terrain.areas if "gulangyu" in a.id)
    proj = LocalProjection(scene.origin.lat, scene.origin.lon)
    ring = np.array(island.outline)
    area = Polygon(proj.to_local_many(ring[:, 0], ring[:, 1])[:, :2]).area / 1e6
    assert 1.6 < area < 2.3  # 1.87 km² per the island's own figures; the OSM outline gives ~1.9
    # Sunlight Rock tops out at 92.68 m: its highest boulder, standing on the crag (the terrain peak)
    rock = next(p for p in scene.terrain.peaks if p.id == "sunlight_rock")
    boulders = [lm for lm in scene.landmarks if lm.id.startswith("sunlight_rock_boulder")]
    tops = [lm.base_m + lm.size_m[2] for lm in boulders]
    assert max(tops + [rock.height_m]) == pytest.approx(92.68)
    assert rock.height_m < min(tops), "the boulders must stand out of the crag"


def test_yundang_lake_water_is_about_the_real_size():
    scene, _ = load_scene(SCENES["yundang"])
    # water areas painted over land, minus islands painted over water: approximately the lake
    assert 1.2 < _area_km2(scene, "water") < 2.6


def test_the_ui_font_has_every_character_the_content_uses():
    cmap = TTFont(FONT_PATH).getBestCmap()
    used = set()
    for path in list((PROJECT_ROOT / "scenes").rglob("*.yaml")) + list((PROJECT_ROOT / "scripts").rglob("*.yaml")):
        used |= {ch for ch in path.read_text(encoding="utf-8") if ord(ch) > 127}
    for path in [p for d in ("ui", "souvenir", "game") for p in (PROJECT_ROOT / "engine" / d).glob("*.py")]:
        used |= {ch for ch in path.read_text(encoding="utf-8") if ord(ch) > 127}
    missing = sorted(ch for ch in used if ord(ch) not in cmap and not ch.isspace())
    assert not missing, f"the UI font lacks {''.join(missing)}: run tools/subset_font.py"
