"""A world plan (and event overlay layers) as one binary glTF 2.0 file, read from the pure plan:
no Panda3D, no GPU. trimesh packs the binary (accessors, buffer views, textures of models); the
node tree, cameras, materials and extras are written here into its JSON (`tree_postprocessor`).

Coordinates: the plan is Panda3D's (x east, y north, z up, metres from the scene origin); glTF is
+Y up, right-handed, so a point (east, north, up) becomes (east, up, -north): +X east, +Y up,
+Z south. That is a rotation (determinant +1), so handedness and triangle winding are kept, and it
is exactly what panda3d-gltf undoes on loading.

The file: one node per layer (terrain, roads, water, ..., markers, event:<id>, event:<id>:pois),
under it one node per mesh batch with its mesh, `model:<id>` nodes holding a model's meshes
(baked in place, with the model's own materials), and for a markers layer `poi:<id>` nodes without
a mesh at the pin's anchor (extras: name_zh, name_en) with the pin and its pole under them.
Viewpoints are perspective cameras on nodes `view:<id>`. The scene's extras carry its id, name,
geographic origin, units and axes. What moves at run time (crowds, search beams, fireworks) is
not in the file; the scene extras list it under `left_out`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import trimesh
from trimesh.exchange.gltf import export_glb
from trimesh.visual.material import PBRMaterial

import engine
from engine.manifest.scene_schema import Viewpoint
from engine.world.plan.anchors import marker_anchor
from engine.world.plan.layers import LayerPlan, ModelPlacement, WorldPlan
from engine.world.plan.mesh import Mesh, heading_rotation
from engine.world.plan.model_fit import fit_factors

# (east, north, up) -> (east, up, south): a rotation of -90 degrees about the east axis
Y_UP = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, -1.0, 0.0]])
ROUGHNESS = 0.9
CAMERA_ASPECT = 16 / 9  # render's default 1280x720; a viewer may use its own window's
CAMERA_NEAR_M = 0.5
UNLIT = "KHR_materials_unlit"
GLTF_MODELS = (".glb", ".gltf")
ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER = 34962, 34963  # bufferView.target


@dataclass
class Overlay:
    """An event's layers for the scene, with its POIs and the viewpoints it adds."""

    event_id: str
    layers: list[LayerPlan]
    viewpoints: list[Viewpoint] = field(default_factory=list)


@dataclass
class ExportSummary:
    triangles: int = 0
    nodes: int = 0
    meshes: int = 0
    cameras: int = 0
    left_out: list[str] = field(default_factory=list)  # what the file does not hold, and why


def to_y_up(points: np.ndarray) -> np.ndarray:
    """Scene points or directions (N, 3) in glTF's axes."""
    return np.asarray(points, dtype=np.float64) @ Y_UP.T


def unit_normals(mesh: Mesh) -> np.ndarray:
    """The mesh's normals, with any of no length (a degenerate corner of a kit shape) pointing up:
    glTF requires every normal to be a unit vector."""
    normals = np.array(mesh.normals, dtype=np.float64)
    bad = ~(np.linalg.norm(normals, axis=1) > 1e-6)
    normals[bad] = (0.0, 0.0, 1.0)
    return normals


def needs_both_sides(mesh: Mesh) -> bool:
    """True when some triangle's winding disagrees with its vertex normals (it would be culled
    from the side it is lit from): its material must then be double-sided."""
    if not mesh.triangle_count:
        return False
    corners = mesh.vertices[mesh.triangles]
    facing = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    normals = mesh.normals[mesh.triangles].sum(axis=1)
    return bool((np.einsum("ij,ij->i", facing, normals) < 0).any())


