"""`export SCENE [--event ID] --out F.glb`: the world plan as one binary glTF file. Read back with
panda3d-gltf (the engine's own loader) and with trimesh, every number compared with the plan's;
checked by the Khronos glTF Validator where node and its package are installed."""
from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from engine.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from engine.cli.main import main
from tests.conftest import DATA, ISLET, ROOT

SCENES = DATA / "scenes"
EVENT = "islet_fair"
SHIPPED = "shapowei"  # the smallest shipped scene
VALIDATOR = ROOT / "tools" / "khronos_validator"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("export-data")


@pytest.fixture(scope="module")
def exported(data_dir, tmp_path_factory):
    """export(scene, *events, scenes=...) -> (path, stdout) of a run of the command, made once."""
    made = {}
    out_dir = tmp_path_factory.mktemp("export-out")

    def _export(scene: str, *events: str, scenes: Path = SCENES, per_object: bool = False) -> Path:
        key = (scene, events, per_object)
        if key not in made:
            out = out_dir / f"{scene}{''.join('-' + e for e in events)}{'-objects' * per_object}.glb"
            args = ["export", scene, "--out", str(out), "--data", str(data_dir), "--scenes", str(scenes)]
            args += ["--per-object"] * per_object
            for event in events:
                args += ["--event", event]
            assert main(args) == EXIT_OK
            made[key] = out
        return made[key]

    return _export


@pytest.fixture(scope="module")
def islet_plan(data_dir):
    from engine.world.cache import SceneCache
    from engine.world.plans import load_plan
    return load_plan(ISLET, SceneCache(data_dir / "cache"))[0]


def gltf_json(path: Path) -> dict:
    data = path.read_bytes()
    magic, version, length = struct.unpack("<4sII", data[:12])
    assert (magic, version, length) == (b"glTF", 2, len(data))
    size, kind = struct.unpack("<I4s", data[12:20])
    assert kind == b"JSON"
    return json.loads(data[20:20 + size])


def model_part_faces(path: str) -> list[int]:
    import trimesh
    source = trimesh.load(path, force="scene")
    return [len(source.geometry[source.graph[n][1]].faces) for n in source.graph.nodes_geometry]


def expected_counts(layers, viewpoints: int) -> tuple[int, int]:
    """(nodes, triangles) the file must hold for these plan layers: a node per layer, per mesh
    batch with triangles, per model and its parts, per POI (with its pin and pole), per viewpoint."""
    nodes, triangles = viewpoints, 0
    for layer in layers:
        nodes += 1
        if layer.markers:
            nodes += 3 * len(layer.markers)
            triangles += len(layer.markers) * layer.triangle_count  # a pin and a pole each
        else:
            nodes += sum(1 for b in layer.batches if b.mesh.triangle_count)
            triangles += layer.triangle_count
        for placement in layer.models:
            faces = model_part_faces(placement.path)
            nodes += 1 + len(faces)
            triangles += sum(faces)
    return nodes, triangles


def panda_triangles(model) -> int:
    return sum(prim.get_num_faces() for geom_np in model.find_all_matches("**/+GeomNode")
               for geom in geom_np.node().get_geoms() for prim in geom.get_primitives())


def trimesh_triangles(path: Path) -> int:
    import trimesh
    scene = trimesh.load(path, force="scene")
    return sum(len(scene.geometry[scene.graph[n][1]].faces) for n in scene.graph.nodes_geometry)


def load_panda(base, path: Path):
    from panda3d.core import Filename
    return base.loader.load_model(Filename.from_os_specific(str(path)), noCache=True)


