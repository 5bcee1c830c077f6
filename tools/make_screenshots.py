"""Author-time tool: the README's screenshots, rendered offscreen from the shipped content.

    python tools/make_screenshots.py      # writes docs/images/*.png
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.game.loader import load_game  # noqa: E402
from engine.game.rules import GameProgress  # noqa: E402
from engine.rendering import OffscreenRenderer  # noqa: E402
from engine.settings import Settings  # noqa: E402
from engine.ui.passport import Passport  # noqa: E402

OUT = ROOT / "docs" / "images"


def main() -> None:
    settings = Settings(data_dir=Path(tempfile.mkdtemp()), size=(1280, 720), lang="zh", event_ids=("none",))
    renderer = OffscreenRenderer(settings)
    try:
        for scene in ("gulangyu", "shapowei", "yundang"):
            view, _ = renderer.open(scene)
            view.save_png(OUT / f"{scene}.png")
            if scene == "gulangyu":
                game, _ = load_game(ROOT / "scenes" / scene / "game.yaml", ROOT / "scenes")
                stamps = {c.id for c in game.checkins[:6]}
                badges = {b.id for b in game.badges[:1]}
                passport = Passport(renderer.base.aspect2d, game, view.built.manifest.name, "zh")
                passport.show(GameProgress(stamps=stamps, badges=badges, score=95))
                view.save_png(OUT / "passport.png")
                passport.hide()
            view.detach()
    finally:
        renderer.close()
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