class _Builder:
    """Collects trimesh geometry (for the binary) and the node tree (for the JSON) side by side."""

    def __init__(self, plan: WorldPlan):
        self.plan = plan
        self.scene = trimesh.Scene()
        self.nodes: list[dict] = []
        self.roots: list[int] = []
        self.cameras: list[dict] = []
        self.summary = ExportSummary()
        self.unlit_materials: set[str] = set()

    def node(self, entry: dict, parent: dict | None = None) -> dict:
        self.nodes.append(entry)
        index = len(self.nodes) - 1
        if parent is None:
            self.roots.append(index)
        else:
            parent.setdefault("children", []).append(index)
        return entry

    def geometry(self, key: str, mesh: trimesh.Trimesh) -> str:
        self.scene.add_geometry(mesh, geom_name=key, node_name=key)
        return key

    def material(self, layer: LayerPlan, unlit: bool) -> PBRMaterial:
        name = f"{layer.name}:unlit" if unlit else layer.name
        if unlit:
            self.unlit_materials.add(name)
        both = any(needs_both_sides(b.mesh) for b in layer.batches if (b.material == "unlit") == unlit)
        return PBRMaterial(name=name, baseColorFactor=[1.0, 1.0, 1.0, 1.0], metallicFactor=0.0,
                           roughnessFactor=ROUGHNESS, doubleSided=both)

    def plan_mesh(self, key: str, mesh: Mesh, material: PBRMaterial) -> str | None:
        if not mesh.triangle_count:
            return None
        colours = np.clip(np.round(mesh.colours * 255), 0, 255).astype(np.uint8)  # as the GPU gets them
        visual = trimesh.visual.TextureVisuals(material=material)
        visual.vertex_attributes["color"] = colours
        tm = trimesh.Trimesh(vertices=to_y_up(mesh.vertices), faces=mesh.triangles, vertex_normals=to_y_up(unit_normals(mesh)),
                             visual=visual, process=False, validate=False)
        return self.geometry(key, tm)

    def layer(self, layer: LayerPlan, pois: dict) -> None:
        holder = self.node({"name": layer.name})
        materials = {unlit: self.material(layer, unlit) for unlit in (False, True)}
        if layer.markers:
            self._markers(layer, holder, materials[True], pois)
        else:
            for batch in layer.batches:
                key = self.plan_mesh(f"{layer.name}/{batch.name}", batch.mesh, materials[batch.material == "unlit"])
                if key is not None:
                    self.node({"name": batch.name, "_mesh": key}, holder)
                    self.summary.triangles += batch.mesh.triangle_count
        for placement in layer.models:
            self._model(layer, placement, holder)
        moving = [("crowds", len(layer.crowds)), ("search beams", len(layer.beams)), ("fireworks", len(layer.fireworks))]
        for what, count in moving:
            if count:
                self.summary.left_out.append(f"{layer.name}: {what} ({count}), which move at run time")

    def _markers(self, layer: LayerPlan, holder: dict, material: PBRMaterial, pois: dict) -> None:
        shapes = {b.name: b for b in layer.batches}
        keys = {name: self.plan_mesh(f"{layer.name}/{name}", shapes[name].mesh, material) for name in ("pin", "pole")}
        for marker in layer.markers:
            poi = pois[marker.poi_id]
            anchor = self.node({"name": f"poi:{marker.poi_id}", "translation": _floats(to_y_up([marker.position])[0]),
                                "extras": {"poi": marker.poi_id, "name_zh": poi.name.zh, "name_en": poi.name.en,
                                           "kind": poi.kind}}, holder)
            h = marker.pole_height
            self.node({"name": f"pin:{marker.poi_id}", "_mesh": keys["pin"]}, anchor)
            self.node({"name": f"pole:{marker.poi_id}", "_mesh": keys["pole"], "translation": [0.0, -h / 2, 0.0],
                       "scale": [1.0, h, 1.0]}, anchor)
            self.summary.triangles += shapes["pin"].mesh.triangle_count + shapes["pole"].mesh.triangle_count

    def _model(self, layer: LayerPlan, placement: ModelPlacement, holder: dict) -> None:
        path = Path(placement.path)
        if path.suffix.lower() not in GLTF_MODELS:
            self.summary.left_out.append(f"model '{placement.id}' ({path.name}): only glTF models are exported")
            return
        parts = model_parts(placement)
        node = self.node({"name": f"model:{placement.id}"}, holder)
        for name, mesh in parts:
            key = self.geometry(f"{layer.name}/model:{placement.id}/{name}", mesh)
            self.node({"name": name, "_mesh": key}, node)
            self.summary.triangles += len(mesh.faces)

    def camera(self, vp: Viewpoint, target: tuple[float, float, float]) -> None:
        eye = to_y_up([self.plan.projection.to_local(vp.lat, vp.lon, vp.height_m)])[0]
        self.cameras.append({"name": f"view:{vp.id}", "type": "perspective", "perspective": {
            "yfov": math.radians(vp.fov_deg), "aspectRatio": CAMERA_ASPECT, "znear": CAMERA_NEAR_M,
            "zfar": float(self.plan.scene.extent_m * 8)}})
        self.node({"name": f"view:{vp.id}", "camera": len(self.cameras) - 1, "translation": _floats(eye),
                   "rotation": look_rotation(eye, to_y_up([target])[0]),
                   "extras": {"view": vp.id, "name_zh": vp.name.zh, "name_en": vp.name.en, "fov_deg": vp.fov_deg}})


