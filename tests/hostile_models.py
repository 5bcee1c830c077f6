"""Damaged and hostile models, made from a small valid glTF (tests/gltf_files.py's textured quad),
the project's fishing boat .glb and a .bam written by Panda3D, each placed as the `boat` landmark of a
copy of the islet test scene.

`CASES` maps a name to (how to make it, the diagnostic code validate must give). A maker writes its
files into `models/` beside the scene and returns the model path to put in the manifest.
"""
from __future__ import annotations

import base64
import io
import json
import shutil
import struct
import zlib
from pathlib import Path
from typing import Callable

from PIL import Image

from tests.conftest import ISLET, ROOT
from tests.gltf_files import write_textured_quad

BOAT = ROOT / "assets" / "models" / "fishing_boat.glb"
BOAT_LINE = next(i for i, line in enumerate(ISLET.read_text().splitlines(), 1) if "id: boat," in line)


def islet_with_model(folder: Path, maker: Callable[[Path], str]) -> Path:
    """folder/islet/scene.yaml whose boat is the model `maker` writes; returns the manifest path."""
    scene = folder / "islet"
    shutil.copytree(ISLET.parent, scene)
    raw = maker(scene / "models")
    manifest = scene / "scene.yaml"
    manifest.write_text(manifest.read_text().replace("../../../../assets/models/fishing_boat.glb", raw))
    return manifest


def model_column(manifest: Path) -> int:
    """The column of the boat's `model:` value, where its model diagnostics point."""
    line = manifest.read_text().splitlines()[BOAT_LINE - 1]
    return line.index("model: ") + len("model: ") + 1


# ---- the pieces --------------------------------------------------------------------------------

def _quad(models: Path, edit: Callable[[dict], None] | None = None) -> Path:
    """The textured quad; `edit` changes its JSON."""
    path = write_textured_quad(models)
    if edit:
        gltf = json.loads(path.read_text())
        edit(gltf)
        path.write_text(json.dumps(gltf))
    return path


def _glb(models: Path, edit: Callable[[bytes], bytes]) -> str:
    models.mkdir(parents=True, exist_ok=True)
    (models / "boat.glb").write_bytes(edit(BOAT.read_bytes()))
    return "models/boat.glb"


def _glb_with_json(data: bytes, text: bytes) -> bytes:
    """The boat .glb with its JSON chunk replaced (padded to 4 bytes, lengths kept consistent)."""
    text += b" " * (-len(text) % 4)
    json_length, = struct.unpack_from("<I", data, 12)
    rest = data[20 + json_length:]
    body = struct.pack("<II", len(text), 0x4E4F534A) + text + rest
    return b"glTF" + struct.pack("<II", 2, 12 + len(body)) + body


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def pixel_bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A PNG of a few dozen bytes whose header claims width x height pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) +
            _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _png_chunk(b"IEND", b""))


def write_bam(path: Path) -> None:
    """A small valid .bam (a card) written by Panda3D."""
    from panda3d.core import CardMaker, NodePath
    card = CardMaker("card")
    card.set_frame(-5, 5, -5, 5)
    path.parent.mkdir(parents=True, exist_ok=True)
    assert NodePath(card.generate()).write_bam_file(str(path))


# ---- the cases ---------------------------------------------------------------------------------

def short_bin(models: Path) -> str:
    _quad(models)
    data = (models / "quad.bin").read_bytes()
    (models / "quad.bin").write_bytes(data[:-10])
    return "models/quad.gltf"


def index_out_of_range(models: Path) -> str:
    _quad(models)
    data = bytearray((models / "quad.bin").read_bytes())
    struct.pack_into("<H", data, 80 + 2 * 4, 99)  # the fifth index names vertex 99 of 4
    (models / "quad.bin").write_bytes(bytes(data))
    return "models/quad.gltf"


def _edited(edit: Callable[[dict], None]) -> Callable[[Path], str]:
    def maker(models: Path) -> str:
        _quad(models, edit)
        return "models/quad.gltf"
    return maker


def _image_file(content: Callable[[Path], bytes]) -> Callable[[Path], str]:
    def maker(models: Path) -> str:
        _quad(models)
        (models / "quad.png").write_bytes(content(models))
        return "models/quad.gltf"
    return maker


