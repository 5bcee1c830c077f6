"""The world-plan cache: a scene's plan (its facts, meshes, placements and footprints) in one .npz
file, keyed by a hash of everything that could change it, and proving its own bytes.

The key hashes the manifest's validated content, every file a model loads (the glTF itself, and
its external buffers and images), the engine version and the source of the whole world package,
so a stale entry is never used. The file's name also carries a digest of its own bytes
(`<scene>-<key>.<digest>.plan.npz`), checked before anything is read from it: a truncated entry,
a flipped byte or a read error is logged, deleted and rebuilt, so a damaged disk costs one
rebuild and never a wrong picture. An entry is written under a temporary name, synced and renamed
into place, so a crash mid-write never leaves a half-written one. Only numpy reads it (never
Panda3D's .bam reader, which can spin for ever on a damaged file): a headless tour reads the facts
of a cached plan without Panda3D or trimesh.
"""
from __future__ import annotations

import glob
import hashlib
import io
import json
import logging
import os
import re
import tempfile
import urllib.parse
from dataclasses import asdict
from pathlib import Path

import numpy as np

import engine
from engine.manifest.content_paths import gltf_references
from engine.manifest.scene_schema import SceneManifest
from engine.world.plan.facts import SceneFacts
from engine.world.plan.layers import LayerPlan, Marker, MeshBatch, ModelPlacement, WorldPlan
from engine.world.plan.mesh import Mesh

WORLD_SOURCES = sorted(Path(__file__).resolve().parent.rglob("*.py")) + [
    Path(engine.__file__).resolve().parent / "geo.py"]
FORMAT = 3  # bump when the file layout changes (2: a model placement's scale became size_m; 3: far meshes)
DIGEST_HEX = 32
log = logging.getLogger("ludao.cache")


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:DIGEST_HEX]


def model_files(model: Path) -> list[Path]:
    """The model file and every external file it names (as the loader decodes the URIs)."""
    files = [model]
    try:
        uris = gltf_references(model)
    except ValueError:
        return files  # the manifest checks report an unreadable model; hash what is there
    for uri in uris:
        files.append(model.parent / urllib.parse.unquote(uri))
    return files


def cache_key(scene: SceneManifest, manifest_path: Path) -> str:
    h = hashlib.sha256()
    h.update(f"ludao {engine.__version__} plan {FORMAT}\n".encode())
    for source in WORLD_SOURCES:
        h.update(source.read_bytes())
    h.update(scene.model_dump_json().encode())
    for lm in scene.landmarks:
        if lm.model:
            for path in model_files((manifest_path.parent / lm.model).resolve()):
                h.update(str(path.name).encode())
                h.update(path.read_bytes() if path.is_file() else b"<missing>")
    return h.hexdigest()[:32]


def _mesh_arrays(prefix: str, mesh: Mesh) -> dict:
    colours = np.clip(np.round(mesh.colours * 255), 0, 255).astype(np.uint8)  # as the GPU gets them
    return {f"{prefix}/v": mesh.vertices.astype(np.float32), f"{prefix}/n": mesh.normals.astype(np.float32),
            f"{prefix}/c": colours, f"{prefix}/t": mesh.triangles.astype(np.uint32)}


def _mesh_from(arrays, prefix: str) -> Mesh:
    return Mesh(arrays[f"{prefix}/v"], arrays[f"{prefix}/n"], arrays[f"{prefix}/c"].astype(np.float64) / 255.0,
                arrays[f"{prefix}/t"].astype(np.int64))


def plan_to_arrays(plan: WorldPlan) -> dict:
    arrays = {f"facts/{k}": v for k, v in plan.facts.to_arrays().items()}
    index = {"time_of_day": plan.time_of_day, "haze": plan.haze, "layers": []}
    for li, layer in enumerate(plan.layers):
        index["layers"].append({"name": layer.name, "exact": layer.exact_footprints,
                                "batches": [{"name": b.name, "material": b.material,
                                             "far_m": b.far_m if b.far is not None else None} for b in layer.batches],
                                "models": [asdict(m) for m in layer.models],
                                "markers": [asdict(m) for m in layer.markers]})
        arrays[f"{li}/footprints"] = np.asarray(layer.footprints, dtype=np.float64).reshape(-1, 4)
        for bi, batch in enumerate(layer.batches):
            arrays.update(_mesh_arrays(f"{li}/{bi}", batch.mesh))
            if batch.far is not None:
                arrays.update(_mesh_arrays(f"{li}/{bi}/far", batch.far))
    arrays["index"] = np.frombuffer(json.dumps(index).encode(), dtype=np.uint8)
    return arrays


def _tuple(value):
    return tuple(value) if value is not None else None


def plan_from_arrays(arrays, scene: SceneManifest) -> WorldPlan:
    index = json.loads(bytes(arrays["index"]).decode())
    layers = []
    for li, entry in enumerate(index["layers"]):
        batches = [MeshBatch(b["name"], _mesh_from(arrays, f"{li}/{bi}"), b["material"],
                             *((_mesh_from(arrays, f"{li}/{bi}/far"), b["far_m"]) if b.get("far_m") is not None else ()))
                   for bi, b in enumerate(entry["batches"])]
        models = [ModelPlacement(m["id"], m["path"], _tuple(m["position"]), m["heading_deg"], _tuple(m["size_m"]))
                  for m in entry["models"]]
        markers = [Marker(m["poi_id"], _tuple(m["position"]), m["pole_height"]) for m in entry["markers"]]
        layers.append(LayerPlan(entry["name"], batches, models, markers, arrays[f"{li}/footprints"], entry["exact"]))
    return WorldPlan(scene, facts_from_arrays(arrays), layers, index["time_of_day"], index["haze"])


