"""What a model check reports, and the limits it holds a model file to.

A model problem carries its diagnostic code; engine.manifest.scene_checks places it at the
landmark's `model:` line. The limits keep a hostile file from costing a kiosk minutes or gigabytes
before it is refused.
"""
from __future__ import annotations

from dataclasses import dataclass

MAX_MODEL_BYTES = 256 * 1024 * 1024  # a .glb, .bin, .bam or .egg
MAX_JSON_BYTES = 32 * 1024 * 1024  # the JSON of a .gltf or of a .glb's first chunk
MAX_IMAGE_BYTES = 256 * 1024 * 1024  # one texture file (8192 x 8192 RGBA is 256 MiB unpacked)
MAX_IMAGE_SIDE = 8192  # pixels; a larger texture is a mistake or a decompression bomb
MAX_DATA_URI_CHARS = 48 * 1024 * 1024  # a base64 data: URI inside the JSON


@dataclass(frozen=True)
class ModelProblem:
    code: str  # A003 unreadable, A004 missing/outside file, A005 bad data, A006 bad image, A007 bad .bam/.egg
    message: str


class ModelRefused(Exception):
    """Raised inside a check to stop at the first problem that makes the rest unreadable."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.problem = ModelProblem(code, message)
