"""The world plan as plain data: named layers of mesh batches, model placements, markers and
footprints. It is what the node stage realises, what the cache stores, and what a glTF export or
a baseline renderer can read; nothing here touches Panda3D.

A layer's footprints are (x, y, radius, top) circles in scene metres: everything a tour camera
must keep clear of. They feed the clearance floor (engine.world.plan.clearance) whether the layer
was planned with the scene or added at run time.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest
from engine.world.plan.crowds import CrowdPlan
from engine.world.plan.effects import BeamPlan, FireworksPlan
from engine.world.plan.facts import SceneFacts
from engine.world.plan.mesh import Mesh

MATERIALS = ("lit", "unlit")  # lit: vertex colours under sun, ambient light and haze; unlit: markers


def no_footprints() -> np.ndarray:
    return np.zeros((0, 4))


@dataclass
class MeshBatch:
    """One draw call: a mesh in one material, already in scene coordinates. A tile's batch may carry
    a far level of detail (engine.world.plan.lod): a coarser mesh drawn instead of `mesh` wherever
    the eye is more than `far_m` from the middle of `mesh`'s bounds (still one draw call)."""

    name: str
    mesh: Mesh
    material: str = "lit"
    far: Mesh | None = None
    far_m: float = 0.0


@dataclass
class ModelPlacement:
    """A model file placed in the scene (loaded, placed and flattened by the node stage)."""

    id: str
    path: str  # absolute, checked by the manifest stage to stay inside the content roots
    position: tuple[float, float, float]
    heading_deg: float
    # the manifest's size_m: the model is scaled to measure exactly this in metres, east-west,
    # north-south and up, after its heading is applied; None keeps the file's own size
    size_m: tuple[float, float, float] | None = None


@dataclass
class Marker:
    """A POI's marker: where its pin floats and how tall the pole under it is."""

    poi_id: str
    position: tuple[float, float, float]
    pole_height: float


@dataclass
class LayerPlan:
    name: str
    batches: list[MeshBatch] = field(default_factory=list)
    models: list[ModelPlacement] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    footprints: np.ndarray = field(default_factory=no_footprints)  # (N, 4): x, y, radius, top
    # exact: each footprint is checked as a circle (few, large: landmarks); otherwise they are
    # rasterised on the ground grid (many, small: buildings, props)
    exact_footprints: bool = False
    crowds: list[CrowdPlan] = field(default_factory=list)  # people moving along routes, animated per frame
    beams: list[BeamPlan] = field(default_factory=list)  # spotlights sweeping the sky
    fireworks: list[FireworksPlan] = field(default_factory=list)
    pois: list = field(default_factory=list)  # the POIs (manifest Poi) of this layer's markers, beyond the scene's own

    @property
    def animated(self) -> bool:
        return bool(self.crowds or self.beams or self.fireworks)

    @property
    def triangle_count(self) -> int:
        return sum(b.mesh.triangle_count for b in self.batches)


@dataclass
class WorldPlan:
    """Everything the scene shows, as data: the ground facts, the sky's settings and the layers
    in drawing order (terrain, roads, water, surroundings if any, landmarks, skyline if any,
    districts, vegetation, markers)."""

    scene: SceneManifest
    facts: SceneFacts
    layers: list[LayerPlan]
    time_of_day: float
    haze: float

    @property
    def projection(self) -> LocalProjection:
        return self.facts.projection

    def layer(self, name: str) -> LayerPlan:
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(name)
