"""A glTF model checked before panda3d-gltf sees it: nothing damaged or hostile reaches the loader.

The rules are the Khronos glTF Validator's that matter to a loader: the container
(engine.manifest.gltf_container), buffer, buffer-view and accessor bounds, component types and
counts, vertex indices in range, references between arrays, and a node tree without loops
(engine.manifest.gltf_bounds); every buffer and image URI decoded per RFC 3986 before the
content-roots check, data: URIs decoded and bounded; every image decodable within a pixel limit
(engine.manifest.gltf_images).

Why in Python and not the Khronos validator itself: the validator is a Node program (npm
`gltf-validator`), and a kiosk should not need Node at run time just to open a scene; nor would
it know which files lie inside the content roots. pygltflib was considered too: it only parses
the JSON into dataclasses (checking no bounds), and a hostile document can fail inside it in
ways of its own, so the plain JSON object is checked directly here, rule by rule.

The rules also follow what panda3d-gltf 1.3 does with a file: it opens a buffer's URI as
written but decodes an image's, and it reads only `.bin` and two data: media types for buffers.
"""
from __future__ import annotations

import base64
import binascii
import urllib.parse
from pathlib import Path, PurePosixPath

from engine.manifest.content_paths import check_asset_path
from engine.manifest.gltf_bounds import Bounds, arrays_of_objects, bad, is_int
from engine.manifest.gltf_container import read_gltf
from engine.manifest.gltf_images import check_image
from engine.manifest.gltf_schema import check_types
from engine.manifest.model_problems import (MAX_DATA_URI_CHARS, MAX_MODEL_BYTES, ModelProblem,
                                            ModelRefused)

BUFFER_DATA_TYPES = ("application/octet-stream", "application/gltf-buffer")
# Extensions a model may *require*: the ones panda3d-gltf reads; any other changes what the data means.
READABLE_EXTENSIONS = {"KHR_lights_punctual", "KHR_materials_unlit", "KHR_texture_transform"}


def check_gltf(model: Path, raw: str, manifest_path: Path) -> list[ModelProblem]:
    """Every problem of the .gltf/.glb `model` (given as `raw` in the manifest at `manifest_path`);
    an empty list means the loader may read it."""
    try:
        doc, glb_bin = read_gltf(model, raw)
        problems = _GltfCheck(doc, glb_bin, raw, manifest_path).run()
    except ModelRefused as exc:
        problems = [exc.problem]
    except (TypeError, AttributeError, KeyError, IndexError, ValueError, OverflowError) as exc:
        # A value of a type no rule expected: the file is malformed, whatever the rule missed.
        return [ModelProblem("A003", f"model '{raw}' is not a readable glTF file: a value of the wrong "
                                     f"type ({type(exc).__name__})")]
    # Each message names the model: a scene may have several on neighbouring lines.
    return [p if p.message.startswith("model '") else ModelProblem(p.code, f"model '{raw}': {p.message}")
            for p in problems]


def _media_type(image: dict) -> str | None:
    """What an embedded image says it is (a data: URI's media type, or its mimeType); None for a file."""
    uri = image.get("uri")
    if isinstance(uri, str):
        return uri[5:].partition(";")[0] if uri.startswith("data:") else None
    return str(image.get("mimeType"))


