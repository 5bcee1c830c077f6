"""Author-time tool: builds the small glTF models shipped in assets/models/ with trimesh.

    python tools/make_models.py        # rewrites assets/models/*.glb

Models are in metres, +Z up, +Y forward (the engine's frame), with one PBR material per part.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import trimesh
from trimesh.visual.material import PBRMaterial

OUT = Path(__file__).resolve().parents[1] / "assets" / "models"


def _part(mesh: trimesh.Trimesh, rgba, name: str) -> trimesh.Trimesh:
    mesh.visual = trimesh.visual.TextureVisuals(material=PBRMaterial(
        name=name, baseColorFactor=np.array(rgba, dtype=np.float64), roughnessFactor=0.8))
    # metallicFactor left out on purpose: it then defaults to 1.0, as in many real-world models,
    # and the engine must still light it in its colours.
    return mesh


def fishing_boat() -> trimesh.Scene:
    """A Minnan wooden fishing boat of the kind moored in the Shapowei shelter, about 12 m long."""
    hull = trimesh.creation.box(extents=(3.2, 12.0, 1.6))
    v = hull.vertices
    v[v[:, 2] < 0, 0] *= 0.55  # narrower keel
    v[(v[:, 1] > 0) & (v[:, 2] < 0), 1] *= 0.8  # raked bow
    hull.apply_translation((0, 0, 0.8))
    cabin = trimesh.creation.box(extents=(2.2, 3.0, 1.8))
    cabin.apply_translation((0, -2.5, 2.5))
    roof = trimesh.creation.box(extents=(2.6, 3.4, 0.2))
    roof.apply_translation((0, -2.5, 3.5))
    mast = trimesh.creation.cylinder(radius=0.12, height=6.0, sections=8)
    mast.apply_translation((0, 2.0, 4.6))
    stripe = trimesh.creation.box(extents=(3.25, 12.05, 0.25))
    stripe.apply_translation((0, 0, 1.45))
    scene = trimesh.Scene()
    scene.add_geometry(_part(hull, (0.55, 0.22, 0.16, 1), "hull"), node_name="hull")
    scene.add_geometry(_part(stripe, (0.95, 0.95, 0.92, 1), "stripe"), node_name="stripe")
    scene.add_geometry(_part(cabin, (0.30, 0.48, 0.60, 1), "cabin"), node_name="cabin")
    scene.add_geometry(_part(roof, (0.85, 0.55, 0.20, 1), "roof"), node_name="roof")
    scene.add_geometry(_part(mast, (0.40, 0.28, 0.18, 1), "mast"), node_name="mast")
    return scene


MODELS = {"fishing_boat.glb": fishing_boat}


def main() -> None:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    # glTF is +Y up and -Z forward: turn the engine's Z-up frame into it; the loader turns it back.
    to_gltf = trimesh.transformations.rotation_matrix(-np.pi / 2, (1, 0, 0))
    for name, make in MODELS.items():
        scene = make()
        scene.apply_transform(to_gltf)
        (OUT / name).write_bytes(scene.export(file_type="glb"))
        print(OUT / name)


if __name__ == "__main__":
    main()
