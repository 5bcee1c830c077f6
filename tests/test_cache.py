"""The built-scene cache: a second load comes from it, and a stale or broken entry is never used."""
import shutil
import struct

import pytest
from PIL import Image

from engine.world.library import get_scene
from engine.world.cache import SceneCache, cache_key
from engine.manifest.scene_loader import load_scene
from tests.conftest import ISLET, ROOT
from tests.gltf_files import write_textured_quad


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


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped"])
def test_a_corrupt_entry_is_rebuilt(offscreen_base, tmp_path, damage):
    manifest = _copy_islet(tmp_path)
    cache = SceneCache(tmp_path / "cache")
    first, _ = get_scene(manifest, offscreen_base.loader, cache)
    entries = list(cache.folder.glob("*.plan.npz"))
    assert len(entries) == 1
    data = entries[0].read_bytes()
    if damage == "garbage":
        data = b"not a plan file"
    elif damage == "truncated":
        data = data[:-1]
    else:  # a byte in the middle of the mesh data
        middle = len(data) // 2
        data = data[:middle] + bytes([data[middle] ^ 0x5A]) + data[middle + 1:]
    entries[0].write_bytes(data)
    built, report = get_scene(manifest, offscreen_base.loader, cache)
    assert not report.from_cache
    assert _geom_count(built.root) == _geom_count(first.root) > 5
    _, again = get_scene(manifest, offscreen_base.loader, cache)
    assert again.from_cache, "the rebuilt entry was not written back"


def _islet_with_gltf(tmp_path):
    """The islet with a textured glTF whose buffer and image are files of their own."""
    manifest = _copy_islet(tmp_path)
    write_textured_quad(manifest.parent / "quad")
    text = manifest.read_text()
    manifest.write_text(text.replace("model: boat.glb", "model: quad/quad.gltf"))
    assert "quad/quad.gltf" in manifest.read_text()
    return manifest


@pytest.mark.parametrize("edited", ["quad.bin", "quad.png"])
def test_editing_a_gltf_buffer_or_texture_rebuilds_the_scene(offscreen_base, tmp_path, edited):
    manifest = _islet_with_gltf(tmp_path)
    cache = SceneCache(tmp_path / "cache")
    _, first = get_scene(manifest, offscreen_base.loader, cache)
    _, second = get_scene(manifest, offscreen_base.loader, cache)
    assert not first.from_cache and second.from_cache
    path = manifest.parent / "quad" / edited
    if edited == "quad.png":
        Image.new("RGB", (8, 8), (20, 40, 220)).save(path)
    else:
        data = bytearray(path.read_bytes())
        data[0:4] = struct.pack("<f", -12.5)  # the first corner moves
        path.write_bytes(bytes(data))
    _, third = get_scene(manifest, offscreen_base.loader, cache)
    assert not third.from_cache, f"a changed {edited} was served from the old cache entry"


def test_a_changed_model_file_never_uses_the_old_entry(offscreen_base, tmp_path):
    manifest = _copy_islet(tmp_path)
    cache = SceneCache(tmp_path / "cache")
    get_scene(manifest, offscreen_base.loader, cache)
    boat = manifest.parent / "boat.glb"
    boat.write_bytes(boat.read_bytes().replace(b'"roughnessFactor":0.8', b'"roughnessFactor":0.7'))
    _, report = get_scene(manifest, offscreen_base.loader, cache)
    assert not report.from_cache


def test_an_entry_reads_back_as_np_load_reads_it():
    """The fast reader of a proven entry (engine.world.cache.stored_arrays) gives np.load's arrays:
    same names, dtypes, shapes and values, writable; anything np.savez would not write is left to np.load."""
    import io

    import numpy as np

    from engine.world.cache import stored_arrays
    rng = np.random.default_rng(17)
    arrays = {"facts/h": rng.random((40, 30)), "0/0/v": rng.random((999, 3)).astype(np.float32),
              "0/0/c": rng.integers(0, 255, (999, 4), dtype=np.uint8), "0/0/t": rng.integers(0, 999, (50, 3), dtype=np.uint32),
              "0/footprints": np.zeros((0, 4)), "scalar": np.float64(2.5), "flags": np.array([True, False]),
              "i64": np.arange(-5, 5, dtype=np.int64), "big": np.ones(70_000, dtype=np.float64)}
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    data = buffer.getvalue()
    got = stored_arrays(data)
    with np.load(io.BytesIO(data), allow_pickle=False) as expected:
        assert got.files == expected.files
        for name in expected.files:
            assert got[name].dtype == expected[name].dtype and got[name].shape == expected[name].shape, name
            assert np.array_equal(got[name], expected[name]) and got[name].flags.writeable, name
    for other in (np.savez_compressed, lambda f, **a: np.savez(f, **{"u": np.array(["text"])}),
                  lambda f, **a: np.savez(f, **{"f": np.asfortranarray(rng.random((3, 4)))})):
        buffer = io.BytesIO()
        other(buffer, **arrays)
        assert stored_arrays(buffer.getvalue()) is None
    assert stored_arrays(b"not a zip") is None
