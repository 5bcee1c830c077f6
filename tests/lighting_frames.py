"""Frames of the islet test scene through both lighting paths, in a process of its own (each
ShowBase is one per process, and the test session's shared one draws with the fast path):
`python -m tests.lighting_frames OUT.npz CACHE_DIR`. tests/test_lighting.py reads them."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from tests.conftest import ISLET, RENDER_SIZE

# Above the village, looking across it: the sun (the islet stands at 15:30) throws the houses'
# shadows towards the viewer, onto open grass.
SHADOW_EYE, SHADOW_TARGET = (60.0, -160.0, 90.0), (80.0, 60.0, 20.0)


def frames(quality: str, cache_dir: Path) -> dict[str, np.ndarray]:
    from engine.display.base import make_base
    from engine.display.scene_view import SceneView
    from engine.world.cache import SceneCache
    from engine.world.library import get_scene
    base = make_base(offscreen=True, size=RENDER_SIZE, quality=quality)
    built, _ = get_scene(ISLET, base.loader, SceneCache(cache_dir))
    view = SceneView(base, built)
    out = {f"{quality}_main": view.pixels()}
    view.rig.look_from(SHADOW_EYE, SHADOW_TARGET)
    out[f"{quality}_village"] = view.pixels()
    if quality == "pbr":
        built.sky.sun.node().set_shadow_caster(False)
        out["pbr_village_no_shadows"] = view.pixels()
    from engine.display.side_by_side import on_mono_camera
    pair = on_mono_camera(base)  # a stereo pair: each eye's half drawn (and tonemapped) on its own
    view.go_to_view(view.default_view())
    out[f"{quality}_stereo"] = view.pixels()
    pair.close()
    out[f"{quality}_after_stereo"] = view.pixels()
    view.go_to_view(view.viewpoint("boat_close"))
    out[f"{quality}_boat"] = view.pixels()
    out[f"{quality}_name"] = np.array(base.ludao_lighting.quality)
    return out


if __name__ == "__main__":
    target, cache, quality = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    np.savez(target, **frames(quality, cache))
