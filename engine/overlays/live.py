"""Overlays on a live scene: applied and removed as layers while it is shown, as the injected
clock passes their dates, so a kiosk running across midnight into an event's first day dresses
itself without a restart, and takes the dress off again when the event is over.

The scene is anything with add_layer / remove_layer / set_standing_light and its ground and
projection (engine.world.nodes.live_scene.LiveScene); nothing here touches Panda3D itself.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Callable

from engine.overlays.resolve import BY_CALENDAR, Choice, active

if TYPE_CHECKING:  # the loader (and the game's checks it imports) only where events are loaded
    from engine.overlays.loader import Event

log = logging.getLogger("ludao.overlays")


class OverlayController:
    def __init__(self, scene, events: list[Event], clock: Callable[[], datetime], choice: Choice = BY_CALENDAR):
        self.scene = scene
        self.events = events
        self.clock = clock
        self.choice = choice
        self.applied: dict[str, list[str]] = {}  # event id -> its layer names in the scene, in order
        self._own_light = (scene.manifest.sky.time_of_day, scene.manifest.sky.haze)
        self.update()

    @property
    def active_ids(self) -> list[str]:
        return list(self.applied)

    def update(self) -> bool:
        """Bring the scene in line with the overlays on now. True when something changed."""
        wanted = active(self.events, self.scene.manifest.id, self.clock(), self.choice)
        wanted_ids = [e.id for e in wanted]
        if wanted_ids == list(self.applied):
            return False
        # take off everything from the first difference on, then put on in order: the layers'
        # draw order (and so the frame) is then the same as a fresh start with these events
        keep = 0
        for old, new in zip(self.applied, wanted_ids):
            if old != new:
                break
            keep += 1
        for event_id in list(self.applied)[keep:][::-1]:
            for name in reversed(self.applied.pop(event_id)):
                self.scene.remove_layer(name)
            log.info("event overlay '%s' removed from scene '%s'", event_id, self.scene.manifest.id)
        for event in wanted[keep:]:
            names = []
            from engine.overlays.plan import overlay_layers  # with the kit (trimesh): only when an event is on
            for layer in overlay_layers(event, self.scene.manifest, self.scene.projection, self.scene.ground):
                self.scene.add_layer(layer)
                names.append(layer.name)
            self.applied[event.id] = names
            log.info("event overlay '%s' applied to scene '%s'", event.id, self.scene.manifest.id)
        self._light(wanted)
        return True

    def _light(self, wanted: list[Event]) -> None:
        lit = [e.overlay.lighting for e in wanted if e.overlay.lighting is not None]
        if lit:  # the last applied wins
            self.scene.set_standing_light(lit[-1].time_of_day, lit[-1].haze)
        else:
            self.scene.set_standing_light(*self._own_light)

    def active_events(self) -> list[Event]:
        by_id = {e.id: e for e in self.events}
        return [by_id[event_id] for event_id in self.applied]

    def banners(self, lang: str) -> list[str]:
        return [getattr(b.text, lang) for event in self.active_events() for b in event.overlay.banners]

    def close(self) -> None:
        self.choice = Choice(("none",))
        self.update()
