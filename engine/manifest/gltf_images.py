"""Textures of a glTF model: each one must decode with Pillow, be PNG or JPEG (glTF 2.0's core
image formats, the ones Panda3D reads), and stay within a pixel limit.

The size is read from the header (Image.open decodes nothing) and refused before any pixel is
decoded, so a small file that claims 30000 x 30000 pixels (a decompression bomb) costs
microseconds; only then is the image decoded in full, which finds a cut or corrupt pixel stream."""
from __future__ import annotations

import io
import warnings

from PIL import Image

from engine.manifest.model_problems import MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, ModelRefused

FORMATS = {"PNG", "JPEG"}
# An embedded image is read by the type its media type names (a file's by its first bytes), so the
# two must agree; Panda3D's JPEG reader takes one or three channels only (no CMYK).
MEDIA_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/jpg": "JPEG"}
JPEG_MODES = {"L", "RGB"}


def check_image(data: bytes, label: str, media_type: str | None = None) -> None:
    """Raises ModelRefused (A006) unless `data` is a usable texture; `label` names it for the author;
    `media_type` is what an embedded image (data: URI or buffer view) declares itself to be."""
    def refuse(why: str) -> ModelRefused:
        return ModelRefused("A006", f"texture {label} cannot be used: {why}")

    if not data:
        raise refuse("the file is empty")
    if len(data) > MAX_IMAGE_BYTES:
        raise refuse(f"{len(data):,} bytes is over the {MAX_IMAGE_BYTES:,}-byte limit")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's DecompressionBombWarning: the limit below decides
        try:
            image = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError:
            raise refuse(f"it claims more than {MAX_IMAGE_SIDE} x {MAX_IMAGE_SIDE} pixels") from None
        except Exception as exc:  # Pillow raises many types for a file it cannot identify
            raise refuse(f"it is not an image Pillow can read ({type(exc).__name__})") from None
        with image:
            width, height = image.size
            if image.format not in FORMATS:
                raise refuse(f"it is {image.format or 'an unknown format'}; glTF textures are PNG or JPEG")
            if media_type is not None and MEDIA_TYPES.get(media_type.lower()) != image.format:
                raise refuse(f"it is declared as {media_type} but is {image.format}")
            if image.format == "JPEG" and image.mode not in JPEG_MODES:
                raise refuse(f"it is a {image.mode} JPEG; save it as RGB or greyscale")
            if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE):
                raise refuse(f"it is {width} x {height} pixels; the limit is {MAX_IMAGE_SIDE} a side")
            try:
                image.load()  # decode every pixel: finds a cut or corrupt stream
            except Exception as exc:
                raise refuse(f"its pixel data is damaged ({type(exc).__name__}: {str(exc)[:80]})") from None
