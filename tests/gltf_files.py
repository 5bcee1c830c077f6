"""A small glTF written by hand for tests: a textured square with its buffer and image in files of
their own (quad.gltf, quad.bin, quad.png), as authors' exports often are."""
from __future__ import annotations

import json
import struct
from pathlib import Path

from PIL import Image


def write_textured_quad(folder: Path, size_m: float = 20.0, colour=(200, 40, 40)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    h = size_m / 2
    positions = [(-h, 0.0, -h), (h, 0.0, -h), (h, 0.0, h), (-h, 0.0, h)]  # glTF is y-up
    uvs = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
    indices = [0, 1, 2, 0, 2, 3]
    data = b"".join(struct.pack("<3f", *p) for p in positions) + b"".join(struct.pack("<2f", *t) for t in uvs)
    data += struct.pack("<6H", *indices)
    (folder / "quad.bin").write_bytes(data)
    Image.new("RGB", (8, 8), colour).save(folder / "quad.png")
    gltf = {
        "asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0, "TEXCOORD_0": 1}, "indices": 2, "material": 0}]}],
        "materials": [{"pbrMetallicRoughness": {"baseColorTexture": {"index": 0}, "metallicFactor": 0.0},
                       "doubleSided": True}],
        "textures": [{"source": 0}], "images": [{"uri": "quad.png"}],
        "buffers": [{"uri": "quad.bin", "byteLength": len(data)}],
        "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 48},
                        {"buffer": 0, "byteOffset": 48, "byteLength": 32},
                        {"buffer": 0, "byteOffset": 80, "byteLength": 12}],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3",
             "min": [-h, 0.0, -h], "max": [h, 0.0, h]},
            {"bufferView": 1, "componentType": 5126, "count": 4, "type": "VEC2"},
            {"bufferView": 2, "componentType": 5123, "count": 6, "type": "SCALAR"}],
    }
    path = folder / "quad.gltf"
    path.write_text(json.dumps(gltf), encoding="utf-8")
    return path
