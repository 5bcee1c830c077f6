"""An event overlay as world layers for one scene: its props (kit meshes and glTF models, with
footprints so tour cameras keep clear of them) and its POIs' markers. Pure planning, like the
scene's own layers (engine.world.plan); the live scene adds and removes them."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.manifest.scene_schema import SceneManifest
from engine.geo import within_square
from engine.overlays.footprints import prop_footprints, props_in
from engine.overlays.loader import Event
from engine.overlays.routes import route_crowds, route_lines, route_meshes, surfaces_of
from engine.world.plan import landmarks as lm_plan
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.layers import LayerPlan, MeshBatch, ModelPlacement
from engine.world.plan.markers import plan_markers
from engine.world.plan.effects import BeamPlan, FireworksPlan
from engine.world.plan.mesh import hex_colour, merge
from engine.world.plan.plan_facts import landmark_footprint

PREFIX = "event:"


def layer_names(event_id: str) -> tuple[str, str]:
    """(props layer, markers layer) of an event in a scene."""
    return f"{PREFIX}{event_id}", f"{PREFIX}{event_id}:pois"


def overlay_layers(event: Event, scene: SceneManifest, proj, ground: Heightfield) -> list[LayerPlan]:
    """The event's layers for this scene: what of it stands inside the scene's square."""
    props_name, pois_name = layer_names(event.id)
    overlay = event.overlay
    props = props_in(event, scene, proj)
    route_mesh, crowds = [], []
    for route in overlay.routes:
        lines = route_lines(route, scene, proj, ground)
        surfaces = surfaces_of(lines, ground)
        route_mesh += route_meshes(route, lines, surfaces, ground)
        crowds += route_crowds(route, lines, surfaces)
    batches = [MeshBatch(f"{props_name}:routes", merge(route_mesh))] if route_mesh else []
    for glow in (False, True):  # glowing props (screens, signs) unlit: they keep their colour at night
        meshes = [m for m in (lm_plan.landmark_mesh(p, proj, ground) for p in props if p.glow == glow) if m is not None]
        if meshes:
            batches.append(MeshBatch(f"{props_name}:glow" if glow else props_name, merge(meshes),
                                     "unlit" if glow else "lit"))
    models = [_model(p, event.path, proj, ground) for p in props if p.kind == "model" or p.model]
    layer = LayerPlan(props_name, batches, models, footprints=prop_footprints(props, proj, ground),
                      exact_footprints=True, crowds=crowds)
    _night_effects(layer, overlay, props, proj, ground)
    layers = [layer]
    pois = [p for p in overlay.pois if within_square(proj, scene.extent_m, p.lat, p.lon)]
    if pois:
        markers = plan_markers(pois, proj, ground, name=pois_name)
        markers.pois = pois
        layers.append(markers)
    return layers


def _night_effects(layer: LayerPlan, overlay, props, proj, ground: Heightfield) -> None:
    """Spotlights on top of their prop, fireworks above theirs (when that prop is in this scene)."""
    by_id = {p.id: p for p in props}
    light = overlay.lighting
    if light is not None and light.spotlights:
        stand = by_id.get(light.spotlights_at) if light.spotlights_at else (props[0] if props else None)
        if stand is not None and stand.lat is not None:
            x, y, top = _top_of(stand, proj, ground)
            colour = hex_colour(light.spotlight_colour)
            layer.beams = [BeamPlan((x, y, top), colour, 2 * np.pi * i / light.spotlights)
                           for i in range(light.spotlights)]
    if overlay.fireworks is not None and overlay.fireworks.over in by_id and by_id[overlay.fireworks.over].lat is not None:
        fw = overlay.fireworks
        x, y, _ = proj.to_local(by_id[fw.over].lat, by_id[fw.over].lon)
        layer.fireworks = [FireworksPlan((x, y, float(ground.height_at(x, y)) + fw.height_m), fw.bursts, fw.seed)]


def _top_of(prop, proj, ground: Heightfield) -> tuple[float, float, float]:
    x, y, _, top = landmark_footprint(prop, proj, ground)
    return x, y, top


def _model(lm, event_path: Path, proj, ground) -> ModelPlacement:
    pos, heading, _ = lm_plan.model_placement(lm, proj, ground)
    size_m = tuple(float(v) for v in lm.size_m) if lm.size_m else None
    return ModelPlacement(lm.id, str(lm_plan.resolve_model(lm, event_path)), tuple(float(v) for v in pos),
                          float(heading), size_m)
