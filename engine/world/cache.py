"""The built-scene cache: a .bam of the scene graph plus the heightfield, keyed by content hash.

The key hashes the manifest's validated content, every file it loads (models), the engine version
and the source of the world builder itself, so any change that could alter the result makes a new
key: a stale cache is never used. Files are written under a temporary name and renamed into place,
so a crash mid-write never leaves a half-written entry.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np
from panda3d.core import NodePath

import engine
from engine.manifest.scene_schema import SceneManifest

WORLD_SOURCES = sorted((Path(__file__).resolve().parent).glob("*.py")) + [
    Path(engine.__file__).resolve().parent / "geo.py"]


def cache_key(scene: SceneManifest, manifest_path: Path) -> str:
    h = hashlib.sha256()
    h.update(f"ludao {engine.__version__}\n".encode())
    for source in WORLD_SOURCES:
        h.update(source.read_bytes())
    h.update(scene.model_dump_json().encode())
    for lm in scene.landmarks:
        if lm.model:
            h.update((manifest_path.parent / lm.model).resolve().read_bytes())
    return h.hexdigest()[:32]


class SceneCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def paths(self, scene_id: str, key: str) -> tuple[Path, Path]:
        stem = self.folder / f"{scene_id}-{key}"
        return stem.with_suffix(".bam"), stem.with_suffix(".ground.npz")

    def load(self, scene_id: str, key: str, loader) -> tuple[NodePath, dict] | None:
        bam, ground = self.paths(scene_id, key)
        if not (bam.is_file() and ground.is_file()):
            return None
        try:
            root = loader.load_model(str(bam), noCache=True, okMissing=True)
            with np.load(ground) as arrays:
                ground_arrays = {k: arrays[k] for k in arrays.files}
        except (OSError, ValueError):
            return None
        if root is None or root.is_empty():
            return None
        return root, ground_arrays

    def store(self, scene_id: str, key: str, root: NodePath, ground_arrays: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        bam, ground = self.paths(scene_id, key)
        for old in self.folder.glob(f"{scene_id}-*"):  # older builds of this scene are stale now
            if old.name not in (bam.name, ground.name):
                old.unlink(missing_ok=True)
        fd, tmp_ground = tempfile.mkstemp(dir=self.folder, suffix=".npz")
        os.close(fd)
        np.savez(tmp_ground, **ground_arrays)
        tmp_bam = bam.with_suffix(".tmp.bam")
        if not root.write_bam_file(str(tmp_bam)):
            raise OSError(f"could not write {tmp_bam}")
        os.replace(tmp_ground, ground)
        os.replace(tmp_bam, bam)
