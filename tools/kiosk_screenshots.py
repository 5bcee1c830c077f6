"""The README's kiosk pictures, from the real kiosk flow drawn offscreen (the same renderer as a
window): the attract loop, the start screen (an event on), "still there?", the end of a visit with
its postcard, the name picker and the operator's PIN pad. Run: python tools/kiosk_screenshots.py [--out docs/images]
[--size 1280x720]. Uses a scratch data folder, so no visitor database is touched."""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--date", default="2024-11-14", help="the day the calendar is read for (an event on)")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    from engine.display.offscreen import OffscreenDisplay
    from engine.kiosk.config import load_kiosk
    from engine.kiosk.flow import KioskFlow
    from engine.kiosk.run import game_maker, scene_cards
    from engine.kiosk.scene_loading import scene_loader
    from engine.kiosk.status import status_lines
    from engine.overlays.calendar import preview_moment
    from engine.play.protocol import VisitLines
    from engine.settings import Settings
    from engine.visit import open_store
    from engine.world.plan.anchors import marker_anchor

    data = Path(tempfile.mkdtemp(prefix="ludao-shots-"))
    settings = Settings(scenes_dir=ROOT / "scenes", data_dir=data, preview_date=args.date, mute=True)
    kiosk, _ = load_kiosk(ROOT / "kiosk.yaml", settings.scenes_dir)
    display = OffscreenDisplay.open((width, height))
    store = open_store(settings)
    now = [0.0]
    started = time.monotonic()
    flow = KioskFlow(display, settings, kiosk, lines=VisitLines(io.StringIO()),
                     load_scene=scene_loader(display, settings, kiosk.scenes, VisitLines(io.StringIO())),
                     make_game=game_maker(settings, kiosk, store),
                     scene_cards=lambda: scene_cards(settings, kiosk.scenes, preview_moment(args.date)),
                     status_lines=lambda: status_lines(started_at=started, data_dir=data, store=store,
                                                       kiosk_id=settings.kiosk_id), clock=lambda: now[0])
    args.out.mkdir(parents=True, exist_ok=True)

    def shot(name: str, seconds: float = 0.0) -> None:
        now[0] += seconds
        display.step()
        display.save_png(args.out / name)
        print(args.out / name)

    try:
        shot("kiosk-attract.png", 5.0)
        display.base.messenger.send("mouse1")
        flow.choose_language("en")
        shot("kiosk-start-en.png", 0.5)
        flow.choose_language("zh")
        shot("kiosk-start.png", 0.1)
        flow.choose_language("en")
        flow.start_visit("gulangyu")
        session = flow.session
        for poi in session.view.built.manifest.pois[:3]:  # three pins tapped: their stamps
            x, y = session.view.project(marker_anchor(poi, session.view.built.projection, session.view.built.ground))
            session.tap(x / width * 2 - 1, 1 - y / height * 2)
            session.close_card()
        session.go_to_view(session.start_view)
        shot("kiosk-still-there.png", kiosk.config.idle_s + 2)
        flow.stay()
        flow.finish_visit()
        while flow.ending.writing is not None:  # the postcard is drawn on a worker
            now[0] += 0.1
            display.step()
        shot("kiosk-postcard.png", 0.1)
        flow.ending.open_picker()
        shot("kiosk-nickname.png", 0.1)
        flow.ending.close_picker()
        flow.open_pad()
        shot("kiosk-pin.png", 0.1)
    finally:
        flow.close()
        store.close()
        display.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
