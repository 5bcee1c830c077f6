"""size_m on a model landmark is its size in metres (east-west, north-south, up), whatever the
file's own units and the landmark's heading; without size_m the model keeps the file's size."""
from __future__ import annotations

import pytest

from engine.world.nodes.models import load_model
from engine.world.plan.layers import ModelPlacement
from tests.gltf_files import write_textured_quad
from tests.hostile_models import BOAT


def _measured(node) -> tuple[float, float, float]:
    low, high = node.get_tight_bounds()
    return tuple(round(float(v), 3) for v in high - low)


@pytest.mark.parametrize("heading", [0.0, 30.0, 90.0])
def test_size_m_sets_the_model_size_in_metres(offscreen_base, heading):
    placement = ModelPlacement("boat", str(BOAT), (100.0, -50.0, 2.0), heading, (10.0, 10.0, 5.0))
    node = load_model(placement, offscreen_base.loader)
    assert _measured(node) == pytest.approx((10.0, 10.0, 5.0), abs=1e-3)


def test_without_size_m_the_model_keeps_its_own_size(offscreen_base, tmp_path):
    quad = write_textured_quad(tmp_path / "q", size_m=20.0)  # 20 m square, flat on the ground (glTF is y-up)
    node = load_model(ModelPlacement("quad", str(quad), (0.0, 0.0, 0.0), 0.0), offscreen_base.loader)
    assert _measured(node) == pytest.approx((20.0, 20.0, 0.0), abs=1e-3)


def test_a_flat_model_is_not_stretched_along_its_flat_axis(offscreen_base, tmp_path):
    quad = write_textured_quad(tmp_path / "q", size_m=20.0)
    node = load_model(ModelPlacement("quad", str(quad), (0.0, 0.0, 0.0), 0.0, (4.0, 8.0, 1.0)),
                      offscreen_base.loader)
    assert _measured(node) == pytest.approx((4.0, 8.0, 0.0), abs=1e-3)


def test_the_plan_carries_size_m_and_the_cache_keeps_it(tmp_path):
    from engine.manifest.scene_loader import load_scene
    from engine.world.cache import plan_from_arrays, plan_to_arrays
    from engine.world.plan.build import plan_world
    from tests.hostile_models import islet_with_model

    def boat_with_size(models):
        models.mkdir(parents=True)
        (models / "boat.glb").write_bytes(BOAT.read_bytes())
        return "models/boat.glb, size_m: [10, 10, 5]"

    manifest = islet_with_model(tmp_path, boat_with_size)
    scene, _ = load_scene(manifest)
    plan = plan_world(scene, manifest)
    placement = plan.layer("landmarks").models[0]
    assert placement.size_m == (10.0, 10.0, 5.0)

    class Arrays(dict):
        files = property(lambda self: list(self))

    again = plan_from_arrays(Arrays(plan_to_arrays(plan)), scene)
    assert again.layer("landmarks").models[0].size_m == (10.0, 10.0, 5.0)
