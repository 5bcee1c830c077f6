"""`validate`: check content files (all shipped content when no path is given)."""
from __future__ import annotations

from pathlib import Path

from engine.diagnostics import ContentError, Diagnostic
from engine.manifest.scene_loader import load_scene
from engine.game.loader import GAME_FILE, game_files, load_game
from engine.game.tour_links import check_tour_quizzes
from engine.settings import Settings
from engine.text_fit_check import check_game_texts, check_scene_texts, check_tour_texts
from engine.tour.loader import TOUR_SUFFIX, load_tour, tour_files
from engine.viewpoint_check import check_viewpoints


def content_files(paths: list[Path], settings: Settings) -> list[Path]:
    if not paths:
        return (sorted(settings.scenes_dir.glob("*/scene.yaml")) + game_files(settings.scenes_dir)
                + tour_files(settings.scripts_dir))
    found = []
    for path in paths:
        if path.is_dir():
            found += (sorted(path.rglob("scene.yaml")) + sorted(path.rglob(f"*{GAME_FILE}"))
                      + sorted(path.rglob(f"*{TOUR_SUFFIX}"))) or [path]
        else:
            found.append(path)
    return found


def validate_file(path: Path, settings: Settings) -> list[Diagnostic]:
    """Every problem of one content file (a tour's warnings too); [] when it is clean."""
    try:
        if path.name.endswith(TOUR_SUFFIX):
            tour, tour_doc, warnings = load_tour(path, settings.scenes_dir)
            return warnings + check_tour_texts(tour, tour_doc)
        if path.name == GAME_FILE or path.name.endswith("." + GAME_FILE):  # game.yaml, or <name>.game.yaml
            game, doc = load_game(path, settings.scenes_dir)
            return (doc.warnings + check_tour_quizzes(doc, game, settings.scripts_dir, settings.scenes_dir)
                    + check_game_texts(game, doc))
        scene, doc = load_scene(path)
        return doc.warnings + check_viewpoints(scene, doc) + check_scene_texts(scene, doc)
    except ContentError as exc:
        return exc.diagnostics


def validate_paths(paths: list[Path], settings: Settings) -> tuple[list[Diagnostic], int]:
    files = content_files(paths, settings)
    diagnostics: list[Diagnostic] = []
    for path in files:
        if path.is_dir():
            diagnostics.append(Diagnostic(str(path), 1, 1, "C002", "no scene.yaml found in this folder"))
            continue
        diagnostics += validate_file(path, settings)
    return diagnostics, len(files)
