"""The far level of detail of tile batches (engine/world/plan/lod.py): bounded by the ground it
covers, true to the near mesh's bounds and colours, cached, and drawn by the node stage instead of
the near mesh far away only."""
from __future__ import annotations

import numpy as np

from engine.world.plan import kit, lod
from engine.world.plan.layers import LayerPlan, MeshBatch
from engine.world.plan.mesh import Mesh, heading_rotation, merge
from tests.conftest import ISLET

GREEN = (0.2, 0.6, 0.2, 1.0)
RED = (0.85, 0.10, 0.10, 1.0)
BLUE = (0.10, 0.15, 0.85, 1.0)
PATCH_M = 100.0


def wood(count: int, seed: int = 3) -> Mesh:
    """`count` trees scattered over a PATCH_M square, turned and sized at random."""
    rng = np.random.default_rng(seed)
    templates = [kit.tree("broadleaf", h) for h in (5.0, 7.0, 9.0)]
    return merge([templates[rng.integers(3)].transformed(heading_rotation(rng.uniform(0, 360)),
                                                         (*rng.uniform(0, PATCH_M, 2), 0.0), rng.uniform(0.8, 1.2))
                  for _ in range(count)])


def seen_colour(mesh: Mesh) -> np.ndarray:
    """The mesh's colour weighted by the area each triangle shows from above and from the side."""
    corners = mesh.vertices[mesh.triangles]
    area = np.linalg.norm(np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]), axis=1) / 2
    colour = mesh.colours[mesh.triangles].mean(axis=1)
    return (colour * area[:, None]).sum(axis=0) / area.sum()


def covered(mesh: Mesh, cell: float, least: int = 1) -> set[tuple[int, int]]:
    """The `cell` squares holding at least `least` of the mesh's triangles' centres."""
    centres = mesh.vertices[mesh.triangles].mean(axis=1)
    keys, counts = np.unique(np.floor(centres[:, :2] / cell).astype(int), axis=0, return_counts=True)
    return set(map(tuple, keys[counts >= least]))


def test_the_far_mesh_is_bounded_by_the_ground_not_by_the_props():
    sparse, dense, denser = wood(20), wood(20 * 64), wood(20 * 128)
    far_sparse, far_dense, far_denser = lod.cluster(sparse), lod.cluster(dense), lod.cluster(denser)
    assert dense.triangle_count > 60 * sparse.triangle_count
    # a cluster is one vertex per cube and normal class, so the far mesh can not outgrow the volume
    cubes = (PATCH_M / lod.FAR_CELL_M + 2) ** 2 * (11.0 / lod.FAR_CELL_M + 2) * lod.NORMAL_CLASSES
    assert len(far_denser.vertices) <= cubes
    assert len(far_denser.vertices) < 1.3 * len(far_dense.vertices)  # twice the props, the same ground
    assert len(far_dense.vertices) < 32 * len(far_sparse.vertices)  # 64x the props
    assert far_sparse.triangle_count < sparse.triangle_count / 2  # lone trees keep a third, to keep their size
    for near, far in ((dense, far_dense), (denser, far_denser)):
        assert far.triangle_count < near.triangle_count / 10
    # triangles are not bounded as strictly (distinct triples of neighbouring clusters), but they grow
    # slower than the props once the ground is full
    assert far_denser.triangle_count < 1.9 * far_dense.triangle_count


def test_the_far_mesh_keeps_the_bounds_colours_and_every_region():
    for near in (wood(20), wood(400),
                 merge([kit.district_building("villa", 10, 8, 9, (0.9, 0.85, 0.8, 1), RED).transformed(
                     np.eye(3), (x, y, 0.0)) for x in range(0, 100, 20) for y in range(0, 100, 20)])):
        far = lod.cluster(near)
        assert far.triangle_count and far.triangle_count <= near.triangle_count
        lo, hi = near.vertices.min(axis=0), near.vertices.max(axis=0)
        assert np.all(far.vertices.min(axis=0) >= lo - 1e-6) and np.all(far.vertices.max(axis=0) <= hi + 1e-6)
        assert np.all(np.abs(far.vertices.min(axis=0) - lo) < lod.FAR_CELL_M)
        assert np.all(np.abs(far.vertices.max(axis=0) - hi) < lod.FAR_CELL_M)
        assert np.allclose(seen_colour(far), seen_colour(near), atol=0.08), (seen_colour(far), seen_colour(near))
        assert np.allclose(np.linalg.norm(far.normals, axis=1), 1.0)
        # no square of two cells (8 m) with any of a prop in it loses all of it: no tree goes missing
        assert covered(near, 2 * lod.FAR_CELL_M) <= covered(far, 2 * lod.FAR_CELL_M), "a region of props is gone"
        # no degenerate and no repeated triangle
        t = np.sort(far.triangles, axis=1)
        assert np.all((t[:, 0] != t[:, 1]) & (t[:, 1] != t[:, 2]))
        assert len(np.unique(t, axis=0)) == len(t)