def test_islet_holds_the_plan(exported, islet_plan, offscreen_base):
    path = exported("islet")
    tree = gltf_json(path)
    scene = islet_plan.scene
    nodes, triangles = expected_counts(islet_plan.layers, len(scene.viewpoints))
    assert len(tree["nodes"]) == nodes
    assert trimesh_triangles(path) == triangles
    model = load_panda(offscreen_base, path)
    assert panda_triangles(model) == triangles
    roots = [tree["nodes"][i]["name"] for i in tree["scenes"][0]["nodes"]]
    assert roots == [layer.name for layer in islet_plan.layers] + [f"view:{vp.id}" for vp in scene.viewpoints]
    for layer in islet_plan.layers:  # every batch under its layer's node, by name
        for batch in layer.batches if not layer.markers else ():
            if batch.mesh.triangle_count:
                assert not model.find(f"**/{layer.name}/{batch.name}").is_empty(), batch.name
    extras = tree["scenes"][0]["extras"]
    assert extras["scene_id"] == "islet" and extras["name"] == {"zh": "小岛", "en": "Islet"}
    assert extras["origin"] == {"lat": scene.origin.lat, "lon": scene.origin.lon} and extras["units"] == "metres"


def test_per_object_a_node_for_each_building_tree_and_landmark(exported, islet_plan):
    """--per-object: the same triangles as the engine's batches, but each building, tree and kit
    landmark its own node (for Blender, and the benchmark's naive baseline)."""
    from engine.manifest.scene_loader import load_scene
    from engine.world.plan.build import plan_world
    path = exported("islet", per_object=True)
    tree = gltf_json(path)
    assert trimesh_triangles(path) == trimesh_triangles(exported("islet"))
    objects = plan_world(load_scene(ISLET)[0], ISLET, per_object=True)
    assert len(tree["nodes"]) == expected_counts(objects.layers, len(objects.scene.viewpoints))[0]
    names = [n.get("name", "") for n in tree["nodes"]]
    layer = {lp.name: lp for lp in islet_plan.layers}
    assert sum(n.startswith("districts:") for n in names) == len(layer["districts"].footprints) > 1
    assert sum(n.startswith("vegetation:") for n in names) == len(layer["vegetation"].footprints) > 1
    kit = [lm.id for lm in islet_plan.scene.landmarks if lm.kind != "model" and not lm.model]
    assert {f"landmarks:{i}" for i in kit} <= set(names) and kit
    assert "terrain" in names and not any(n.startswith("terrain:") for n in names)  # the ground whole


def test_materials_and_vertex_colours(exported, offscreen_base):
    path = exported("islet")
    tree = gltf_json(path)
    for material in tree["materials"]:
        assert material["pbrMetallicRoughness"]["metallicFactor"] == 0  # glTF's default 1.0 renders dark
    plan_materials = [m for m in tree["materials"] if m["name"] in ("terrain", "water", "markers:unlit")]
    assert len(plan_materials) == 3
    for material in plan_materials:
        assert material["pbrMetallicRoughness"]["baseColorFactor"] == [1, 1, 1, 1]
        assert 0.8 <= material["pbrMetallicRoughness"]["roughnessFactor"] <= 1.0
    assert "KHR_materials_unlit" in plan_materials[2]["extensions"]
    plan_meshes = [m for m in tree["meshes"] if "model:" not in m["name"]]
    assert plan_meshes and all("COLOR_0" in m["primitives"][0]["attributes"] for m in plan_meshes)
    model = load_panda(offscreen_base, path)
    assert all(mat.get_metallic() == 0 for mat in model.find_all_materials())
    terrain = model.find("**/terrain:0:0").find("**/+GeomNode").node()
    assert terrain.get_geom(0).get_vertex_data().has_column("color")


