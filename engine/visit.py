"""A headless visit: the scene's game and the visit statistics listening to a tour run, saved in
the visitor database of the data folder."""
from __future__ import annotations

import sys
from pathlib import Path

from engine.settings import Settings


class HeadlessVisit:
    def __init__(self, game=None, stats=None, world=None, events=()):
        self.game, self.stats = game, stats
        self.world = world  # the scene's tour world, built once for the game and the tour run
        self.events = list(events)  # the event overlays on at the visit's start: its game, floor and souvenir

    @classmethod
    def open(cls, settings: Settings, scene_arg: str, scene_id: str, resume_code: str | None = None) -> "HeadlessVisit":
        from engine.game.visit_stats import VisitStats
        from engine.overlays.footprints import event_footprints
        from engine.scene_library import find_scene
        from engine.tour_worlds import tour_world
        from engine.world.cache import SceneCache
        manifest = find_scene(scene_arg, settings.scenes_dir)
        events = events_on(settings, scene_id)
        store = open_store(settings)
        # the events' props stand in the tour's way as on screen; their stamps and quizzes join the game
        world = tour_world(manifest, SceneCache(settings.cache_dir) if settings.use_cache else None,
                           dressed_by=lambda scene, facts: event_footprints(events, scene, facts.projection,
                                                                            facts.ground))
        game = visit_game(manifest, world.scene, world.ground, settings.lang, store, events, resume_code)
        session_id = game.session.id if game is not None else None
        return cls(game, VisitStats(store, scene_id, session_id), world, events)

    def right_answers(self) -> dict[str, str]:
        """Question id -> its right option, from the game's quizzes (an unanswered question says it)."""
        return {q.id: q.answer for q in self.game.game.quizzes} if self.game is not None else {}

    def on_event(self, event: dict) -> list[dict]:
        self.stats.handle(event)
        return self.game.handle(event) if self.game is not None else []

    def finish(self) -> None:
        self.stats.finish()

    def write_souvenir(self, settings: Settings, folder: Path, view_image) -> tuple[Path, Path]:
        """The visit's postcard and its signed certificate, written into `folder`."""
        return write_souvenir(settings, self.game, self.events, folder, view_image, settings.lang)

    def sign(self, nickname: str) -> str:
        """Put the visit on the leaderboards under a nickname (refused: UsageError with the reason)."""
        from engine.errors import UsageError
        from engine.store import NicknameRefused
        if self.game is None:
            raise UsageError("this scene has no game, so there is no score to put on a leaderboard")
        try:
            shown = self.game.store.set_nickname(self.game.session.id, nickname)
        except NicknameRefused as exc:
            raise UsageError(f"nickname refused: {exc.reason}") from None
        self.game.store.submit_to_leaderboard(self.game.session.id)
        return shown

    def report(self) -> None:
        if self.game is None:
            return
        p = self.game.progress
        print(f"game\t{len(p.stamps)} stamp(s)\t{len(p.collectibles)} find(s)\t{len(p.badges)} badge(s)"
              f"\tscore {p.score}\tsession {self.game.session.id[:8]} (resume code {self.game.session.resume_code})",
              file=sys.stdout)


def visit_game(manifest_path: Path, scene, ground, lang: str, store, events: list, resume_code: str | None = None):
    """One visitor's game (a GameSession): the scene's game.yaml joined by the games of the events on
    (their stamps, quizzes and badges); None when neither has one. Every front end makes it here: a
    headless visit, `play` and the kiosk. scene: the manifest the game measures in; ground: its floor."""
    from engine.game.session import GameSession, game_for
    from engine.overlays.game_dress import dressed_game
    content, seen = dressed_game(game_for(manifest_path, manifest_path.parent.parent), scene, events)
    if content is None:
        return None
    return GameSession(content, seen, ground, lang=lang, store=store, resume_code=resume_code)


def write_souvenir(settings: Settings, game, events: list, folder: Path, view_image, lang: str, *,
                   verify_url: str | None = None) -> tuple[Path, Path]:
    """A visit's postcard (the view, stamps, badges, date, scene name, a QR code of the whole
    certificate, the frame of an event on) and its signed certificate, written into `folder`.
    game: the visit's GameSession; the date is the store's (injected) clock's. verify_url: the
    published verification page the postcard's QR code opens (kiosk.yaml). Shared by a headless
    visit and the kiosk's end of a visit."""
    from engine.files import atomic_write
    from engine.souvenir.certificate import issue
    from engine.souvenir.keys import Keyring
    from engine.souvenir.postcard import render_postcard
    p, content = game.progress, game.game
    in_order = lambda items, have: [i for i in items if i.id in have]  # noqa: E731
    stamps = in_order(content.checkins, p.stamps)
    badges = in_order(content.badges, p.badges)
    finds = in_order(content.collectibles, p.collectibles)
    ring = Keyring(settings.data_dir)
    today = game.store.today()
    text = issue(ring, scene=game.scene.id, scene_name=game.scene.name, session=game.session.id[:8],
                 stamps=stamps, badges=badges, collectibles=finds, score=p.score, issued=today,
                 events=[e.id for e in events])
    folder.mkdir(parents=True, exist_ok=True)
    certificate = folder / "certificate.txt"
    with atomic_write(certificate) as f:
        f.write(text + "\n")
    postcard = render_postcard(view_image, text, scene_name=game.scene.name, stamps=stamps, badges=badges,
                               collectibles=finds, score=p.score, date=today, lang=lang,
                               out=folder / "postcard.png", key_id=ring.public_key_id, frame=_frame_of(events),
                               verify_url=verify_url)
    return postcard, certificate


def events_on(settings: Settings, scene_id: str) -> list:
    """The event overlays on for a visit of this scene: those forced (`--event`, a tour's event) or
    the calendar's, by the day asked for (`--date`) or now."""
    from engine.errors import UsageError
    from engine.overlays.choose import calendar_clock, forced_for_scene, usable_events
    from engine.overlays.resolve import Choice, active
    events, _ = usable_events(settings.scenes_dir, scene_id)
    try:
        forced = forced_for_scene(settings.scenes_dir, scene_id, settings.event_ids, strict=False)
        return active(events, scene_id, calendar_clock(settings.preview_date)(), Choice(forced))
    except UsageError:  # an unknown --event was refused before the visit; nothing to name here
        return []


def open_store(settings: Settings):
    """The visitor database in the data folder."""
    from engine.store import Store
    from engine.store.timestamps import system_clock
    store = Store(settings.data_dir / "ludao.db", clock=system_clock, kiosk_id=settings.kiosk_id,
                  retention_days=settings.retention_days)
    store.purge()  # every start: visit data past the retention goes
    return store


def _frame_of(events: list) -> dict | None:
    """The postcard frame of the last applied event that has one."""
    frames = [e.overlay.game.postcard_frame for e in events
              if e.overlay.game is not None and e.overlay.game.postcard_frame is not None]
    if not frames:
        return None
    return {"colour": frames[-1].colour, "title": {"zh": frames[-1].title.zh, "en": frames[-1].title.en}}