def _floats(values) -> list[float]:
    return [float(v) for v in values]


def look_rotation(eye: np.ndarray, target: np.ndarray) -> list[float]:
    """The glTF rotation (x, y, z, w) of a camera at `eye` looking at `target`, level (no roll).
    A glTF camera looks down its -Z axis with +Y up."""
    back = eye - target
    back /= max(np.linalg.norm(back), 1e-9)
    right = np.cross([0.0, 1.0, 0.0], back)
    if np.linalg.norm(right) < 1e-6:  # straight down or up: keep north at the top of the picture
        right = np.array([1.0, 0.0, 0.0])
    right /= np.linalg.norm(right)
    up = np.cross(back, right)
    matrix = np.eye(4)
    matrix[:3, :3] = np.column_stack([right, up, back])
    w, x, y, z = trimesh.transformations.quaternion_from_matrix(matrix)
    return _floats((x, y, z, w))


def model_parts(placement: ModelPlacement) -> list[tuple[str, trimesh.Trimesh]]:
    """A glTF model's meshes placed as the node stage places it (engine.world.nodes.models): turned
    by its heading, scaled to size_m, moved to its position; in glTF axes, metallic turned off."""
    source = trimesh.load(placement.path, force="scene")
    parts = []
    for node in source.graph.nodes_geometry:
        matrix, geom_name = source.graph[node]
        mesh = source.geometry[geom_name].copy()
        if not isinstance(mesh, trimesh.Trimesh):
            continue
        mesh.apply_transform(matrix)  # the model's own glTF frame
        material = getattr(mesh.visual, "material", None)
        if not isinstance(material, PBRMaterial) and hasattr(material, "to_pbr"):
            material = material.to_pbr()  # trimesh's simple (Phong) material
        if isinstance(material, PBRMaterial):
            material = material.copy()
            material.metallicFactor = 0.0  # glTF's default 1.0 renders dark, as the node stage knows
            mesh.visual.material = material
        parts.append((str(node), mesh))
    if not parts:
        return parts
    to_scene = np.eye(4)
    to_scene[:3, :3] = heading_rotation(placement.heading_deg) @ Y_UP.T
    turned = np.concatenate([trimesh.transform_points(m.vertices, to_scene) for _, m in parts])
    scale = fit_factors(turned.max(axis=0) - turned.min(axis=0), placement.size_m) if placement.size_m else (1, 1, 1)
    place = np.eye(4)
    place[:3, :3] = np.diag(scale)
    place[:3, 3] = placement.position
    back = np.eye(4)
    back[:3, :3] = Y_UP
    whole = back @ place @ to_scene
    for _, mesh in parts:
        mesh.apply_transform(whole)
    return parts


