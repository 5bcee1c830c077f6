"""Checks and helpers for a visit asked for on the command line (or any other front end): which tour,
which answers, whether a nickname or a souvenir can be granted. They run before the visit starts, so a
request that would fail at the end is refused before the visit writes anything to the database."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from engine.errors import UsageError
from engine.settings import Settings


def parse_answers(items: Iterable[str]) -> dict[str, str]:
    """`QUESTION=OPTION` strings (by ids) as {question: option}; a malformed one is a UsageError."""
    answers: dict[str, str] = {}
    for item in items:
        question, sep, option = item.partition("=")
        if not sep:
            raise UsageError(f"--answer expects QUESTION=OPTION, got '{item}'")
        answers[question] = option
    return answers


def check_nickname(nickname: str) -> None:
    """Refuse a nickname the leaderboard would refuse, before the visit rather than after it."""
    from engine.store import NicknameRefused
    from engine.store.nickname import normalise_nickname
    try:
        normalise_nickname(nickname)
    except NicknameRefused as exc:
        raise UsageError(f"nickname refused: {exc.reason}") from None


def tour_for(settings: Settings, scene_arg: str, tour_id: str):
    """(tour, path, warnings) for the tour `tour_id`, checked to be a tour of the scene `scene_arg`."""
    from engine.scene_library import find_scene
    from engine.tour.library import find_tour
    tour, path, warnings = find_tour(tour_id, settings.scripts_dir, settings.scenes_dir)
    scene_id = find_scene(scene_arg, settings.scenes_dir).parent.name
    if tour.scene != scene_id:
        raise UsageError(f"tour '{tour.id}' is a tour of '{tour.scene}', not of '{scene_id}'")
    return tour, path, warnings


def check_events(settings: Settings, scene_arg: str) -> None:
    """Every forced `--event` must exist and dress the scene (a UsageError naming the scenes it dresses)."""
    if settings.event_ids:
        from engine.overlays.choose import forced_for_scene
        from engine.scene_library import find_scene
        manifest = find_scene(scene_arg, settings.scenes_dir)
        if manifest.name == "scene.yaml":  # its id is its folder's name (C003)
            scene_id = manifest.parent.name
        else:  # a manifest file of another name: its id is what it says
            from engine.manifest.scene_loader import load_scene
            scene_id = load_scene(manifest)[0].id
        forced_for_scene(settings.scenes_dir, scene_id, settings.event_ids, strict=True)


def check_from_step(tour, from_step: str) -> None:
    """A window tour can only start at one of its top-level steps."""
    if from_step not in {s.id for s in tour.steps}:
        raise UsageError(f"tour '{tour.id}' has no top-level step '{from_step}'")


def postcard_view(tour, asked: str | None) -> str | None:
    """The viewpoint on the postcard: the one asked for, else the tour's, else None (the main view)."""
    return asked or tour.postcard_view


def check_souvenir_request(settings: Settings, scene_arg: str, tour, asked_view: str | None) -> None:
    """Refuse a souvenir that could not be written: a scene without game content, an unknown view."""
    from engine.game.loader import GAME_FILE
    from engine.manifest.scene_loader import load_scene
    from engine.scene_library import find_scene
    manifest = find_scene(scene_arg, settings.scenes_dir)
    if not (manifest.parent / GAME_FILE).is_file():
        raise UsageError(f"scene '{tour.scene}' has no game content, so there is no souvenir to write")
    chosen = postcard_view(tour, asked_view)
    known = [vp.id for vp in load_scene(manifest)[0].viewpoints]
    if chosen and chosen not in known:
        raise UsageError(f"scene '{tour.scene}' has no viewpoint '{chosen}' (it has: {', '.join(known)})")


def open_headless_visit(settings: Settings, scene_arg: str, tour, resume_code: str | None):
    """The visit's game and statistics; a refused resume code is the user's mistake (UsageError)."""
    from engine.game.session import ResumeRefused
    from engine.visit import HeadlessVisit
    try:
        return HeadlessVisit.open(settings, scene_arg, tour.scene, resume_code=resume_code)
    except ResumeRefused as exc:
        raise UsageError(str(exc)) from None


def write_souvenir(visit, settings: Settings, scene_arg: str, tour, folder: Path,
                   asked_view: str | None) -> tuple[Path, Path]:
    """Render the postcard's view, then write the visit's postcard and certificate into `folder`."""
    from engine.rendering import render_views
    picture = folder / "view.png"  # the view was checked by check_souvenir_request before the visit ran
    render_views(settings, scene_arg, [(postcard_view(tour, asked_view), picture)])
    return visit.write_souvenir(settings, folder, picture)