def test_pois_and_cameras(exported, islet_plan, offscreen_base):
    """POIs are empty nodes at their anchors, viewpoints cameras looking at their targets: the
    file is +Y up and right-handed, and panda3d-gltf turns it back into the plan's own axes."""
    from engine.export.gltf import viewpoint_target
    from panda3d.core import Camera
    path = exported("islet")
    tree = gltf_json(path)
    by_name = {n.get("name"): n for n in tree["nodes"]}
    model = load_panda(offscreen_base, path)
    pois = {p.id: p for p in islet_plan.scene.pois}
    for marker in islet_plan.layer("markers").markers:
        node = by_name[f"poi:{marker.poi_id}"]
        assert "mesh" not in node
        x, y, z = marker.position
        assert node["translation"] == pytest.approx([x, z, -y], abs=1e-4)  # east, up, south
        assert node["extras"]["name_zh"] == pois[marker.poi_id].name.zh
        assert node["extras"]["name_en"] == pois[marker.poi_id].name.en
        assert tuple(model.find(f"**/poi:{marker.poi_id}").get_pos(model)) == pytest.approx(marker.position, abs=1e-3)
    for vp in islet_plan.scene.viewpoints:
        node = by_name[f"view:{vp.id}"]
        assert tree["cameras"][node["camera"]]["perspective"]["yfov"] == pytest.approx(np.radians(vp.fov_deg))
        found = model.find(f"**/view:{vp.id}")
        cam = found if isinstance(found.node(), Camera) else found.find("**/+Camera")
        assert not cam.is_empty()
        eye = np.array(islet_plan.projection.to_local(vp.lat, vp.lon, vp.height_m))
        assert tuple(cam.get_pos(model)) == pytest.approx(tuple(eye), abs=1e-2)
        ahead = np.array(model.get_relative_vector(cam, (0, 1, 0)))  # a Panda3D camera looks down +Y
        wanted = np.array(viewpoint_target(vp, islet_plan, pois)) - eye
        assert np.dot(ahead / np.linalg.norm(ahead), wanted / np.linalg.norm(wanted)) > 0.9999
        up = np.array(model.get_relative_vector(cam, (0, 0, 1)))
        assert up[2] > 0 and abs(np.dot(up, np.cross(ahead, (0, 0, 1)))) < 1e-4  # level: no roll


def test_the_render_shows_the_scene(exported, islet_plan, offscreen_base):
    """The loaded file from its first viewpoint's camera: not blank, in the plan's own colours."""
    from scipy.spatial import cKDTree

    from engine.display.base import pixels
    from panda3d.core import Camera, PerspectiveLens
    path = exported("islet")
    model = load_panda(offscreen_base, path)
    model.reparent_to(offscreen_base.render)
    vp = islet_plan.scene.viewpoints[0]
    found = model.find(f"**/view:{vp.id}")
    cam = found if isinstance(found.node(), Camera) else found.find("**/+Camera")
    # panda3d-gltf 1.3.0 turns the camera's node into Z-up but leaves its lens looking down glTF's
    # -Z (set_view_vector((0, 0, -1), (0, 1, 0))): look down the node's +Y with a lens of our own
    gltf_lens = cam.node().get_lens()
    lens = PerspectiveLens()
    aspect = offscreen_base.win.get_x_size() / offscreen_base.win.get_y_size()
    lens.set_fov(2 * np.degrees(np.arctan(np.tan(np.radians(vp.fov_deg) / 2) * aspect)), vp.fov_deg)
    lens.set_near_far(gltf_lens.get_near(), gltf_lens.get_far())
    old_lens, old_parent = offscreen_base.cam.node().get_lens(), offscreen_base.camera.get_parent()
    offscreen_base.set_background_color(0, 0, 0, 1)
    try:
        offscreen_base.cam.node().set_lens(lens)
        offscreen_base.camera.reparent_to(cam)
        offscreen_base.camera.set_pos_hpr(0, 0, 0, 0, 0, 0)
        frame = pixels(offscreen_base).reshape(-1, 3).astype(float)
    finally:
        offscreen_base.camera.reparent_to(old_parent)
        offscreen_base.cam.node().set_lens(old_lens)
        model.remove_node()
    assert (frame.sum(axis=1) > 0).mean() > 0.4  # the sea and the islet below the horizon (no sky in the file)
    assert frame.std(axis=0).max() > 10
    for name in ("water", "terrain"):  # each layer's own vertex colours are on screen
        colours = np.concatenate([b.mesh.colours[:, :3] for b in islet_plan.layer(name).batches]) * 255
        distance, _ = cKDTree(np.unique(np.round(colours), axis=0)).query(frame)
        assert (distance < 10).mean() > 0.05, name