def _corrupt_png(models: Path) -> bytes:
    noise = Image.effect_noise((64, 64), 80).convert("RGB")
    noise.save(models / "noise.png")
    data = (models / "noise.png").read_bytes()
    return data[:len(data) // 2]  # the pixel stream cut in the middle


def _image_uri(uri: str) -> Callable[[Path], str]:
    def maker(models: Path) -> str:
        _quad(models, lambda g: g["images"][0].update(uri=uri))
        return "models/quad.gltf"
    return maker


def _outside(uri: str) -> Callable[[Path], str]:
    """A real image outside the content folders, named by `uri` relative to models/."""
    def maker(models: Path) -> str:
        Image.new("RGB", (8, 8), (255, 0, 255)).save(models.parents[2] / "secret.png")
        return _image_uri(uri)(models)
    return maker


def _data_uri(image: Image.Image, fmt: str, media_type: str) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return f"data:{media_type};base64,{base64.b64encode(buffer.getvalue()).decode()}"


def cmyk_jpeg(models: Path) -> str:
    _quad(models, lambda g: g["images"][0].update(uri="quad.jpg"))
    Image.new("CMYK", (8, 8), (10, 20, 30, 40)).save(models / "quad.jpg")
    return "models/quad.gltf"


def missing_bin(models: Path) -> str:
    _quad(models)
    (models / "quad.bin").unlink()
    return "models/quad.gltf"


def list_json(models: Path) -> str:
    _quad(models)
    (models / "quad.gltf").write_text("[1, 2, 3]")
    return "models/quad.gltf"


def node_loop(gltf: dict) -> None:
    gltf["nodes"] = [{"mesh": 0, "children": [1]}, {"children": [0]}]


def truncated_bam(models: Path) -> str:
    write_bam(models / "card.bam")
    data = (models / "card.bam").read_bytes()
    (models / "card.bam").write_bytes(data[:-1])
    return "models/card.bam"


def padded_bam(models: Path) -> str:
    write_bam(models / "card.bam")
    with (models / "card.bam").open("ab") as f:
        f.write(b"\0\0\0\0\0")
    return "models/card.bam"


def escaped_buffer(models: Path) -> str:
    """The .bin named through %-escapes that leave the content folders."""
    (models.parents[2] / "secret.bin").write_bytes(b"\0" * 92)
    _quad(models, lambda g: g["buffers"][0].update(uri="%2E%2E%2F%2E%2E%2F%2E%2E%2Fsecret.bin"))
    return "models/quad.gltf"


def egg_texture_outside(models: Path) -> str:
    models.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 8), (255, 0, 255)).save(models.parents[2] / "secret.png")
    (models / "card.egg").write_text('<Texture> tex { "../../../secret.png" }\n' + EGG, encoding="utf-8")
    return "models/card.egg"


def egg_not_text(models: Path) -> str:
    models.mkdir(parents=True, exist_ok=True)
    (models / "card.egg").write_bytes(b"<CoordinateSystem> { Z-up }\n\xff\xfe\x00garbage")
    return "models/card.egg"


CASES: dict[str, tuple[Callable[[Path], str], str]] = {
    "short-bin": (short_bin, "A005"),
    "view-past-buffer": (_edited(lambda g: g["bufferViews"][2].update(byteLength=40)), "A005"),
    "accessor-past-view": (_edited(lambda g: g["accessors"][0].update(count=40)), "A005"),
    "bad-component-type": (_edited(lambda g: g["accessors"][0].update(componentType=5124)), "A005"),
    "index-out-of-range": (index_out_of_range, "A005"),
    "node-loop": (_edited(node_loop), "A005"),
    "rotation-not-numbers": (_edited(lambda g: g["nodes"][0].update(rotation=[0, None, 0, 1])), "A005"),
    "sampler-unknown-filter": (_edited(lambda g: g.update(samplers=[{"magFilter": 1}]) or g["textures"][0].update(
        sampler=0)), "A005"),
    "position-as-scalar": (_edited(lambda g: g["meshes"][0]["primitives"][0]["attributes"].update(POSITION=2)), "A005"),
    "zero-byte-texture": (_image_file(lambda models: b""), "A006"),
    "corrupt-png": (_image_file(_corrupt_png), "A006"),
    "pixel-bomb": (_image_file(lambda models: pixel_bomb_png()), "A006"),
    "escaped-slash-traversal": (_outside("..%2F..%2F..%2Fsecret.png"), "A004"),
    "escaped-dots-traversal": (_outside("%2E%2E%2F%2E%2E%2F%2E%2E%2Fsecret.png"), "A004"),
    "absolute-uri": (_image_uri(str(ROOT / "assets" / "models" / "missing.png")), "A004"),
    "file-url": (_image_uri("file:///etc/hostname"), "A004"),
    "missing-bin": (missing_bin, "A004"),
    "embedded-jpeg-declared-png": (_image_uri(_data_uri(Image.new("RGB", (8, 8)), "JPEG", "image/png")), "A006"),
    "cmyk-jpeg": (cmyk_jpeg, "A006"),
    "bad-data-uri": (_image_uri("data:image/png;base64,@@not base64@@"), "A003"),
    "gltf-json-is-a-list": (list_json, "A003"),
    "glb-json-is-a-list": (lambda models: _glb(models, lambda d: _glb_with_json(d, b"[1, 2]")), "A003"),
    "glb-wrong-chunk-length": (lambda models: _glb(models, lambda d: d[:12] + struct.pack(
        "<I", struct.unpack_from("<I", d, 12)[0] + 8) + d[16:]), "A003"),
    "truncated-glb": (lambda models: _glb(models, lambda d: d[:-100]), "A003"),
    "truncated-bam": (truncated_bam, "A007"),
    "egg-not-text": (egg_not_text, "A007"),
    "padded-bam": (padded_bam, "A007"),
    "egg-texture-outside": (egg_texture_outside, "A004"),
    "escaped-buffer-traversal": (escaped_buffer, "A004"),
}


def encoded_space(models: Path) -> str:
    """A valid model whose texture is 'Cesium Logo Flat.png', named as the URI 'Cesium%20Logo%20Flat.png'."""
    _quad(models, lambda g: g["images"][0].update(uri="Cesium%20Logo%20Flat.png"))
    (models / "quad.png").rename(models / "Cesium Logo Flat.png")
    return "models/quad.gltf"


EGG = """<CoordinateSystem> { Z-up }
<VertexPool> card {
  <Vertex> 0 { -5 -5 0 }
  <Vertex> 1 { 5 -5 0 }
  <Vertex> 2 { 5 5 0 }
}
<Group> card {
  <Polygon> { <VertexRef> { 0 1 2 <Ref> { card } } }
}
"""


def valid_egg(models: Path) -> str:
    models.mkdir(parents=True, exist_ok=True)
    (models / "card.egg").write_text(EGG, encoding="utf-8")
    return "models/card.egg"
