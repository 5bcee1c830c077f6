"""glTF models placed by the plan, loaded through panda3d-gltf (Panda3D's loader plugin)."""
from __future__ import annotations

from panda3d.core import NodePath

from engine.world.plan.layers import ModelPlacement


def load_model(placement: ModelPlacement, loader) -> NodePath:
    """A glTF model placed in the scene. glTF's default metallic factor (1.0) renders black under
    fixed-function lights, so metals are turned into plain diffuse surfaces here."""
    model = loader.load_model(placement.path, noCache=True)
    for material in model.find_all_materials():
        material.set_metallic(0.0)
    holder = NodePath(f"model:{placement.id}")
    model.reparent_to(holder)
    holder.set_pos(*placement.position)
    holder.set_h(-placement.heading_deg)
    if placement.scale:
        holder.set_scale(*placement.scale)
    holder.flatten_strong()  # a glTF file arrives as many nodes; one batch per material draws faster
    return holder
