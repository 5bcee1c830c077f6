"""The built-scene cache: a second load comes from it, and a stale or broken entry is never used."""
import shutil

from engine.scene_library import get_scene
from engine.world.cache import SceneCache, cache_key
from engine.manifest.scene_loader import load_scene
from tests.conftest import ISLET, ROOT


def _copy_islet(tmp_path):
    """The islet in a folder of its own, its glTF boat copied beside it."""
    folder = tmp_path / "islet"
    shutil.copytree(ISLET.parent, folder)
    shutil.copy(ROOT / "assets" / "models" / "fishing_boat.glb", folder / "boat.glb")
    manifest = folder / "scene.yaml"
    manifest.write_text(manifest.read_text().replace("../../../../assets/models/fishing_boat.glb", "boat.glb"))
    return manifest


def _geom_count(root):
    return sum(root.find_all_matches("**/+GeomNode")[i].node().get_num_geoms()
               for i in range(root.find_all_matches("**/+GeomNode").get_num_paths()))


def test_second_load_comes_from_the_cache_and_matches(offscreen_base, tmp_path):
    manifest = _copy_islet(tmp_path)
    cache = SceneCache(tmp_path / "cache")
    first, report1 = get_scene(manifest, offscreen_base.loader, cache)
    second, report2 = get_scene(manifest, offscreen_base.loader, cache)
    assert not report1.from_cache and report2.from_cache
    assert _geom_count(second.root) == _geom_count(first.root) > 5
    assert second.root.find("markers").get_num_children() == len(first.manifest.pois)
    assert (second.ground.heights == first.ground.heights).all()


def test_an_edited_manifest_never_uses_the_old_entry(offscreen_base, tmp_path):
    manifest = _copy_islet(tmp_path)
    cache = SceneCache(tmp_path / "cache")
    get_scene(manifest, offscreen_base.loader, cache)
    old_key = cache_key(load_scene(manifest)[0], manifest)
    manifest.write_text(manifest.read_text().replace("height_m: 40", "height_m: 55"))
    built, report = get_scene(manifest, offscreen_base.loader, cache)
    assert not report.from_cache
    assert cache_key(built.manifest, manifest) != old_key
    assert built.ground.heights.max() > 54  # the new hill, not the cached one
    assert not any(cache.folder.glob(f"islet-{old_key}*")), "the stale entry was left behind"


def test_a_corrupt_entry_is_rebuilt(offscreen_base, tmp_path):
    manifest = _copy_islet(tmp_path)
    cache = SceneCache(tmp_path / "cache")
    get_scene(manifest, offscreen_base.loader, cache)
    for bam in cache.folder.glob("*.bam"):
        bam.write_bytes(b"not a bam file")
    built, report = get_scene(manifest, offscreen_base.loader, cache)
    assert not report.from_cache
    assert _geom_count(built.root) > 5


def test_a_changed_model_file_never_uses_the_old_entry(offscreen_base, tmp_path):
    manifest = _copy_islet(tmp_path)
    cache = SceneCache(tmp_path / "cache")
    get_scene(manifest, offscreen_base.loader, cache)
    boat = manifest.parent / "boat.glb"
    boat.write_bytes(boat.read_bytes().replace(b'"roughnessFactor":0.8', b'"roughnessFactor":0.7'))
    _, report = get_scene(manifest, offscreen_base.loader, cache)
    assert not report.from_cache
