"""An event overlay as world layers for one scene: its props (kit meshes and glTF models, with
footprints so tour cameras keep clear of them) and its POIs' markers. Pure planning, like the
scene's own layers (engine.world.plan); the live scene adds and removes them."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.manifest.scene_schema import SceneManifest
from engine.overlays.loader import Event
from engine.world.plan import landmarks as lm_plan
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.layers import LayerPlan, MeshBatch, ModelPlacement
from engine.world.plan.markers import plan_markers
from engine.world.plan.mesh import merge
from engine.world.plan.plan_facts import landmark_footprint

PREFIX = "event:"


def layer_names(event_id: str) -> tuple[str, str]:
    """(props layer, markers layer) of an event in a scene."""
    return f"{PREFIX}{event_id}", f"{PREFIX}{event_id}:pois"


def _inside(scene: SceneManifest, proj, lat: float, lon: float) -> bool:
    e, n, _ = proj.to_local(lat, lon)
    return abs(e) <= scene.extent_m and abs(n) <= scene.extent_m


def overlay_layers(event: Event, scene: SceneManifest, proj, ground: Heightfield) -> list[LayerPlan]:
    """The event's layers for this scene: what of it stands inside the scene's square."""
    props_name, pois_name = layer_names(event.id)
    overlay = event.overlay
    props = [p for p in overlay.props
             if _inside(scene, proj, *((p.lat, p.lon) if p.lat is not None else tuple(p.path[0])))]
    meshes = [m for m in (lm_plan.landmark_mesh(p, proj, ground) for p in props) if m is not None]
    models = [_model(p, event.path, proj, ground) for p in props if p.kind == "model" or p.model]
    footprints = [f for f in (landmark_footprint(p, proj, ground) for p in props) if f is not None]
    layers = [LayerPlan(props_name, [MeshBatch(props_name, merge(meshes))] if meshes else [], models,
                        footprints=np.array(footprints, dtype=np.float64).reshape(-1, 4), exact_footprints=True)]
    pois = [p for p in overlay.pois if _inside(scene, proj, p.lat, p.lon)]
    if pois:
        layers.append(plan_markers(pois, proj, ground, name=pois_name))
    return layers


def _model(lm, event_path: Path, proj, ground) -> ModelPlacement:
    pos, heading, _ = lm_plan.model_placement(lm, proj, ground)
    size_m = tuple(float(v) for v in lm.size_m) if lm.size_m else None
    return ModelPlacement(lm.id, str(lm_plan.resolve_model(lm, event_path)), tuple(float(v) for v in pos),
                          float(heading), size_m)
