"""A visit in a display: it answers the visitor's intents (engine.display.input_map), moves the
camera, picks what was tapped, feeds the game and hands the camera back and forth with a tour.

It builds no widget itself: the HUD, the info card, the game's HUD and the tour's stage are the UI
modules' own; the session only tells them what happened and which language to speak.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.display.base import Display
from engine.display.navigation import Navigator
from engine.display.picking import MarkerPicker
from engine.display.pointer import MAX_DT_S
from engine.display.scene_view import SceneView
from engine.play.protocol import VisitLines
from engine.ui.event_banner import EventBanner
from engine.ui.hud import Hud
from engine.ui.info_card import InfoCard
from engine.ui.visible_text import visible_texts
from engine.world.plan.anchors import marker_anchor

if TYPE_CHECKING:
    from engine.game.session import GameSession
    from engine.manifest.scene_schema import Viewpoint
    from engine.tour.schema import Tour
    from engine.world.nodes.live_scene import LiveScene

TASK = "ludao-play"


@dataclass
class TourRequest:
    """A guided tour to play: it steers the camera until it hands over to free roaming."""
    tour: Tour
    path: Path
    log_path: Path | None = None
    from_step: str | None = None

    @classmethod
    def of(cls, value) -> "TourRequest | None":
        """From the command line's (tour, path, log path, from step) tuple, or None."""
        if value is None or isinstance(value, cls):
            return value
        return cls(*value)


