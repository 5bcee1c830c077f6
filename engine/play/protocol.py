"""The lines a visit prints on stdout, tab-separated, one event a line. Window tests and a kiosk
supervisor read them: never change a line's fields, add new kinds freely.

    scene   ID  cache|built  1.23s    the scene is ready
    visit   RESUME_CODE               the game's visit started (the code a visitor can resume with)
    poi     ID  NAME                  a POI's card opened by a tap (NAME in the visitor's language)
    quiz    ID                        a quiz was asked
    game    TYPE  ID                  the game awarded something (stamp, badge, quiz_result, ...)
    tour    free_roam                 the tour handed the camera to the visitor
    lang    zh|en                     the language changed
    reset                             the visit went back to its start
    texts   JSON                      every visible text on screen (a list), when asked
    events  ID,ID|-                   the event overlays now on the scene (at the start and at each change)
    quality fast|pbr  RENDERER  WHY   the lighting path the display draws with, on which GL renderer, and why
    xr      KIND  ...                 a VR run's session states, read-backs and frame times (engine.xr.frame_report)
    kiosk   attract SCENE | start LANG | visit SCENE LANG | prompt SECONDS | stay | end WHY
                                      the kiosk's screens (engine.kiosk.flow)
    operator  pad | refused | exit    the operator's PIN pad opened, a wrong PIN, the right one
"""
from __future__ import annotations

import json
import logging
import sys
from typing import TextIO


class VisitLines:
    def __init__(self, stream: TextIO | None = None):
        self.stream = stream  # None: whatever sys.stdout is when a line is written

    def write(self, *fields) -> None:
        out = self.stream or sys.stdout
        out.write("\t".join(str(f) for f in fields) + "\n")
        out.flush()

    def scene(self, scene_id: str, from_cache: bool, seconds: float) -> None:
        self.write("scene", scene_id, "cache" if from_cache else "built", f"{seconds:.2f}s")

    def visit(self, resume_code: str) -> None:
        self.write("visit", resume_code)

    def poi(self, poi_id: str, name: str) -> None:
        self.write("poi", poi_id, name)

    def quiz(self, quiz_id: str) -> None:
        self.write("quiz", quiz_id)

    def game(self, event: dict) -> None:
        self.write("game", event["type"], event.get("id", event.get("quiz", event.get("total", ""))))

    def tour_free_roam(self) -> None:
        self.write("tour", "free_roam")

    def language(self, lang: str) -> None:
        self.write("lang", lang)

    def reset(self) -> None:
        self.write("reset")

    def overlays(self, event_ids: list[str]) -> None:
        self.write("events", ",".join(event_ids) or "-")

    def quality(self, base, *, headset: bool = False, asked: str = "auto") -> None:
        """The lighting path of a display's base (engine.display.lighting); a headset's draws with the fast one."""
        from engine.display.lighting import lighting_of
        lighting = lighting_of(base)
        why = lighting.why
        if headset:  # its eyes draw into the runtime's swapchains: no tonemapping pass there yet
            why = f"{asked} asked for; a headset draws with the fast path" if asked != "fast" else "asked for"
            logging.getLogger("ludao.display").info("lighting: fast in the headset (%s)", why)
        self.write("quality", lighting.quality, lighting.renderer, why)

    def xr(self, *fields) -> None:
        self.write("xr", *fields)

    def texts(self, texts: list[str]) -> None:
        self.write("texts", json.dumps(texts, ensure_ascii=False))
