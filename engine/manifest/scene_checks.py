"""Checks beyond the schema: references between parts of a scene, asset files, geometry sanity."""
from __future__ import annotations

from pathlib import Path

from shapely.geometry import Polygon
from shapely.validation import explain_validity

from engine.diagnostics import Diagnostic, did_you_mean
from engine.geo import LocalProjection
from engine.manifest.plain_words import inside_when_swapped, swap_hint
from engine.manifest.source_hash import stale_translations
from engine.manifest.content_paths import check_asset_path
from engine.manifest.gltf_check import check_gltf
from engine.manifest.panda_models import check_panda_model
from engine.manifest.scene_schema import PATH_KINDS, PATH_OR_POINT_KINDS, SceneManifest
from engine.manifest.yaml_loader import Document



def check_scene(doc: Document, scene: SceneManifest) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    out += _scene_folder(doc, scene)
    out += _unique_ids(doc, scene)
    out += _references(doc, scene)
    out += landmark_shapes(doc, scene.landmarks)
    out += _geometry(doc, scene)
    out += stale_translations(doc)
    return out


def _scene_folder(doc: Document, scene: SceneManifest) -> list[Diagnostic]:
    """scenes/<id>/scene.yaml: the id is the folder's name. Scenes are found, cached and stored by
    id, so two scenes that claim one id would evict each other's cache entries."""
    path = Path(doc.path)
    if path.name != "scene.yaml" or scene.id == path.parent.name:
        return []
    return [doc.diagnostic(("id",), "C003", f"scene id '{scene.id}' differs from its folder '{path.parent.name}'",
                           hint=f"name the folder '{scene.id}', or set id: {path.parent.name}")]


def _unique_ids(doc: Document, scene: SceneManifest) -> list[Diagnostic]:
    """Ids are unique within their kind: a POI and the land area it stands on may share a name."""
    out = []
    groups = [("terrain", "areas"), ("terrain", "peaks"), ("terrain", "shores"), ("landmarks",), ("skyline",),
              ("roads",), ("districts",),
              ("vegetation",), ("pois",), ("viewpoints",)]
    for group in groups:
        items = scene
        for part in group:
            items = getattr(items, part)
        first: dict[str, tuple] = {}
        for i, item in enumerate(items):
            loc = group + (i, "id")
            if item.id in first:
                out.append(doc.diagnostic(loc, "R001", f"duplicate id '{item.id}' among the {group[-1]}",
                                          hint=f"first used at line {doc.where(first[item.id])[0]}"))
            else:
                first[item.id] = loc
    return out


def _references(doc: Document, scene: SceneManifest) -> list[Diagnostic]:
    out = []
    pois = [p.id for p in scene.pois]
    land = [a.id for a in scene.terrain.areas if a.surface == "land"]
    views = [v.id for v in scene.viewpoints]

    def ref(loc, value, known, what):
        if value is not None and value not in known:
            out.append(doc.diagnostic(loc, "R002", f"{what} '{value}' does not exist in this scene",
                                      hint=did_you_mean(value, known)))

    for i, lm in enumerate(scene.landmarks):
        ref(("landmarks", i, "poi"), lm.poi, pois, "POI")
    for group in ("districts", "vegetation"):
        for i, item in enumerate(getattr(scene, group)):
            ref((group, i, "area"), item.area, land, "land area")
    for i, vp in enumerate(scene.viewpoints):
        if isinstance(vp.look_at, str):
            ref(("viewpoints", i, "look_at"), vp.look_at, pois, "POI")
    ref(("default_view",), scene.default_view, views, "viewpoint")
    return out


