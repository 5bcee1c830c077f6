"""A visitor's game while events are on: the scene's own game with each active event's stamps,
quizzes and badges added, and the scene seen with the events' POIs (a stamp of an event is for
one of its POIs). Made when a visitor starts, from the events on at that moment."""
from __future__ import annotations

from engine.game.schema import GameContent
from engine.manifest.scene_schema import SceneManifest
from engine.overlays.loader import Event
from engine.overlays.schema import GAME_PARTS


def dressed_game(content: GameContent | None, scene: SceneManifest,
                 events: list[Event]) -> tuple[GameContent | None, SceneManifest]:
    """(the game, the scene the game measures in). None when neither the scene nor an event has one."""
    games = [e.overlay.game for e in events if e.overlay.game is not None]
    pois = [p for e in events for p in e.overlay.pois]
    if pois:
        scene = scene.model_copy(update={"pois": list(scene.pois) + pois})
    if not games:
        return content, scene
    base = content or GameContent(scene=scene.id)
    return base.model_copy(update={part: list(getattr(base, part)) + [x for g in games for x in getattr(g, part)]
                                   for part in GAME_PARTS}), scene
