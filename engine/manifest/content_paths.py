"""Asset paths in content: relative to the content file, never leaving the content roots.

Also lists the files a glTF model refers to (the plan cache hashes them); the checks of those
files, their paths included, are engine.manifest.gltf_check's.
"""
from __future__ import annotations

import json
import struct
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SHARED_ASSETS = PROJECT_ROOT / "assets"


def content_roots(manifest_path: Path) -> list[Path]:
    """A manifest may use files beside it (and below) and the project's shared assets."""
    return [manifest_path.resolve().parent, SHARED_ASSETS.resolve()]


def check_asset_path(raw: str, manifest_path: Path) -> tuple[Path | None, str]:
    """Resolve `raw`; returns (path, '') or (None, why it is refused)."""
    if any(ord(ch) < 32 for ch in raw):
        return None, "asset path contains a control character"
    if raw.startswith(("/", "\\")) or (len(raw) > 1 and raw[1] == ":"):
        return None, f"asset path '{raw}' is absolute; give it relative to the manifest"
    candidate = manifest_path.resolve().parent / raw
    resolved = candidate.resolve()  # follows symlinks, so a link out of the roots is caught too
    if not any(resolved.is_relative_to(root) for root in content_roots(manifest_path)):
        return None, f"asset path '{raw}' leaves the content folders"
    if not resolved.is_file():
        return None, f"asset file '{raw}' does not exist"
    return resolved, ""


def gltf_references(model: Path) -> list[str]:
    """The external URIs (buffers, images) a .gltf or .glb names; data: URIs are inline."""
    try:
        if model.suffix.lower() == ".glb":
            with model.open("rb") as f:
                header = f.read(20)
                if len(header) < 20 or header[:4] != b"glTF":
                    raise ValueError("not a binary glTF file")
                length, kind = struct.unpack("<II", header[12:20])
                if kind != 0x4E4F534A:  # 'JSON'
                    raise ValueError("first chunk of the .glb is not JSON")
                gltf = json.loads(f.read(length))
        else:
            gltf = json.loads(model.read_text("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"model '{model.name}' is not a readable glTF file: {exc}") from None
    uris = [item.get("uri") for key in ("buffers", "images") for item in gltf.get(key, [])]
    return [u for u in uris if isinstance(u, str) and not u.startswith("data:")]
