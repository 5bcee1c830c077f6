"""Models placed by the plan (glTF through panda3d-gltf, or Panda3D's .bam/.egg).

Every placement comes from a manifest that engine.manifest.scene_checks accepted, and those checks
read each model file structurally before any loader does (engine.manifest.gltf_check,
engine.manifest.panda_models), so nothing damaged or hostile reaches the loader from here.
"""
from __future__ import annotations

from panda3d.core import NodePath

from engine.world.plan.layers import ModelPlacement
from engine.world.plan.model_fit import fit_factors


def load_model(placement: ModelPlacement, loader) -> NodePath:
    """A model placed in the scene. glTF's default metallic factor (1.0) renders black under
    fixed-function lights, so metals are turned into plain diffuse surfaces here."""
    model = loader.load_model(placement.path, noCache=True)
    for material in model.find_all_materials():
        material.set_metallic(0.0)
    holder = NodePath(f"model:{placement.id}")
    turned = holder.attach_new_node("turned")
    model.reparent_to(turned)
    turned.set_h(-placement.heading_deg)
    if placement.size_m:
        holder.set_scale(*fit_scale(turned, placement.size_m))
    holder.set_pos(*placement.position)
    holder.flatten_strong()  # a glTF file arrives as many nodes; one batch per material draws faster
    return holder


def fit_scale(turned: NodePath, size_m: tuple[float, float, float]) -> tuple[float, float, float]:
    """The scale along east, north and up that makes the turned model measure `size_m` metres.
    Scaling the turned model's axis-aligned bounds scales its tight bounds exactly, so the result
    measures size_m whatever the heading (engine.world.plan.model_fit)."""
    bounds = turned.get_tight_bounds(turned.get_parent())
    if bounds is None:  # nothing to measure: an empty model
        return (1.0, 1.0, 1.0)
    low, high = bounds
    return fit_factors(high - low, size_m)