def _buffer_targets(tree: dict) -> None:
    """Mark the buffer views of vertex and index data as such (the validator hints at it; trimesh
    leaves it out). Images' views stay unmarked, as the spec wants."""
    targets = {}
    for mesh in tree.get("meshes", []):
        for primitive in mesh["primitives"]:
            targets.update({acc: ARRAY_BUFFER for acc in primitive["attributes"].values()})
            if "indices" in primitive:
                targets[primitive["indices"]] = ELEMENT_ARRAY_BUFFER
    for acc, target in targets.items():
        view = tree["accessors"][acc].get("bufferView")
        if view is not None:
            tree["bufferViews"][view]["target"] = target


def viewpoint_target(vp: Viewpoint, plan: WorldPlan, pois: dict) -> tuple[float, float, float]:
    """Where a viewpoint looks, as the scene view aims it (engine.display.scene_view.target_of)."""
    if isinstance(vp.look_at, str):
        poi = pois[vp.look_at]
        x, y, z = marker_anchor(poi, plan.projection, plan.facts.ground)
        return x, y, z - poi.marker_m * 0.5
    t = vp.look_at
    return plan.projection.to_local(t.lat, t.lon, t.height_m)


def scene_extras(plan: WorldPlan, overlays: list[Overlay], left_out: list[str]) -> dict:
    scene = plan.scene
    return {"scene_id": scene.id, "name": {"zh": scene.name.zh, "en": scene.name.en},
            "origin": {"lat": scene.origin.lat, "lon": scene.origin.lon}, "units": "metres",
            "axes": "+X east, +Y up, +Z south (scene east, north, up = glTF x, -z, y)",
            "extent_m": scene.extent_m, "events": [o.event_id for o in overlays],
            "generator": f"Ludao {engine.__version__}", "left_out": left_out}


def scene_glb(plan: WorldPlan, overlays: list[Overlay] = ()) -> tuple[bytes, ExportSummary]:
    """The plan and the overlays' layers as the bytes of one .glb file, and what went into it."""
    overlays = list(overlays)
    builder = _Builder(plan)
    pois = {p.id: p for p in plan.scene.pois}
    for overlay in overlays:
        for layer in overlay.layers:
            pois.update({p.id: p for p in layer.pois})
    for layer in plan.layers + [lay for o in overlays for lay in o.layers]:
        builder.layer(layer, pois)
    for vp in plan.scene.viewpoints + [vp for o in overlays for vp in o.viewpoints]:
        builder.camera(vp, viewpoint_target(vp, plan, pois))
    summary = builder.summary
    summary.nodes, summary.cameras = len(builder.nodes), len(builder.cameras)
    summary.meshes = len(builder.scene.geometry)

    def finish(tree: dict) -> None:
        mesh_index = {mesh["name"]: i for i, mesh in enumerate(tree["meshes"])}
        for entry in builder.nodes:
            key = entry.pop("_mesh", None)
            if key is not None:
                entry["mesh"] = mesh_index[key]
        tree["nodes"] = builder.nodes
        tree["scenes"] = [{"name": plan.scene.id, "nodes": builder.roots,
                           "extras": scene_extras(plan, overlays, summary.left_out)}]
        if builder.cameras:
            tree["cameras"] = builder.cameras
        unlit = [m for m in tree.get("materials", []) if m.get("name") in builder.unlit_materials]
        for material in unlit:
            material.setdefault("extensions", {})[UNLIT] = {}
        if unlit:  # only materials some mesh uses are in the tree
            tree["extensionsUsed"] = sorted(set(tree.get("extensionsUsed", [])) | {UNLIT})
        tree["asset"]["generator"] = f"Ludao {engine.__version__} (trimesh {trimesh.__version__})"
        _buffer_targets(tree)

    data = export_glb(builder.scene, include_normals=True, tree_postprocessor=finish)
    return data, summary