def test_an_event_adds_its_layers(exported, islet_plan):
    from engine.overlays.choose import usable_events
    from engine.overlays.plan import overlay_layers
    plain, dressed = gltf_json(exported("islet")), exported("islet", EVENT)
    event = next(e for e in usable_events(SCENES)[0] if e.id == EVENT)
    layers = overlay_layers(event, islet_plan.scene, islet_plan.projection, islet_plan.facts.ground)
    nodes, triangles = expected_counts(layers, 0)
    assert triangles > 0
    assert trimesh_triangles(dressed) == trimesh_triangles(exported("islet")) + triangles
    tree = gltf_json(dressed)
    assert len(tree["nodes"]) == len(plain["nodes"]) + nodes
    names = {n.get("name") for n in tree["nodes"]}
    assert {layer.name for layer in layers} <= names
    assert any(layer.markers for layer in layers)  # the fair has a POI of its own
    for layer in layers:
        assert {f"poi:{m.poi_id}" for m in layer.markers} <= names
    assert tree["scenes"][0]["extras"]["events"] == [EVENT]


def test_a_shipped_scene(exported, data_dir, offscreen_base):
    from engine.world.cache import SceneCache
    from engine.world.plans import load_plan
    path = exported(SHIPPED, scenes=ROOT / "scenes")
    plan = load_plan(ROOT / "scenes" / SHIPPED / "scene.yaml", SceneCache(data_dir / "cache"))[0]
    nodes, triangles = expected_counts(plan.layers, len(plan.scene.viewpoints))
    tree = gltf_json(path)
    assert len(tree["nodes"]) == nodes
    assert trimesh_triangles(path) == triangles
    model = load_panda(offscreen_base, path)
    assert panda_triangles(model) == triangles
    assert {f"poi:{p.id}" for p in plan.scene.pois} <= {n.get("name") for n in tree["nodes"]}
    assert tree["scenes"][0]["extras"]["scene_id"] == SHIPPED


