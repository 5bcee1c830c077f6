"""Opening an image someone handed in: its size is judged from the header, before any pixel is
decoded, so a small file that declares a huge image (a pixel bomb) is refused at once and quietly."""
from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image


class ImageTooLarge(ValueError):
    """The image declares more pixels than a souvenir reader decodes."""


def open_bounded(path: str | Path, *, max_pixels: int, max_side: int) -> Image.Image:
    """The image, opened lazily (nothing decoded yet); ImageTooLarge if its declared size is over
    the limits. Pillow's own bomb warning is silenced: our limit is far below its threshold."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        image = Image.open(path)
    width, height = image.size  # from the header
    if width > max_side or height > max_side or width * height > max_pixels:
        image.close()
        raise ImageTooLarge(f"the image is {width}x{height} pixels, larger than a souvenir reader decodes "
                            f"({max_pixels:,} pixels, {max_side} on a side at most; a postcard is 1200x800)")
    return image
