"""Author-time tool: the side-by-side pictures in docs/images/<scene>-before-after.png. The left
("before") panel is kept from the existing picture; the right one is rendered anew from the
shipped content at the scene's default view, with no event overlay.

    python tools/before_after.py "after (coasts on the outline, OSM roads, the land beyond)"
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.rendering import OffscreenRenderer  # noqa: E402
from engine.settings import Settings  # noqa: E402

OUT = ROOT / "docs" / "images"
PANEL = (960, 540)
LABEL_H, GAP = 24, 10


def main(label: str) -> None:
    settings = Settings(data_dir=Path(tempfile.mkdtemp()), size=PANEL, lang="zh", event_ids=("none",))
    renderer = OffscreenRenderer(settings)
    try:
        for scene in ("gulangyu", "shapowei", "yundang"):
            path = OUT / f"{scene}-before-after.png"
            old = Image.open(path).convert("RGB")
            view, _ = renderer.open(scene)
            fresh = OUT / f".{scene}-after.png"
            view.save_png(fresh)
            view.detach()
            after = Image.open(fresh).convert("RGB")
            fresh.unlink()
            out = old.copy()
            out.paste(Image.new("RGB", (PANEL[0], LABEL_H), "white"), (PANEL[0] + GAP, 0))
            out.paste(after, (PANEL[0] + GAP, LABEL_H))
            ImageDraw.Draw(out).text((PANEL[0] + GAP + 4, 5), f"{scene}: {label}", fill="black")
            out.save(path)
            print(path)
    finally:
        renderer.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "after")
