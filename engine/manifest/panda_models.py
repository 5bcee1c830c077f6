"""Panda3D's own model files, checked before Panda3D reads them.

A .bam is the magic `pbj\\0\\n\\r` and then datagrams, each prefixed with its length (a
little-endian uint32; 0xFFFFFFFF means a uint64 length follows): first the header (format
version and byte order), then the objects. Panda3D's reader spins for ever at 100% CPU on a file
cut short by a single byte, so the lengths are walked here and must add up exactly to the file's
size. That catches a cut, padded or garbled framing; it cannot catch flipped bytes inside an
object (a flipped float is still a float): a .bam carries no checksum, so only a digest recorded
when the file was made could tell, and authors ship no such digest. Prefer glTF, which is checked
far more closely (engine.manifest.gltf_check).

An .egg is text: it must be UTF-8 (or ASCII) within a size limit, with no control characters,
and every file it names (`<Texture> name { "file" }`, `<File> { "file" }`) must stay inside the
content folders; its textures are checked as a glTF's are. (A .bam can name texture files too,
inside its objects; they are not walked here.)
"""
from __future__ import annotations

import re
import struct
from pathlib import Path, PurePosixPath

from engine.manifest.content_paths import check_asset_path
from engine.manifest.gltf_images import check_image
from engine.manifest.model_problems import MAX_MODEL_BYTES, ModelProblem, ModelRefused

BAM_MAGIC = b"pbj\x00\n\r"
BAM_MAJOR = 6  # Panda3D 1.10 reads format 6.x
MAX_EGG_BYTES = 64 * 1024 * 1024
# <Texture> name { "file" ... } and <File> { file }: the first value in the braces is the file.
EGG_FILE = re.compile(r'<(Texture|File)>\s*(?:"[^"]*"|[^\s{]*)\s*\{\s*(?:"([^"]*)"|([^\s}]+))', re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_panda_model(path: Path, raw: str, manifest_path: Path) -> list[ModelProblem]:
    try:
        size = path.stat().st_size
        if size > (MAX_MODEL_BYTES if path.suffix.lower() == ".bam" else MAX_EGG_BYTES):
            return [_damaged(raw, f"{size:,} bytes is over the limit")]
        data = path.read_bytes()
    except OSError as exc:
        return [_damaged(raw, exc.strerror or str(exc))]
    why = _bam_problem(data) if path.suffix.lower() == ".bam" else _egg_problem(data)
    if why:
        return [_damaged(raw, why)]
    return _egg_files(data.decode("utf-8"), raw, manifest_path) if path.suffix.lower() == ".egg" else []


def _egg_files(text: str, raw: str, manifest_path: Path) -> list[ModelProblem]:
    """Every file an .egg names stays inside the content folders; each texture decodes."""
    out = []
    for match in EGG_FILE.finditer(text):
        name = match.group(2) if match.group(2) is not None else match.group(3)
        path, why = check_asset_path(str(PurePosixPath(raw).parent / name), manifest_path)
        if path is None:
            out.append(ModelProblem("A004", f"model '{raw}' refers to a file that cannot be used: {why}"))
        elif match.group(1).lower() == "texture":
            try:
                check_image(path.read_bytes(), f"'{name}'")
            except ModelRefused as exc:
                out.append(ModelProblem("A006", f"model '{raw}': {exc.problem.message}"))
    return out


def _damaged(raw: str, why: str) -> ModelProblem:
    return ModelProblem("A007", f"model '{raw}' cannot be used: {why}")


def _bam_problem(data: bytes) -> str:
    if not data.startswith(BAM_MAGIC):
        return "not a Panda3D .bam file (its first bytes are not 'pbj')"
    offset, count = len(BAM_MAGIC), 0
    while offset < len(data):
        if offset + 4 > len(data):
            return f"truncated: a datagram length at byte {offset:,} is cut short"
        length, = struct.unpack_from("<I", data, offset)
        offset += 4
        if length == 0xFFFFFFFF:
            if offset + 8 > len(data):
                return f"truncated: a datagram length at byte {offset:,} is cut short"
            length, = struct.unpack_from("<Q", data, offset)
            offset += 8
        if offset + length > len(data):
            return (f"truncated: a datagram at byte {offset:,} needs {length:,} bytes but "
                    f"{len(data) - offset:,} are left")
        if count == 0:
            why = _bam_header(data[offset:offset + length])
            if why:
                return why
        offset += length
        count += 1
    if count < 2:
        return "it holds no objects"
    return ""


def _bam_header(header: bytes) -> str:
    if len(header) < 5:
        return "its header is too short"
    major, minor, endian = struct.unpack_from("<HHB", header)
    if major != BAM_MAJOR:
        return f"it is .bam format {major}.{minor}; this Panda3D reads format {BAM_MAJOR}.x"
    if endian not in (0, 1):
        return "its header names no byte order"
    return ""


def _egg_problem(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"an .egg must be UTF-8 text (byte {exc.start:,} is not)"
    bad = CONTROL.search(text)
    if bad is not None:
        return f"an .egg must be text (a control character at character {bad.start():,})"
    if "<" not in text:
        return "it holds no egg syntax"
    return ""