def facts_from_arrays(arrays) -> SceneFacts:
    return SceneFacts.from_arrays({k.removeprefix("facts/"): arrays[k] for k in arrays.files if k.startswith("facts/")})


class StoredArrays(dict):
    """Name -> array, read as np.load's NpzFile reads (`arrays[name]`, `arrays.files`)."""

    @property
    def files(self) -> list[str]:
        return list(self)


_NPY_HEADER = re.compile(r"\{'descr': '(?P<descr>[<>|][a-z][0-9]+)', 'fortran_order': False, "
                         r"'shape': \((?P<shape>[0-9, ]*)\), \} *\n")


def stored_arrays(data: bytes) -> StoredArrays | None:
    """The arrays of an .npz that np.savez wrote (members stored uncompressed, .npy version 1.0 headers of
    plain C-order dtypes), as views of one writable copy of `data`; None for anything else (np.load
    reads it then). Only for bytes already proven by their digest: the zip's own CRCs, which np.load
    checks member by member, are skipped, and so is its parsing of each header as a Python literal
    (a third of the time of a warm render was np.load reading a scene's 500 or so members)."""
    import struct
    import zipfile
    buffer = bytearray(data)
    arrays = StoredArrays()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    for info in members:
        start = info.header_offset
        if (info.compress_type != zipfile.ZIP_STORED or not info.filename.endswith(".npy")
                or data[start:start + 4] != b"PK\x03\x04"):
            return None
        name_len, extra_len = struct.unpack_from("<HH", data, start + 26)
        begin = start + 30 + name_len + extra_len
        if data[begin:begin + 8] != b"\x93NUMPY\x01\x00":
            return None
        (header_len,) = struct.unpack_from("<H", data, begin + 8)
        found = _NPY_HEADER.fullmatch(data[begin + 10:begin + 10 + header_len].decode("latin1"))
        if found is None:
            return None
        dtype = np.dtype(found["descr"])
        shape = tuple(int(n) for n in found["shape"].split(",") if n.strip())
        count = int(np.prod(shape, dtype=np.int64))
        offset = begin + 10 + header_len
        if dtype.hasobject or offset + count * dtype.itemsize > begin + info.compress_size:
            return None
        arrays[info.filename[:-len(".npy")]] = np.frombuffer(buffer, dtype, count, offset).reshape(shape)
    return arrays


class DamagedEntry(Exception):
    """A cache entry whose bytes are not what was written."""


class SceneCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.repairs: list[str] = []  # why entries were found damaged (and rebuilt), for reports

    def entry(self, scene_id: str, key: str) -> Path | None:
        """The entry for this key, whatever its digest says (checked when it is read)."""
        if not self.folder.is_dir():
            return None
        return next(iter(sorted(self.folder.glob(f"{glob.escape(scene_id)}-{key}.*.plan.npz"))), None)

    def _read(self, scene_id: str, key: str, read):
        path = self.entry(scene_id, key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
            named = path.name[len(f"{scene_id}-{key}."):-len(".plan.npz")]
            if file_digest(data) != named:
                raise DamagedEntry(f"its {len(data)} bytes do not match the digest in its name")
            arrays = stored_arrays(data)
            if arrays is not None:
                return read(arrays)
            with np.load(io.BytesIO(data), allow_pickle=False) as arrays:  # not laid out as np.savez writes
                return read(arrays)
        except Exception as exc:  # any damage (digest, bad zip, missing member, bad JSON): rebuild
            why = f"scene cache entry {path.name} is damaged ({exc}); rebuilding it"
            log.warning(why)
            self.repairs.append(why)
            path.unlink(missing_ok=True)
            return None

    def load(self, scene: SceneManifest, key: str) -> WorldPlan | None:
        return self._read(scene.id, key, lambda arrays: plan_from_arrays(arrays, scene))

    def load_facts(self, scene: SceneManifest, key: str) -> SceneFacts | None:
        """Only the facts (ground and footprints): the meshes are never decoded."""
        return self._read(scene.id, key, facts_from_arrays)

    def store(self, plan: WorldPlan, key: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        scene_id = plan.scene.id
        buffer = io.BytesIO()
        np.savez(buffer, **plan_to_arrays(plan))
        data = buffer.getvalue()
        target = self.folder / f"{scene_id}-{key}.{file_digest(data)}.plan.npz"
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{scene_id}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        # Older entries of this scene (plans, and the .bam files of the earlier format) are stale now.
        ours = re.compile(rf"{re.escape(scene_id)}-[0-9a-f]{{32}}"
                          rf"(\.[0-9a-f]{{{DIGEST_HEX}}}\.plan\.npz|\.plan\.npz|\.bam|\.tmp\.bam|\.ground\.npz)")
        for old in self.folder.iterdir():
            if old.name != target.name and ours.fullmatch(old.name):
                old.unlink(missing_ok=True)
        return target
