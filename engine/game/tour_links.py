"""A tour question and the quiz with the same id must offer the same options, or a right answer
in the tour would not score. Checked when the content is validated (it reads the scene's tours)."""
from __future__ import annotations

from pathlib import Path

from engine.diagnostics import ContentError, Diagnostic
from engine.game.schema import GameContent
from engine.manifest.yaml_loader import Document
from engine.tour.checks import walk
from engine.tour.loader import load_tour, tour_files


def check_tour_quizzes(doc: Document, game: GameContent, scripts_dir: Path, scenes_dir: Path) -> list[Diagnostic]:
    out = []
    quizzes = {q.id: (i, q) for i, q in enumerate(game.quizzes)}
    for path in tour_files(scripts_dir):
        try:
            tour, _, _ = load_tour(path, scenes_dir)
        except ContentError:
            continue  # a broken tour is reported on its own
        if tour.scene != game.scene:
            continue
        for _, step in walk(tour.steps):
            if not step.choice or step.choice.id not in quizzes:
                continue
            i, quiz = quizzes[step.choice.id]
            asked = [o.id for o in step.choice.options]
            offered = [o.id for o in quiz.options]
            if sorted(asked) != sorted(offered):
                out.append(doc.diagnostic(("quizzes", i, "options"), "P008",
                                          f"quiz '{quiz.id}' offers {', '.join(offered)} but tour '{tour.id}' asks it "
                                          f"with {', '.join(asked)}",
                                          hint="give both the same option ids, or a right answer in the tour won't score"))
    return out