class _GltfCheck:
    def __init__(self, doc: dict, glb_bin: bytes | None, raw: str, manifest_path: Path):
        self.doc, self.glb_bin = doc, glb_bin
        self.raw, self.manifest_path = raw, manifest_path
        self.problems: list[ModelProblem] = []

    def run(self) -> list[ModelProblem]:
        self.structure()
        buffers = self.buffers()
        images = [self.image_bytes(i, image) for i, image in enumerate(self.doc.get("images", []))]
        media_types = [_media_type(image) for image in self.doc.get("images", [])]
        if self.problems:  # files missing or outside: nothing more can be read safely
            return self.problems
        check_types(self.doc)
        Bounds(self.doc, buffers).check()
        for i, (label, data) in enumerate(images):
            if data is None:
                data = self.view_bytes(buffers, self.doc["images"][i]["bufferView"])
            try:
                check_image(data, label, media_types[i])
            except ModelRefused as exc:
                self.problems.append(exc.problem)
        return self.problems

    def structure(self) -> None:
        asset = self.doc.get("asset")
        if not isinstance(asset, dict) or not str(asset.get("version", "")).startswith("2."):
            raise ModelRefused("A003", f"model '{self.raw}' is not glTF 2.0 (its asset.version is missing or other)")
        arrays_of_objects(self.doc)
        required = self.doc.get("extensionsRequired", [])
        unknown = sorted(set(map(str, required)) - READABLE_EXTENSIONS) if isinstance(required, list) else ["?"]
        if unknown:
            raise ModelRefused("A003", f"model '{self.raw}' requires glTF extensions the engine cannot read: "
                                       f"{', '.join(unknown)}")

    def buffers(self) -> list[bytes]:
        buffers = self.doc.get("buffers", [])
        if self.glb_bin is not None and (len(buffers) != 1 or "uri" in buffers[0]):
            # panda3d-gltf replaces a .glb's buffer list with its BIN chunk alone
            raise ModelRefused("A003", f"model '{self.raw}' has a BIN chunk and other buffers; "
                                       "a .glb must keep all its data in its BIN chunk")
        out = []
        for i, buffer in enumerate(buffers):
            length, uri = buffer.get("byteLength"), buffer.get("uri")
            if not is_int(length, 1, MAX_MODEL_BYTES):
                raise bad(f"buffers[{i}] has byteLength {length!r}")
            if uri is not None and not isinstance(uri, str):
                raise ModelRefused("A003", f"buffers[{i}] has a uri that is not text")
            if uri is None:
                if i != 0 or self.glb_bin is None:
                    raise ModelRefused("A003", f"buffers[{i}] has no uri (and is not the .glb's BIN chunk)")
                data = self.glb_bin
            elif uri.startswith("data:"):
                data = self.data_uri(uri, BUFFER_DATA_TYPES, f"buffers[{i}]")
            elif "%" in uri:  # panda3d-gltf 1.3 opens a buffer's URI undecoded
                self.missing(f"buffer '{uri}' is %-escaped, which the loader does not read; "
                             "rename the .bin file to a plain name")
                data = None
            elif not uri.lower().endswith(".bin"):
                self.missing(f"buffer '{uri}' is not a .bin file (the loader would read zeros)")
                data = None
            else:
                data = self.file_bytes(uri, f"buffers[{i}]")
            if data is not None and len(data) < length:
                raise bad(f"buffers[{i}] declares {length:,} bytes but has only {len(data):,} (is the file cut short?)")
            out.append(data or b"")
        return out

    def image_bytes(self, i: int, image: dict) -> tuple[str, bytes | None]:
        """(a label for the author, the image's bytes, or None when they live in a buffer view)."""
        uri = image.get("uri")
        if uri is not None and not isinstance(uri, str):
            raise ModelRefused("A003", f"images[{i}] has a uri that is not text")
        if uri is None:
            return f"images[{i}]", None
        if uri.startswith("data:"):
            return f"images[{i}]", self.data_uri(uri, ("image/",), f"images[{i}]") or b""
        return f"'{uri}'", self.file_bytes(uri, f"images[{i}]") or b""

    def view_bytes(self, buffers: list[bytes], view_index: int) -> bytes:
        """An embedded image's bytes: its (checked) buffer view's slice of its buffer."""
        view = self.doc["bufferViews"][view_index]
        offset = view.get("byteOffset", 0)
        return buffers[view["buffer"]][offset:offset + view["byteLength"]]

    def file_bytes(self, uri: str, where: str) -> bytes | None:
        """The file a relative URI names, decoded per RFC 3986 first (as the loader decodes it), so
        that '%2E%2E%2F' is the '../' it stands for; None (and an A004) if it cannot be used."""
        if urllib.parse.urlsplit(uri).scheme:  # http:, file:, C: ... the loader must read only our files
            self.missing(f"'{uri}' is not a relative path")
            return None
        try:
            decoded = urllib.parse.unquote(uri, errors="strict")
        except UnicodeDecodeError:
            self.missing(f"'{uri}' has %-escapes that are not UTF-8")
            return None
        path, why = check_asset_path(str(PurePosixPath(self.raw).parent / decoded), self.manifest_path)
        if path is None:
            self.missing(why)
            return None
        if path.stat().st_size > MAX_MODEL_BYTES:
            raise bad(f"{where}: '{uri}' is over the {MAX_MODEL_BYTES:,}-byte limit")
        return path.read_bytes()

    def missing(self, why: str) -> None:
        self.problems.append(ModelProblem("A004", f"model '{self.raw}' refers to a file that cannot be used: {why}"))

    @staticmethod
    def data_uri(uri: str, media_types: tuple[str, ...], where: str) -> bytes:
        """The bytes of a base64 data: URI of one of `media_types` (as panda3d-gltf splits it)."""
        if len(uri) > MAX_DATA_URI_CHARS:
            raise bad(f"{where}: its data: URI is over the {MAX_DATA_URI_CHARS:,}-character limit")
        info, sep, payload = uri.partition(",")
        if not sep or "," in payload or not info.endswith(";base64") or not info[5:].startswith(media_types):
            raise ModelRefused("A003", f"{where} has a data: URI that is not base64 {' or '.join(media_types)}")
        try:
            return base64.b64decode(payload, validate=True)
        except binascii.Error:
            raise ModelRefused("A003", f"{where} has a data: URI whose base64 is damaged") from None