def test_a_sparse_batch_gets_no_far_mesh_and_a_dense_one_does():
    assert lod.far_level(kit.box(10, 10, 10, RED)) == (None, 0.0)
    far, far_m = lod.far_level(wood(600))
    assert far is not None and far_m > lod.FAR_MARGIN_M + PATCH_M / 2


def test_the_cache_round_trips_the_far_mesh(tmp_path):
    from engine.manifest.scene_loader import load_scene
    from engine.world.cache import SceneCache, cache_key
    from engine.world.plan.build import plan_world
    scene, _ = load_scene(ISLET)
    plan = plan_world(scene, ISLET)
    near = wood(600)
    far, far_m = lod.far_level(near)
    plan.layers.append(LayerPlan("wood", [MeshBatch("wood:0:0", near, far=far, far_m=far_m), MeshBatch("bare", near)]))
    cache = SceneCache(tmp_path)
    key = cache_key(scene, ISLET)
    cache.store(plan, key)
    back = cache.load(scene, key)
    assert [b.far is not None for layer in back.layers for b in layer.batches] == \
           [b.far is not None for layer in plan.layers for b in layer.batches]
    got = back.layer("wood").batches
    assert got[1].far is None and got[0].far_m == far_m
    assert np.array_equal(got[0].far.triangles, far.triangles)
    assert np.allclose(got[0].far.vertices, far.vertices, atol=1e-3)
    assert np.allclose(got[0].far.colours, far.colours, atol=1 / 255)


def test_the_node_stage_draws_the_near_mesh_close_and_the_far_one_far(open_view):
    from benchmarks.camera_path import culled
    view = open_view(ISLET)
    scene = view.built
    before_pixels = {}
    close, away, target = (60.0, -120.0, 90.0), (-350.0, -420.0, 260.0), (0.0, 0.0, 60.0)
    for name, pos in (("close", close), ("away", away)):
        view.rig.look_from(pos, target)
        before_pixels[name] = view.pixels()
    tower = kit.box(30, 30, 60, RED).transformed(np.eye(3), (0.0, 0.0, 30.0))
    far = Mesh(tower.vertices, tower.normals, np.tile(BLUE, (len(tower.vertices), 1)), tower.triangles)
    node = scene.add_layer(LayerPlan("lod", [MeshBatch("lod:0:0", tower, far=far, far_m=300.0)]))
    assert node.find("**/+LODNode").node().get_num_children() == 2
    for name, pos, wanted in (("close", close, "red"), ("away", away, "blue")):
        assert (np.linalg.norm(np.subtract(pos, (0.0, 0.0, 60.0))) < 300.0) == (name == "close")
        view.rig.look_from(pos, target)
        shown = view.pixels().astype(int)
        changed = np.any(shown != before_pixels[name], axis=-1)  # the islet's own roofs are red too
        red = changed & (shown[..., 0] > 150) & (shown[..., 1] < 90) & (shown[..., 2] < 110)
        blue = changed & (shown[..., 2] > 150) & (shown[..., 0] < 90) & (shown[..., 1] < 110)
        assert (red.sum() > 100) == (wanted == "red") and (blue.sum() > 100) == (wanted == "blue"), name
        # the bench counts what Panda3D draws: one draw, the near or the far mesh's triangles
        assert culled(view.base.cam, node) == (1, tower.triangle_count)
    scene.remove_layer("lod")
    for name, pos in (("close", close), ("away", away)):
        view.rig.look_from(pos, target)
        assert np.array_equal(view.pixels(), before_pixels[name]), f"{name}: pixels differ after removal"


def test_both_eyes_of_a_stereo_rig_switch_levels_for_the_head(offscreen_base):
    from engine.display.stereo_rig import StereoRig
    rig = StereoRig(offscreen_base.render)
    try:
        assert all(eye.node().get_lod_center() == rig.head for eye in rig.eyes)
    finally:
        rig.remove()


def test_the_scaling_generator_runs_at_a_tiny_size(offscreen_base):
    from benchmarks.scaling import markdown, run
    results = run(multipliers=(1, 4), poses=3, buildings=3, trees=12, base=offscreen_base, plan_apart=False)
    one, four = results["runs"]["1"], results["runs"]["4"]
    assert one["trees"] > 0 and four["trees"] > 2 * one["trees"] and four["triangles"] > one["triangles"]
    for row in (one, four):
        assert row["lod_on"]["frames"] == 3 and row["lod_on"]["draw_calls_max"] <= row["batches"]
        assert row["lod_on"]["triangles_drawn_max"] <= row["lod_off"]["triangles_drawn_max"]
    assert "| 4x |" in markdown(results)


def test_a_lone_small_prop_keeps_its_size_far_away():
    for height in (5.0, 7.0, 9.0):  # crowns of 3-5 m: a 4 m grid alone would collapse them to slivers
        near = kit.tree("broadleaf", height).transformed(np.eye(3), (1.7, 2.9, 0.0))
        far = lod.cluster(near)
        size = lambda m: np.ptp(m.vertices, axis=0) + 0.5  # noqa: E731
        assert far.triangle_count and size(far).prod() >= lod.KEEP_EXTENT * size(near).prod()