def landmark_shapes(doc: Document, landmarks, group: tuple = ("landmarks",)) -> list[Diagnostic]:
    """Each landmark has what its kind needs (a path or a place, a model file that passes its checks);
    also used for an event overlay's props."""
    out = []
    for i, lm in enumerate(landmarks):
        loc = group + (i,)
        if lm.kind in PATH_KINDS:
            if lm.path is None:
                out.append(doc.diagnostic(loc, "R003", f"landmark '{lm.id}': a {lm.kind} needs a 'path' of [lat, lon] points"))
        elif lm.kind in PATH_OR_POINT_KINDS:
            if lm.path is None and (lm.lat is None or lm.lon is None):
                out.append(doc.diagnostic(loc, "R003", f"landmark '{lm.id}': a {lm.kind} needs 'lat' and 'lon', "
                                          "or a 'path' of [lat, lon] points"))
        elif lm.lat is None or lm.lon is None:
            out.append(doc.diagnostic(loc, "R003", f"landmark '{lm.id}': a {lm.kind} needs 'lat' and 'lon'"))
        if lm.kind == "model" and lm.model is None:
            out.append(doc.diagnostic(loc, "R004", f"landmark '{lm.id}': kind 'model' needs a 'model' file"))
        if lm.model is not None:
            out += _model_file(doc, loc + ("model",), lm.model)
    return out


def _model_file(doc: Document, loc: tuple, raw: str) -> list[Diagnostic]:
    path, why = check_asset_path(raw, doc.path)
    if path is None:
        return [doc.diagnostic(loc, "A001", why)]
    if path.suffix.lower() not in (".glb", ".gltf", ".bam", ".egg"):
        return [doc.diagnostic(loc, "A002", f"model '{raw}' is not a .glb, .gltf, .bam or .egg file")]
    # Checked here, before any loader reads them: every path that loads a model gets its plan
    # from a manifest that passed these checks.
    if path.suffix.lower() in (".glb", ".gltf"):
        problems = check_gltf(path, raw, doc.path)
    else:
        problems = check_panda_model(path, raw, doc.path)
    return [doc.diagnostic(loc, p.code, p.message) for p in problems]


def _geometry(doc: Document, scene: SceneManifest) -> list[Diagnostic]:
    out = []
    proj = LocalProjection(scene.origin.lat, scene.origin.lon)
    half = scene.extent_m

    def outside(loc, lat, lon, what):
        e, n, _ = proj.to_local(lat, lon, 0.0)
        if (abs(e) > half or abs(n) > half) and inside_when_swapped(proj.to_local, half, lat, lon):
            out.append(doc.diagnostic(loc, "G006", f"{what} lies outside the scene, but would be inside it with "
                                      "lat and lon swapped", hint=swap_hint(doc.data, loc)))
        elif abs(e) > half or abs(n) > half:
            out.append(doc.diagnostic(loc, "G001", f"{what} lies {max(abs(e), abs(n)) - half:.0f} m outside "
                                      f"the scene (extent_m is {half:g} around the origin)"))

    for i, area in enumerate(scene.terrain.areas):
        ring = [proj.to_local(lat, lon, 0.0)[:2] for lat, lon in area.outline]
        poly = Polygon(ring)
        loc = ("terrain", "areas", i, "outline")
        if poly.area < 1.0:
            out.append(doc.diagnostic(loc, "G003", f"area '{area.id}': outline encloses no area",
                                      hint="its points are repeated or lie on one line"))
        elif not poly.is_valid:
            why = explain_validity(poly)
            out.append(doc.diagnostic(loc, "G002", f"area '{area.id}': outline is not a simple polygon ({why})",
                                      hint="the outline crosses itself; check the order of its points"
                                      if "Self-intersection" in why else ""))
    for group in ("pois", "viewpoints"):
        for i, item in enumerate(getattr(scene, group)):
            outside((group, i, "lat"), item.lat, item.lon, f"{group[:-1]} '{item.id}'")
    for i, peak in enumerate(scene.terrain.peaks):
        outside(("terrain", "peaks", i, "lat"), peak.lat, peak.lon, f"peak '{peak.id}'")
    for i, section in enumerate(scene.terrain.shores):
        outside(("terrain", "shores", i, "lat"), section.lat, section.lon, f"shore section '{section.id}'")
    for i, lm in enumerate(scene.landmarks):
        if lm.lat is not None and lm.lon is not None:
            outside(("landmarks", i, "lat"), lm.lat, lm.lon, f"landmark '{lm.id}'")
        for j, (lat, lon) in enumerate(lm.path or []):
            outside(("landmarks", i, "path", j), lat, lon, f"landmark '{lm.id}' path point {j + 1}")
    return out
