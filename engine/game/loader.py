"""load_game(path): scenes/<id>/game.yaml -> validated GameContent, or ContentError with every
problem. Codes P0xx are errors; references are checked against the scene's POIs."""
from __future__ import annotations

from pathlib import Path

from engine.diagnostics import ContentError, Diagnostic, did_you_mean
from engine.geo import LocalProjection
from engine.game.schema import GameContent
from engine.game.stamp_circles import swallowed_stamps
from engine.manifest.plain_words import inside_when_swapped, swap_hint
from engine.manifest.source_hash import stale_translations
from engine.manifest.schema_errors import validate_model
from engine.manifest.yaml_loader import Document, load_yaml

GAME_FILE = "game.yaml"


def game_files(scenes_dir: Path) -> list[Path]:
    return sorted(Path(scenes_dir).glob(f"*/{GAME_FILE}"))


def load_game(path: str | Path, scenes_dir: Path) -> tuple[GameContent, Document]:
    doc = load_yaml(path)
    game = validate_model(doc, GameContent, "game content")
    problems = check_game(doc, game, Path(scenes_dir))
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    doc.warnings = problems
    return game, doc


def check_game(doc: Document, game: GameContent, scenes_dir: Path) -> list[Diagnostic]:
    from engine.manifest.scene_loader import load_scene
    out: list[Diagnostic] = []
    scene_path = scenes_dir / game.scene / "scene.yaml"
    scene = None
    if not scene_path.is_file():
        known = [p.parent.name for p in scenes_dir.glob("*/scene.yaml")]
        out.append(doc.diagnostic(("scene",), "P001", f"scene '{game.scene}' does not exist",
                                  hint=did_you_mean(game.scene, known)))
    else:
        try:
            scene, _ = load_scene(scene_path)
        except ContentError:
            out.append(doc.diagnostic(("scene",), "P001", f"scene '{game.scene}' has errors of its own: validate it first"))
    if doc.path.name == GAME_FILE and doc.path.parent.name != game.scene:
        out.append(doc.diagnostic(("scene",), "P002", f"this file is in the folder of scene '{doc.path.parent.name}' "
                                                      f"but names scene '{game.scene}'"))
    out += _unique(doc, game)
    out += _references(doc, game, {p.id for p in scene.pois} if scene else None)
    if scene is not None:
        proj, half = LocalProjection(scene.origin.lat, scene.origin.lon), scene.extent_m
        for i, c in enumerate(game.collectibles):
            e, n, _ = proj.to_local(c.lat, c.lon)
            if (abs(e) > half or abs(n) > half) and inside_when_swapped(proj.to_local, half, c.lat, c.lon):
                out.append(doc.diagnostic(("collectibles", i, "lat"), "G006", f"collectible '{c.id}' lies outside "
                                          "the scene, but would be inside it with lat and lon swapped",
                                          hint=swap_hint(doc.data, ("collectibles", i, "lat"))))
            elif abs(e) > half or abs(n) > half:
                out.append(doc.diagnostic(("collectibles", i, "lat"), "P005",
                                          f"collectible '{c.id}' lies outside the scene (extent_m is {half:g})"))
        out += swallowed_stamps(doc, game, scene)
    out += _reachable(doc, game)
    out += stale_translations(doc)
    return out


class _Part:
    """A part of a document (an event overlay's `game:`) addressed as if it were the whole."""

    def __init__(self, doc: Document, at: tuple):
        self.doc, self.at = doc, tuple(at)

    def where(self, loc, **kw):
        return self.doc.where(self.at + tuple(loc), **kw)

    def diagnostic(self, loc, *args, **kw) -> Diagnostic:
        return self.doc.diagnostic(self.at + tuple(loc), *args, **kw)


def check_game_links(doc: Document, game: GameContent, pois: set[str], at: tuple = ()) -> list[Diagnostic]:
    """Ids unique, every reference resolved, every goal reachable: for game content that lives at
    `at` inside another file (an event overlay's game, seen with the POIs it may stamp)."""
    part = _Part(doc, at)
    return _unique(part, game) + _references(part, game, pois) + _reachable(part, game)


