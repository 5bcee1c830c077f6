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
EVENTS = (("yundang", "golden_rooster"), ("shapowei", "xiamen_marathon"))
PREVIEW_S, PREVIEW_FPS = 4.0, 8  # the Marathon's animated preview: seconds and frames a second


def event_pictures(renderer: OffscreenRenderer) -> None:
    """Each event from its first view (docs/images/event-<id>.png) and the Marathon running
    (docs/images/event-xiamen_marathon.webp)."""
    from PIL import Image

    from engine.overlays.live import OverlayController
    from engine.overlays.resolve import Choice
    for scene, event_id in EVENTS:
        view, _ = renderer.open(scene)
        view.overlays.close()
        dressed = OverlayController(view.built, renderer.events(), lambda: None, Choice((event_id,)))
        event = next(e for e in renderer.events() if e.id == event_id)
        view.go_to_view(event.overlay.viewpoints[0])
        view.animation_time = 12.0
        view.save_png(OUT / f"event-{event_id}.png")
        if event_id == "xiamen_marathon":
            frames = []
            for k in range(int(PREVIEW_S * PREVIEW_FPS)):
                view.animation_time = 12.0 + k / PREVIEW_FPS
                view.render_frame()
                frames.append(Image.fromarray(view.pixels()).resize((640, 360), Image.LANCZOS))
            frames[0].save(OUT / f"event-{event_id}.webp", save_all=True, append_images=frames[1:],
                           duration=int(1000 / PREVIEW_FPS), loop=0, quality=70)
        dressed.close()
        view.detach()


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
        event_pictures(renderer)
    finally:
        renderer.close()
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
