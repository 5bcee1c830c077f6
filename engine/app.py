"""The composition root: a scene in a window with free navigation, POI picking and info cards.

Input, one gesture set for mouse, touch and keys:
- drag (left mouse or a finger): orbit around the pivot, or look around when walking or flying
- tap/click a pin: its info card opens and the camera orbits that POI
- wheel: zoom; W/A/S/D or arrows: move; Q/E: down/up (fly)
- 1/2/3 or the on-screen buttons: orbit / walk / fly; V or the button: next viewpoint; L: language
"""
from __future__ import annotations

import os
import sys

from panda3d.core import KeyboardButton

from engine.errors import MissingCapability
from engine.navigation import Navigator
from engine.picking import MarkerPicker
from engine.scene_view import SceneView
from engine.settings import Settings
from engine.ui.hud import Hud
from engine.ui.info_card import InfoCard
from engine.world.plan.anchors import marker_anchor

CLICK_SLOP_PX = 6  # a press and release closer than this is a tap, not a drag


class PlaySession:
    def __init__(self, base, built, lang: str, view_id: str | None = None, tour=None, game=None):
        self.base = base
        self.lang = lang
        self.view = SceneView(base, built)
        self.nav = Navigator(self.view.rig, built.ground, built.manifest.extent_m)
        self.go_to_view(self.view.viewpoint(view_id) if view_id else self.view.default_view())
        self.picker = MarkerPicker(base.camera, self.view.built.root)
        self.card = InfoCard(base.aspect2d, lang)
        self.hud = Hud(base.aspect2d, built.manifest, lang, on_mode=self.set_mode, on_next_view=self.next_view)
        self.view_index = 0
        self._press = None
        self._last = None
        self.play = None
        if game is not None:  # a GameSession: stamps, finds, quizzes, passport and toasts
            self._start_game(game)
        self.guided = None
        if tour is not None:  # (tour, path, log path, from step): the tour steers until it hands over
            from engine.tour_playback import TourPlayback
            self.guided = TourPlayback(base, self.view, tour[0], tour[1], lang, log_path=tour[2],
                                       on_free_roam=self._tour_handed_over, from_step=tour[3],
                                       on_event=self.game_event if self.play else None)
        self._bind_input()
        base.task_mgr.add(self._frame, "ludao-play")

    def _start_game(self, game) -> None:
        from direct.gui.DirectGui import DirectButton

        from engine.game.collectible_nodes import build_collectibles
        from engine.ui.fonts import ui_font
        from engine.ui.passport import TITLE, Passport
        from engine.ui.toasts import Toasts
        self.play = game
        self.collectibles = build_collectibles(self.view.built.root, game.collectible_points)
        self.toasts = Toasts(self.base.aspect2d)
        self.passport = Passport(self.base.aspect2d, game.game, self.view.built.manifest.name, self.lang)
        from engine.ui.question_panel import QuestionPanel
        self.quiz_panel = QuestionPanel(self.base.aspect2d, self._answer_quiz)
        self.open_quiz = None
        self.passport_button = DirectButton(
            parent=self.base.aspect2d, text=TITLE[self.lang], text_font=ui_font(), text_scale=0.05,
            text_fg=(1, 1, 1, 1), frameSize=(-0.2, 0.2, -0.055, 0.055), frameColor=(0.78, 0.12, 0.12, 0.95),
            pos=(1.5, 0, 0.9), command=self.toggle_passport)
        self._since_position = 0.0

    def ask_quiz(self, poi_id: str) -> None:
        """Free roaming: the first unanswered quiz about this POI, on large buttons."""
        quiz = self.play.quiz_for(poi_id)
        if quiz is None:
            return
        self.open_quiz = quiz.id
        self.quiz_panel.show(getattr(quiz.question, self.lang), [(o.id, getattr(o.text, self.lang)) for o in quiz.options])
        print(f"quiz\t{quiz.id}", flush=True)

    def _answer_quiz(self, option_id: str) -> None:
        quiz_id, self.open_quiz = self.open_quiz, None
        self.quiz_panel.hide()
        if quiz_id is not None:
            self.game_event({"t": self._clock(), "type": "quiz_answer", "quiz": quiz_id, "option": option_id})
            self.toasts.show(self.play.explanation(quiz_id), colour=(0.15, 0.18, 0.24, 0.92))

    def toggle_passport(self) -> None:
        if self.passport.visible:
            self.passport.hide()
        else:
            self.passport.show(self.play.progress, self._best())

    def _best(self) -> list:
        store = self.play.store
        return store.leaderboard("scene", self.view.built.manifest.id, limit=5) if store is not None else []

    def game_event(self, event: dict) -> list[dict]:
        """Feed one visit event to the game; show what it earned. Returns the game's events."""
        from engine.game.collectible_nodes import remove_found
        gained = self.play.handle(event)
        for out in gained:
            text = self.play.message(out)
            if text:
                self.toasts.show(text)
            if out["type"] == "collectible":
                remove_found(self.collectibles, out["id"])
            print(f"game\t{out['type']}\t{out.get('id', out.get('quiz', out.get('total', '')))}", flush=True)
        if gained:
            from engine.ui.passport import TITLE
            self.passport_button["text"] = f"{TITLE[self.lang]} {self.play.progress.score}"
        if gained and self.passport.visible:
            self.passport.show(self.play.progress, self._best())
        return gained

    @property
    def steered(self) -> bool:
        return self.guided is not None and self.guided.steering

    def _tour_handed_over(self) -> None:
        """The tour ended in free roaming: the visitor navigates from where the camera is."""
        self.nav.set_mode("orbit")
        self.hud.show_mode("orbit")
        print("tour\tfree_roam", flush=True)

    def _bind_input(self) -> None:
        b = self.base
        b.accept("mouse1", self._on_press)
        b.accept("mouse1-up", self._on_release)
        b.accept("wheel_up", self._zoom, [1])
        b.accept("wheel_down", self._zoom, [-1])
        for key, mode in (("1", "orbit"), ("2", "walk"), ("3", "fly")):
            b.accept(key, self.set_mode, [mode])
        b.accept("v", self.next_view)
        b.accept("l", self.toggle_language)
        b.accept("escape", self.card.hide)

    # --- actions ---------------------------------------------------------------------------------
    def _zoom(self, steps: int) -> None:
        if not self.steered:
            self.nav.zoom(steps)

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

    def go_to_view(self, vp) -> None:
        """Stand at a viewpoint, orbiting what it looks at."""
        self.view.go_to_view(vp)
        self.nav.orbit_around(self.view.target_of(vp))

    def toggle_language(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"
        self.hud.set_language(self.lang)
        poi = self.card.poi
        self.card.destroy()
        self.card = InfoCard(self.base.aspect2d, self.lang)
        if poi:
            self.card.show(poi)

    def open_poi(self, poi_id: str) -> None:
        built = self.view.built
        poi = next(p for p in built.manifest.pois if p.id == poi_id)
        self.card.show(poi)
        if self.steered:
            return  # the card opens, but the tour keeps the camera
        x, y, z = marker_anchor(poi, built.projection, built.ground)
        self.nav.orbit_around((x, y, z - poi.marker_m * 0.5))
        self.hud.show_mode("orbit")
        print(f"poi\t{poi.id}\t{getattr(poi.name, self.lang)}", flush=True)

    def click(self, ndc_x: float, ndc_y: float) -> str | None:
        hit = self.picker.pick_any(self.base.camNode, ndc_x, ndc_y)
        if hit is None:
            return None
        kind, item = hit
        if kind == "poi":
            self.open_poi(item)
            if self.play:
                self.game_event({"t": self._clock(), "type": "poi_tap", "poi": item})
                if not self.steered:
                    self.ask_quiz(item)
        elif self.play:
            self.game_event({"t": self._clock(), "type": "collectible_click", "collectible": item})
        return item

    def _clock(self) -> float:
        return self.base.clock.get_frame_time()

    # --- input plumbing ------------------------------------------------------------------------
    def _mouse(self):
        watcher = self.base.mouseWatcherNode
        if not watcher.has_mouse():
            return None
        m = watcher.get_mouse()
        return m.x, m.y

    def _to_pixels(self, ndc):
        return ndc[0] * self.base.win.get_x_size() / 2, ndc[1] * self.base.win.get_y_size() / 2

    def _on_press(self) -> None:
        if self.base.mouseWatcherNode.is_over_region():
            return  # on a button: DirectGui handles it
        self._press = self._last = self._mouse()

    def _on_release(self) -> None:
        press, last, now = self._press, self._last, self._mouse()
        self._press = self._last = None
        if press is None or now is None:
            return
        (px, py), (nx, ny) = self._to_pixels(press), self._to_pixels(now)
        if abs(nx - px) <= CLICK_SLOP_PX and abs(ny - py) <= CLICK_SLOP_PX:
            self.click(*now)
        elif not self.steered:  # a quick flick can end before the next frame: apply what moved since the last one
            lx, ly = self._to_pixels(last)
            self.nav.drag(nx - lx, ny - ly)

    def _frame(self, task):
        dt = min(self.base.clock.get_dt(), 0.1)
        if self.play is not None:
            self._game_frame(dt)
        if self.guided is not None:
            self.guided.tick(dt)
            if self.guided.steering:
                return task.cont
        now = self._mouse()
        if self._press is not None and now is not None and self._last is not None:
            (lx, ly), (nx, ny) = self._to_pixels(self._last), self._to_pixels(now)
            if (nx, ny) != (lx, ly):
                self.nav.drag(nx - lx, ny - ly)
            self._last = now
        down = self.base.mouseWatcherNode.is_button_down
        key = KeyboardButton.ascii_key
        forward = (down(key("w")) or down(KeyboardButton.up())) - (down(key("s")) or down(KeyboardButton.down()))
        right = (down(key("d")) or down(KeyboardButton.right())) - (down(key("a")) or down(KeyboardButton.left()))
        up = down(key("e")) - down(key("q"))
        if forward or right or up:
            self.nav.move(forward, right, up, dt)
        return task.cont


    def _game_frame(self, dt: float) -> None:
        from engine.game.collectible_nodes import spin
        spin(self.collectibles, dt)
        self.toasts.advance(dt)
        self._since_position += dt
        if self._since_position >= 0.25 and not self.steered:  # free roaming: where the visitor is
            self._since_position = 0.0
            p = self.view.rig.position
            self.game_event({"t": self._clock(), "type": "camera", "pos": [p.x, p.y, p.z]})


def has_display(environ=os.environ) -> bool:
    if sys.platform.startswith("linux"):
        return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    return True


def play(settings: Settings, scene: str, *, view: str | None = None, mode: str = "window", max_frames: int = 0,
         tour=None, resume_code: str | None = None) -> int:
    if not has_display():
        raise MissingCapability("no display found (DISPLAY is not set). Run it on a desktop or under Xvfb "
                                "(xvfb-run -a python run_tour.py play ...), or render PNGs instead: "
                                "python run_tour.py render SCENE --out FILE.png")
    from engine.display.base import make_base
    from engine.scene_library import find_scene
    from engine.world.library import get_scene
    from engine.world.cache import SceneCache

    manifest = find_scene(scene, settings.scenes_dir)
    try:
        base = make_base(offscreen=False, size=settings.size, fullscreen=(mode == "kiosk"))
    except Exception as exc:  # Panda3D raises a bare Exception when no window can be opened
        raise MissingCapability(f"could not open a window ({exc}); use `render` for offscreen output") from None
    cache = SceneCache(settings.cache_dir) if settings.use_cache else None
    built, report = get_scene(manifest, base.loader, cache)
    print(f"scene\t{built.manifest.id}\t{'cache' if report.from_cache else 'built'}\t{report.seconds:.2f}s", flush=True)
    from engine.game.session import GameSession, game_for
    from engine.visit import open_store
    game_content = game_for(manifest, manifest.parent.parent)  # the scene's own folder of scenes
    game = None
    if game_content is not None:
        game = GameSession(game_content, built.manifest, built.ground, lang=settings.lang, store=open_store(settings),
                           resume_code=resume_code)
        print(f"visit\t{game.session.resume_code}", flush=True)  # the code a visitor can resume with
    session = PlaySession(base, built, settings.lang, view, tour=tour, game=game)
    if max_frames:
        for _ in range(max_frames):
            base.task_mgr.step()
    else:
        base.run()
    del session
    base.destroy()
    return 0
