"""Reading a .gltf or .glb file into its JSON object and binary chunk, refusing any container
that is not exactly what the glTF 2.0 specification describes (the Khronos validator's GLB_* and
JSON rules): the 12-byte header, its declared length equal to the file's, chunks that fill the
file exactly, the first one JSON, an optional second one BIN, and a JSON document that is an
object."""
from __future__ import annotations

import json
import struct
from pathlib import Path

from engine.manifest.model_problems import MAX_JSON_BYTES, MAX_MODEL_BYTES, ModelRefused

GLB_MAGIC = b"glTF"
CHUNK_JSON = 0x4E4F534A
CHUNK_BIN = 0x004E4942


def _unreadable(name: str, why: str) -> ModelRefused:
    return ModelRefused("A003", f"model '{name}' is not a readable glTF file: {why}")


def read_gltf(path: Path, name: str = "") -> tuple[dict, bytes | None]:
    """(the glTF JSON object, the .glb's BIN chunk or None); raises ModelRefused (A003) whose
    message names the model as `name` (as the manifest gives it; the file's name by default)."""
    name = name or path.name
    try:
        size = path.stat().st_size
        if size > (MAX_MODEL_BYTES if path.suffix.lower() == ".glb" else MAX_JSON_BYTES):
            raise _unreadable(name, f"{size:,} bytes is over the limit")
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(name, exc.strerror or str(exc)) from None
    if path.suffix.lower() == ".glb":
        text, binary = _glb_chunks(name, data)
    else:
        text, binary = data, None
    return _json_object(name, text), binary


def _glb_chunks(name: str, data: bytes) -> tuple[bytes, bytes | None]:
    if len(data) < 20 or data[:4] != GLB_MAGIC:
        raise _unreadable(name, "not a binary glTF file (no 'glTF' header)")
    version, length = struct.unpack_from("<II", data, 4)
    if version != 2:
        raise _unreadable(name, f"binary glTF version {version}; only version 2 is supported")
    if length != len(data):  # a cut or padded file: the loader would read past the end
        raise _unreadable(name, f"the header says {length:,} bytes but the file has {len(data):,} (truncated?)")
    chunks: list[tuple[int, bytes]] = []
    offset = 12
    while offset < length:
        if offset + 8 > length:
            raise _unreadable(name, f"a chunk header at byte {offset} runs past the end of the file")
        chunk_length, kind = struct.unpack_from("<II", data, offset)
        start, end = offset + 8, offset + 8 + chunk_length
        if end > length:
            raise _unreadable(name, f"a chunk of {chunk_length:,} bytes at byte {offset} runs past the end of the file")
        chunks.append((kind, data[start:end]))
        offset = end
    if not chunks or chunks[0][0] != CHUNK_JSON:
        raise _unreadable(name, "the first chunk of the .glb is not JSON")
    if len(chunks) > 1 and chunks[1][0] != CHUNK_BIN:
        raise _unreadable(name, "the second chunk of the .glb is not BIN")
    if sum(1 for kind, _ in chunks if kind == CHUNK_BIN) > 1:
        raise _unreadable(name, "the .glb has more than one BIN chunk")
    if len(chunks[0][1]) > MAX_JSON_BYTES:
        raise _unreadable(name, "its JSON chunk is over the size limit")
    return chunks[0][1], chunks[1][1] if len(chunks) > 1 else None


def _json_object(name: str, text: bytes) -> dict:
    try:
        value = json.loads(text.decode("utf-8").removeprefix("\ufeff"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise _unreadable(name, "its JSON is not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:  # RecursionError: JSON nested thousands deep
        raise _unreadable(name, f"its JSON cannot be read ({str(exc)[:120] or 'nested too deep'})") from None
    if not isinstance(value, dict):
        raise _unreadable(name, f"its JSON is a {type(value).__name__}, not an object")
    return value


def _no_constant(word: str):
    raise ValueError(f"{word} is not valid JSON")
