"""Verify a souvenir from a file: a certificate text file, or a postcard image (PNG, or a photo
of one) whose QR code holds the certificate. The kind is told from the file's first bytes, not
its name. Every message starts with the file's path."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from engine.souvenir.certificate import MAX_TEXT, VerifyResult, VerifyStatus, verify
from engine.souvenir.keys import Keyring

MAX_FILE_BYTES = 50 * 1024 * 1024   # a postcard PNG is well under 2 MB; a certificate file under 10 kB
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"BM", b"RIFF", b"II*\x00", b"MM\x00*")


def verify_file(path: str | Path, ring: Keyring) -> VerifyResult:
    path = Path(path)
    text, problem = _certificate_text(path)
    if text is None:
        return VerifyResult(VerifyStatus.MALFORMED, f"{path}: {problem}")
    result = verify(text, ring)
    return replace(result, message=f"{path}: {result.message}")


def _certificate_text(path: Path) -> tuple[str | None, str | None]:
    try:
        size = path.stat().st_size
        if not path.is_file():
            return None, "not a file"
        if size > MAX_FILE_BYTES:
            return None, f"{size} bytes is too large for a certificate or a postcard"
        with open(path, "rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        return None, "no such file"
    except OSError as exc:
        return None, f"cannot read the file ({exc.strerror or exc})"
    if head.startswith(_IMAGE_MAGIC):
        return _from_image(path)
    if size > 4 * MAX_TEXT:
        return None, f"{size} bytes is too large for a certificate file"
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "neither a certificate (UTF-8 text) nor a postcard image"
    except OSError as exc:
        return None, f"cannot read the file ({exc.strerror or exc})"
    return text.strip(), None


def _from_image(path: Path) -> tuple[str | None, str | None]:
    from PIL import Image, UnidentifiedImageError

    from engine.souvenir.postcard import read_certificate_from_png
    try:
        text = read_certificate_from_png(path)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        return None, f"cannot read the image ({exc})"
    if text is None:
        return None, "no readable QR code in the image (is it a Ludao postcard, sharp and whole?)"
    return text, None