def _reachable(doc: Document, game: GameContent) -> list[Diagnostic]:
    """Goals and badges a visitor could never reach with what this game holds."""
    out = []
    have = {"checkins": len(game.checkins), "collectibles": len(game.collectibles), "quizzes_right": len(game.quizzes)}
    best = (sum(c.points for c in game.checkins) + sum(c.points for c in game.collectibles)
            + sum(q.points for q in game.quizzes) + sum(c.points for c in game.challenges)
            + sum(b.points for b in game.badges))
    for i, challenge in enumerate(game.challenges):
        for name, count in have.items():
            wanted = getattr(challenge.goal, name)
            if wanted is not None and wanted > count:
                out.append(doc.diagnostic(("challenges", i, "goal", name), "P007",
                                          f"challenge '{challenge.id}' asks for {wanted} {name.replace('_', ' ')} "
                                          f"but the game has {count}"))
    for i, badge in enumerate(game.badges):
        if badge.when.quiz_streak is not None and badge.when.quiz_streak > len(game.quizzes):
            out.append(doc.diagnostic(("badges", i, "when", "quiz_streak"), "P007",
                                      f"badge '{badge.id}' asks for {badge.when.quiz_streak} quizzes right in a row "
                                      f"but the game has {len(game.quizzes)}"))
        if badge.when.score_at_least is not None and badge.when.score_at_least > best:
            out.append(doc.diagnostic(("badges", i, "when", "score_at_least"), "P007",
                                      f"badge '{badge.id}' asks for a score of {badge.when.score_at_least}; "
                                      f"the most a visitor can score is {best}"))
    return out


def _unique(doc: Document, game: GameContent) -> list[Diagnostic]:
    out = []
    for group in ("checkins", "quizzes", "collectibles", "badges", "challenges"):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(game, group)):
            if item.id in seen:
                out.append(doc.diagnostic((group, i, "id"), "P003", f"duplicate id '{item.id}' among the {group}",
                                          hint=f"first used at line {doc.where((group, seen[item.id]))[0]}"))
            seen.setdefault(item.id, i)
    for i, quiz in enumerate(game.quizzes):
        ids = [o.id for o in quiz.options]
        for j, option in enumerate(quiz.options):
            if ids.index(option.id) != j:
                out.append(doc.diagnostic(("quizzes", i, "options", j, "id"), "P003",
                                          f"duplicate option id '{option.id}' in quiz '{quiz.id}'"))
    return out


def _references(doc: Document, game: GameContent, pois: set[str] | None) -> list[Diagnostic]:
    out = []

    def ref(loc, value, known, what):
        if value not in known:
            out.append(doc.diagnostic(loc, "P004", f"{what} '{value}' does not exist", hint=did_you_mean(value, known)))

    if pois is not None:
        for i, c in enumerate(game.checkins):
            ref(("checkins", i, "poi"), c.poi, pois, "POI")
        for i, q in enumerate(game.quizzes):
            if q.poi is not None:
                ref(("quizzes", i, "poi"), q.poi, pois, "POI")
    for i, quiz in enumerate(game.quizzes):
        options = [o.id for o in quiz.options]
        if quiz.answer not in options:
            out.append(doc.diagnostic(("quizzes", i, "answer"), "P004",
                                      f"answer '{quiz.answer}' is not one of the options of quiz '{quiz.id}'",
                                      hint=did_you_mean(quiz.answer, options) or f"the options are: {', '.join(options)}"))
    checkins = [c.id for c in game.checkins]
    collectibles = [c.id for c in game.collectibles]
    challenges = [c.id for c in game.challenges]
    for i, challenge in enumerate(game.challenges):
        for j, value in enumerate(challenge.goal.route or []):
            ref(("challenges", i, "goal", "route", j), value, checkins, "stamp")
    for i, badge in enumerate(game.badges):
        when = badge.when
        for j, value in enumerate(when.checkins or []):
            ref(("badges", i, "when", "checkins", j), value, checkins, "stamp")
        for j, value in enumerate(when.collectibles or []):
            ref(("badges", i, "when", "collectibles", j), value, collectibles, "collectible")
        if when.challenge is not None:
            ref(("badges", i, "when", "challenge"), when.challenge, challenges, "challenge")
        if when.all_checkins and not checkins:
            out.append(doc.diagnostic(("badges", i, "when", "all_checkins"), "P006",
                                      f"badge '{badge.id}' asks for every stamp, but this game has none"))
        if when.all_collectibles and not collectibles:
            out.append(doc.diagnostic(("badges", i, "when", "all_collectibles"), "P006",
                                      f"badge '{badge.id}' asks for every collectible, but this game has none"))
    return out
