"""`validate`: check content files (all shipped content when no path is given)."""
from __future__ import annotations

from pathlib import Path

from engine.diagnostics import ContentError, Diagnostic
from engine.manifest.read_once import files_read_once
from engine.manifest.scene_loader import load_scene
from engine.game.loader import GAME_FILE, game_files, load_game
from engine.kiosk.config import CONFIG_FILE as KIOSK_FILE, load_kiosk
from engine.kiosk.hall_config import CONFIG_FILE as HALL_FILE, load_hall
from engine.game.tour_links import check_tour_quizzes
from engine.settings import Settings
from engine.text_fit_check import check_event_texts, check_game_texts, check_scene_texts, check_tour_texts
from engine.tour.loader import TOUR_SUFFIX, load_tour, tour_files
from engine.manifest.scene_schema import SceneManifest
from engine.overlays.files import SUFFIX as EVENT_SUFFIX, event_files
from engine.overlays.loader import load_event
from engine.terrain_checks import check_on_terrain, facts_for_checks
from engine.tour.world import TourWorld
from engine.tour_comfort_check import check_comfort
from engine.world.plan.facts import SceneFacts


def content_files(paths: list[Path], settings: Settings) -> list[Path]:
    if not paths:
        # the kiosk.yaml and hall.yaml beside the scenes folder, if any
        configs = [settings.scenes_dir.parent / name for name in (KIOSK_FILE, HALL_FILE)]
        return (sorted(settings.scenes_dir.glob("*/scene.yaml")) + game_files(settings.scenes_dir)
                + event_files(settings.scenes_dir) + tour_files(settings.scripts_dir)
                + [path for path in configs if path.is_file()])
    found = []
    for path in paths:
        if path.is_dir():
            found += (sorted(path.rglob("scene.yaml")) + sorted(path.rglob(f"*{GAME_FILE}"))
                      + sorted(path.rglob(f"*{EVENT_SUFFIX}")) + sorted(path.rglob(f"*{TOUR_SUFFIX}"))) or [path]
        else:
            found.append(path)
    return found


def validate_file(path: Path, settings: Settings, facts: dict[Path, SceneFacts | None] | None = None) -> list[Diagnostic]:
    """Every problem of one content file (a tour's warnings too); [] when it is clean. `facts` keeps
    each scene's planned facts between the files of one run (planning them takes most of a second)."""
    facts = {} if facts is None else facts
    try:
        if path.name.endswith(TOUR_SUFFIX):
            tour, doc, warnings = load_tour(path, settings.scenes_dir)
            manifest = settings.scenes_dir / tour.scene / "scene.yaml"
            scene, _ = load_scene(manifest)
            found = _facts_of(manifest, scene, facts)
            comfort = check_comfort(doc, tour, TourWorld(scene, found.clearance()), path) if found else []
            return warnings + comfort + check_tour_texts(tour, doc)
        if path.name.endswith(EVENT_SUFFIX):
            # an overlay in <scenes>/events/ dresses the scenes beside that folder
            scenes_dir = path.parent.parent if path.resolve().parent.name == "events" else settings.scenes_dir
            event, doc = load_event(path, scenes_dir)
            return doc.warnings + check_event_texts(event.overlay, doc)
        if path.name == KIOSK_FILE or path.name.endswith("." + KIOSK_FILE):  # kiosk.yaml, or <name>.kiosk.yaml
            _, doc = load_kiosk(path, settings.scenes_dir)
            return doc.warnings
        if path.name == HALL_FILE or path.name.endswith("." + HALL_FILE):  # hall.yaml, or <name>.hall.yaml
            _, doc = load_hall(path, settings.scenes_dir, settings.scripts_dir)
            return doc.warnings
        if path.name == GAME_FILE or path.name.endswith("." + GAME_FILE):  # game.yaml, or <name>.game.yaml
            game, doc = load_game(path, settings.scenes_dir)
            return (doc.warnings + check_tour_quizzes(doc, game, settings.scripts_dir, settings.scenes_dir)
                    + check_game_texts(game, doc))
        scene, doc = load_scene(path)
        found = _facts_of(path, scene, facts)
        return doc.warnings + (check_on_terrain(scene, doc, found) if found else []) + check_scene_texts(scene, doc)
    except ContentError as exc:
        return exc.diagnostics


def _facts_of(manifest: Path, scene: SceneManifest, facts: dict[Path, SceneFacts | None]) -> SceneFacts | None:
    key = manifest.resolve()
    if key not in facts:
        facts[key] = facts_for_checks(scene)
    return facts[key]


def validate_paths(paths: list[Path], settings: Settings) -> tuple[list[Diagnostic], int]:
    files = content_files(paths, settings)
    diagnostics: list[Diagnostic] = []
    facts: dict[Path, SceneFacts | None] = {}
    with files_read_once():  # games and events read tours and scenes again: parse each file once
        for path in files:
            if path.is_dir():
                diagnostics.append(Diagnostic(str(path), 1, 1, "C002", "no scene.yaml found in this folder"))
                continue
            diagnostics += validate_file(path, settings, facts)
    return diagnostics, len(files)
