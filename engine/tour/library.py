"""Finding tours on disk by id."""
from __future__ import annotations

from pathlib import Path

from engine.diagnostics import did_you_mean
from engine.errors import UsageError
from engine.tour.loader import TOUR_SUFFIX, load_tour, tour_files


def find_tour(tour_id: str, scripts_dir: Path, scenes_dir: Path):
    """(tour, path, warnings) for the tour with this id, or the file at this path."""
    candidate = Path(tour_id)
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        tour, _, warnings = load_tour(candidate, scenes_dir)
        return tour, candidate, warnings
    ids = {path.name.removesuffix(TOUR_SUFFIX): path for path in tour_files(scripts_dir)}
    if tour_id in ids:  # a tour's id is its file name (validation checks they agree)
        tour, _, warnings = load_tour(ids[tour_id], scenes_dir)
        return tour, ids[tour_id], warnings
    hint = did_you_mean(tour_id, ids) or f"known tours: {', '.join(sorted(ids)) or 'none'}"
    raise UsageError(f"no tour with id '{tour_id}' ({hint})")
