"""Verify a souvenir from a file: a certificate text file, or a postcard image (PNG, or a photo
of one) whose QR code holds the certificate. The kind is told from the file's first bytes, not
its name. Every message starts with the file's path.

A certificate file holds exactly the certificate's text, optionally followed by one line feed
(what Ludao writes): no byte-order mark, no carriage return, no spaces, no second line. Anything
else is another text of the same certificate, and only one is accepted (see certificate.py).

An image is refused from its header alone, before any pixel is decoded, when it is larger than
MAX_IMAGE_PIXELS or MAX_IMAGE_SIDE (a postcard is 1200x800, a phone photo about 4000x3000).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from engine.souvenir.certificate import MAX_TEXT, VerifyResult, VerifyStatus, verify
from engine.souvenir.image_limits import ImageTooLarge
from engine.souvenir.keys import Keyring

MAX_FILE_BYTES = 50 * 1024 * 1024   # a postcard PNG is well under 2 MB; a certificate file under 10 kB
MAX_IMAGE_PIXELS = 4096 * 4096     # decoded, that is 16 MB grey: a postcard is 1200x800
MAX_IMAGE_SIDE = 8192
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
        data = path.read_bytes()
    except OSError as exc:
        return None, f"cannot read the file ({exc.strerror or exc})"
    return _file_text(data)


def _file_text(data: bytes) -> tuple[str | None, str | None]:
    """The certificate in a file's bytes: the text, then at most one line feed; nothing else."""
    if data.startswith(b"\xef\xbb\xbf"):
        return None, ("the file starts with a byte-order mark; a certificate file holds only the certificate's "
                      "text (and one line feed at most)")
    if b"\r" in data:
        return None, "the file has carriage returns (CRLF); a certificate file holds one line, ending in '\\n' at most"
    body = data[:-1] if data.endswith(b"\n") else data
    try:
        return body.decode("ascii"), None  # the whole format is ASCII; verify refuses any other text
    except UnicodeDecodeError:
        return None, "neither a certificate (a line of text) nor a postcard image"


def _from_image(path: Path) -> tuple[str | None, str | None]:
    from PIL import Image, UnidentifiedImageError

    from engine.souvenir.postcard import read_certificate_from_png
    try:
        text = read_certificate_from_png(path, max_pixels=MAX_IMAGE_PIXELS, max_side=MAX_IMAGE_SIDE)
    except ImageTooLarge as exc:
        return None, str(exc)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        return None, f"cannot read the image ({exc})"
    if text is None:
        return None, "no readable QR code in the image (is it a Ludao postcard, sharp and whole?)"
    return text, None
