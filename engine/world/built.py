"""A scene ready to show: its graph, its ground, its projection and the manifest it came from."""
from __future__ import annotations

from dataclasses import dataclass

from panda3d.core import NodePath

from engine.geo import LocalProjection
from engine.manifest.scene_schema import SceneManifest
from engine.world.heightfield import Heightfield


@dataclass
class BuiltScene:
    root: NodePath
    ground: Heightfield
    projection: LocalProjection
    manifest: SceneManifest