def test_the_khronos_validator_finds_no_error(exported):
    if shutil.which("node") is None or not (VALIDATOR / "node_modules" / "gltf-validator").is_dir():
        why = "needs node and tools/khronos_validator/node_modules (npm install there)"
        if os.environ.get("CI"):
            pytest.fail(f"{why}: CI must run the Khronos validator")
        pytest.skip(why)
    files = [exported("islet", EVENT), exported(SHIPPED, scenes=ROOT / "scenes")]
    result = subprocess.run(["node", str(VALIDATOR / "validate.js"), *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for report in map(json.loads, result.stdout.splitlines()):
        assert report["errors"] == 0, report


@pytest.mark.parametrize("where", ["missing-folder-in-proc", "parent-is-a-file", "a-folder", "not-glb"])
def test_a_bad_out_exits_2_and_writes_nothing(where, tmp_path, capsys):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    out = {"missing-folder-in-proc": Path("/proc/ludao-no-such-folder/islet.glb"),
           "parent-is-a-file": blocker / "islet.glb", "a-folder": tmp_path,
           "not-glb": tmp_path / "islet.gltf"}[where]
    before = sorted(tmp_path.rglob("*"))
    code = main(["export", "islet", "--out", str(out), "--data", str(tmp_path / "data"), "--scenes", str(SCENES)])
    assert code == EXIT_BAD_INPUT
    assert str(out) in capsys.readouterr().err
    assert sorted(p for p in tmp_path.rglob("*") if "data" not in p.relative_to(tmp_path).parts) == before
    assert not out.exists() or out.is_dir()


@pytest.mark.parametrize("args, message", [(["nowhere"], "no scene named 'nowhere'"),
                                           (["islet", "--event", "nope"], "no event 'nope'")])
def test_an_unknown_scene_or_event_exits_2(args, message, tmp_path, capsys):
    code = main(["export", *args, "--out", str(tmp_path / "x.glb"), "--data", str(tmp_path), "--scenes", str(SCENES)])
    assert code == EXIT_BAD_INPUT
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.glb").exists()


@pytest.mark.parametrize("heading, size_m", [(30.0, None), (90.0, (10.0, 10.0, 5.0)), (-45.0, (4.0, 12.0, 3.0))])
def test_a_model_is_placed_as_the_engine_places_it(heading, size_m, offscreen_base):
    """The export bakes a glTF model's meshes where the node stage puts them (engine.world.nodes.models):
    the same vertices, turned the same way (the boat is not symmetric bow to stern), scaled the same."""
    from panda3d.core import GeomVertexReader
    from scipy.spatial import cKDTree

    from engine.export.gltf import Y_UP, model_parts
    from engine.world.nodes.models import load_model
    from engine.world.plan.layers import ModelPlacement
    from tests.hostile_models import BOAT
    placement = ModelPlacement("boat", str(BOAT), (100.0, -50.0, 2.0), heading, size_m)
    node = load_model(placement, offscreen_base.loader)
    engine_points = []
    for geom_np in node.find_all_matches("**/+GeomNode"):
        matrix = geom_np.get_net_transform().get_mat()
        for geom in geom_np.node().get_geoms():
            reader = GeomVertexReader(geom.get_vertex_data(), "vertex")
            while not reader.is_at_end():
                engine_points.append(tuple(matrix.xform_point(reader.get_data3())))
    exported = np.concatenate([m.vertices for _, m in model_parts(placement)]) @ Y_UP  # back to east, north, up
    distance, _ = cKDTree(np.array(engine_points)).query(exported)
    assert distance.max() < 1e-3
    distance, _ = cKDTree(exported).query(np.array(engine_points))
    assert distance.max() < 1e-3


def test_a_textured_model_keeps_its_texture_and_a_bam_is_left_out(islet_plan, tmp_path, offscreen_base):
    """A .gltf with its buffer and image in files of their own arrives with its texture embedded;
    a Panda3D-only model (.bam) cannot be read without Panda3D and is named in `left_out`."""
    from dataclasses import replace

    from engine.export.gltf import scene_glb
    from engine.world.plan.layers import LayerPlan, ModelPlacement
    from tests.gltf_files import write_textured_quad
    quad = write_textured_quad(tmp_path / "quad", size_m=20.0)
    models = [ModelPlacement("quad", str(quad), (10.0, 20.0, 5.0), 0.0),
              ModelPlacement("old", str(tmp_path / "old.bam"), (0.0, 0.0, 0.0), 0.0)]
    plan = replace(islet_plan, layers=[LayerPlan("landmarks", models=models)])
    data, summary = scene_glb(plan)
    assert summary.triangles == 2
    assert any("'old'" in line and "old.bam" in line for line in summary.left_out)
    path = tmp_path / "quad.glb"
    path.write_bytes(data)
    tree = gltf_json(path)
    assert len(tree["images"]) == 1 and "bufferView" in tree["images"][0]  # inside the .glb, not beside it
    assert "TEXCOORD_0" in tree["meshes"][0]["primitives"][0]["attributes"]
    assert tree["scenes"][0]["extras"]["left_out"] == summary.left_out
    assert "extensionsUsed" not in tree  # no marker, no unlit material: KHR_materials_unlit is not claimed
    model = load_panda(offscreen_base, path)
    assert model.find_all_textures().get_num_textures() == 1
    low, high = model.get_tight_bounds()
    assert tuple(low) == pytest.approx((0.0, 10.0, 5.0), abs=1e-4)  # the 20 m square, flat, centred on (10, 20)
    assert tuple(high) == pytest.approx((20.0, 30.0, 5.0), abs=1e-4)


def test_every_normal_in_the_file_is_a_unit_vector():
    """glTF requires unit normals; the kit's pavilion has corners whose normal has no length."""
    from engine.export.gltf import unit_normals
    from engine.world.plan.kit_kinds import standing_mesh
    mesh = standing_mesh("pavilion", 12, 12, 8, {}, dome=False, seed=1, top=None, pose=None)
    assert (np.linalg.norm(mesh.normals, axis=1) < 1e-6).any()  # what made the validator complain
    assert np.linalg.norm(unit_normals(mesh), axis=1) == pytest.approx(1.0)