class PlaySession:
    def __init__(self, display: Display, built: LiveScene, lang: str, view_id: str | None = None, *,
                 tour: TourRequest | tuple | None = None, game: GameSession | None = None,
                 new_game: Callable[[], GameSession] | None = None, lines: VisitLines | None = None,
                 kiosk: bool = False, on_finish: Callable[[], None] | None = None):
        """game: a GameSession (engine.game.session) or None; new_game: makes the next visitor's game
        (sharing the store) when reset() starts a new visit. The session owns both games' store.
        kiosk: a touch screen's HUD (its help speaks of touch, and a language button); on_finish: the
        kiosk's "Finish" button ends the visit through it."""
        self.display = display
        self.lines = lines or VisitLines()
        self.start_lang = self.lang = lang
        self.view = SceneView(display.base, built)
        self.nav = Navigator(self.view.rig, built.ground, built.manifest.extent_m)
        self.start_view = self.view.viewpoint(view_id) if view_id else self.view.default_view()
        self.view_index = 0
        self.go_to_view(self.start_view)
        self.picker = MarkerPicker(display.camera, built.root)
        self.card = InfoCard(display.overlay, lang)
        self.hud = Hud(display.overlay, built.manifest, lang, on_mode=self.set_mode, on_next_view=self.next_view,
                       touch=kiosk, vr=display.kind == "vr", on_language=self.toggle_language if kiosk else None,
                       on_finish=on_finish, on_zoom=self.zoom if kiosk else None)
        self.banner = EventBanner(display.overlay, lang)
        self.new_game = new_game
        self.game = None
        if game is not None:  # stamps, finds, quizzes, passport and toasts
            self._link_game(game)
        self.guided = None
        self.tour_request = TourRequest.of(tour)
        if self.tour_request is not None:
            self._start_tour(self.tour_request)
        self.input = display.attach_input(self, built)  # a window's pointer and keys; a headset's rays too
        display.task_mgr.add(self._frame, TASK)
        self.closed = False

    def show_banners(self, banners: list[dict]) -> None:
        """The banners of the events on now ({zh, en} each; [] for none): standing at the top centre,
        the toasts under them."""
        self.banner.set_banners(banners)
        self._toasts_below_banner()

    def _toasts_below_banner(self) -> None:
        if self.game is not None:
            self.game.hud.toasts.below_banner(self.banner.height if self.banner.shown else 0.0)

    def _link_game(self, game: GameSession) -> None:
        from engine.play.game_link import GameLink
        self.game = GameLink(game, self.view, self.display.overlay, self.lines, self.display.frame_time)
        self._toasts_below_banner()

    # --- the tour ------------------------------------------------------------------------------
    def _start_tour(self, request: TourRequest) -> None:
        from engine.play.tour_playback import TourPlayback
        self.guided = TourPlayback(self.display.overlay, self.view, request.tour, request.path, self.lang,
                                   log_path=request.log_path, on_free_roam=self._tour_handed_over,
                                   from_step=request.from_step, on_event=self.game.handle if self.game else None,
                                   right_answers=self.game.right_answers if self.game else None)
        if self.game is not None:  # what the game earns on the store's thread lands in the log too
            self.game.landed = self.guided.log_events

    @property
    def steered(self) -> bool:
        return self.guided is not None and self.guided.steering

    def _tour_handed_over(self) -> None:
        """The tour ended in free roaming: the visitor navigates from where the camera is."""
        self.nav.set_mode("orbit")
        self.hud.show_mode("orbit")
        self.lines.tour_free_roam()

    def stop_tour(self) -> None:
        if self.guided is not None:
            self.guided.close()
            self.guided = None

    # --- intents: navigation -------------------------------------------------------------------
    def drag(self, dx_px: float, dy_px: float) -> None:
        if not self.steered:
            self.nav.drag(dx_px, dy_px)

    def zoom(self, steps: float) -> None:
        if not self.steered:
            self.nav.zoom(steps)

    def move(self, forward: float, right: float, up: float, dt: float) -> None:
        if not self.steered:
            self.nav.move(forward, right, up, dt)

    def set_mode(self, mode: str) -> None:
        if self.steered:
            return
        self.nav.set_mode(mode)
        self.hud.show_mode(mode)

    def next_view(self) -> None:
        if self.steered:
            return
        views = self.view.built.manifest.viewpoints
        self.view_index = (self.view_index + 1) % len(views)
        self.go_to_view(views[self.view_index])
        self.hud.show_mode("orbit")

    def go_to_view(self, vp: Viewpoint) -> None:
        """Stand at a viewpoint, orbiting what it looks at."""
        self.view.go_to_view(vp)
        self.nav.orbit_around(self.view.target_of(vp))

    # --- intents: what is on screen ------------------------------------------------------------
    def tap(self, x_ndc: float, y_ndc: float) -> str | None:
        """What is under the point: a pin opens its card and the camera orbits it, a collectible is found."""
        hit = self.picker.pick_any(*self.display.pick_lens(x_ndc, y_ndc))
        if hit is None:
            return None
        self.pick(*hit, orbit=True)
        return hit[1]

    def pick(self, kind: str, item: str, *, orbit: bool = False) -> None:
        """A pin ('poi') or a collectible chosen: tapped, or pointed at in a headset (where the
        view never moves by itself, so the camera stays unless `orbit`). The card opens, the game hears it."""
        if kind == "poi":
            self.open_poi(item, orbit=orbit)
            if self.game:
                self.game.poi_tapped(item, ask_quiz=not self.steered)
        elif self.game:
            self.game.collectible_tapped(item)

    def open_poi(self, poi_id: str, *, orbit: bool = True) -> None:
        built = self.view.built
        try:
            poi = built.find_poi(poi_id)
        except KeyError:  # a pin whose layer went while the finger was down (an event just ended)
            return
        self.card.show(poi)
        if self.steered:
            return  # the card opens, but the tour keeps the camera
        if orbit:
            x, y, z = marker_anchor(poi, built.projection, built.ground)
            self.nav.orbit_around((x, y, z - poi.marker_m * 0.5))
            self.hud.show_mode("orbit")
        self.lines.poi(poi.id, getattr(poi.name, self.lang))

    def close_card(self) -> None:
        self.card.hide()

    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "zh" else "zh")

    def set_language(self, lang: str) -> None:
        """Every text-bearing part of the visit speaks `lang` now, what is on screen included."""
        self.lang = lang
        self.hud.set_language(lang)
        self.banner.set_language(lang)
        self.card.set_language(lang)
        if self.game is not None:
            self.game.set_language(lang)
        if self.guided is not None:
            self.guided.set_language(lang)
        self.lines.language(lang)

    def visible_texts(self) -> list[str]:
        return visible_texts(self.display.overlay)

    def report_texts(self) -> None:
        self.lines.texts(self.visible_texts())

    # --- the visit as a whole ------------------------------------------------------------------
    def reset(self) -> None:
        """Back to the start, for the next visitor: the starting view in orbit mode, no card, quiz,
        passport or toast, no tour, the starting language, and (given new_game) a new game."""
        if self.guided is not None:
            self.stop_tour()
            self.view.built.restore_light()  # a tour may have changed it; an event's evening stays
        self.card.hide()
        if self.game is not None and self.new_game is not None:  # a new visitor: a new game, score 0
            self.game.close(close_store=False)
            self._link_game(self.new_game())
            if self.game.resume_code is not None:
                self.lines.visit(self.game.resume_code)
        elif self.game is not None:
            self.game.reset()
        if self.lang != self.start_lang:
            self.set_language(self.start_lang)
        self.view_index = 0
        self.nav.set_mode("orbit")
        self.go_to_view(self.start_view)
        self.hud.show_mode("orbit")
        self.lines.reset()

    def _frame(self, task):
        dt = min(self.display.frame_dt(), MAX_DT_S)
        self.banner.advance(dt)
        if self.game is not None:
            self.game.frame(dt, None if self.steered else self.view.rig.position)
        if self.guided is not None:
            self.guided.tick(dt)
        return task.cont

    def close(self) -> None:
        """The visit ends: input and tasks stop, the tour log is complete and closed, the store closed."""
        if self.closed:
            return
        self.closed = True
        self.input.destroy()
        self.display.task_mgr.remove(TASK)
        self.stop_tour()
        if self.game is not None:
            self.game.close()
        self.hud.destroy()
        self.banner.destroy()
        self.card.destroy()
        self.picker.destroy()
        self.view.detach()
