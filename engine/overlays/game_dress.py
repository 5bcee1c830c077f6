"""A visitor's game while events are on: the scene's own game with each active event's stamps,
quizzes and badges added, and the scene seen with the events' POIs (a stamp of an event is for
one of its POIs). Made when a visitor starts, from the events on at that moment."""
from __future__ import annotations

from engine.game.schema import GameContent
from engine.manifest.scene_schema import SceneManifest
from engine.overlays.loader import Event


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
    return base.model_copy(update={
        "checkins": list(base.checkins) + [c for g in games for c in g.checkins],
        "quizzes": list(base.quizzes) + [q for g in games for q in g.quizzes],
        "badges": list(base.badges) + [b for g in games for b in g.badges],
    }), scene
