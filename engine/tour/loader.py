"""load_tour(path): YAML file -> validated Tour, or ContentError with every problem (and warnings)."""
from __future__ import annotations

from pathlib import Path

from engine.diagnostics import ContentError, Diagnostic
from engine.manifest.read_once import read_once
from engine.manifest.schema_errors import validate_model
from engine.manifest.yaml_loader import Document, load_yaml
from engine.tour.checks import check_tour, scene_names_for
from engine.tour.schema import Tour

TOUR_SUFFIX = ".tour.yaml"


def tour_files(scripts_dir: Path) -> list[Path]:
    return sorted(Path(scripts_dir).glob(f"*{TOUR_SUFFIX}"))


def validate_tour_document(doc: Document, scenes_dir: Path) -> tuple[Tour, list[Diagnostic]]:
    """The tour and its warnings; raises ContentError when there is any error."""
    tour = validate_model(doc, Tour, "a tour")
    names, why = scene_names_for(tour.scene, scenes_dir)
    problems = []
    if names is None:
        message = (f"scene '{tour.scene}' does not exist" if why == "missing"
                   else f"scene '{tour.scene}' has errors of its own: validate it first")
        problems.append(doc.diagnostic(("scene",), "T001", message))
    stem = doc.path.name.removesuffix(TOUR_SUFFIX)
    if doc.path.name.endswith(TOUR_SUFFIX) and tour.id != stem:
        problems.append(doc.diagnostic(("id",), "T010", f"tour id '{tour.id}' does not match its file name",
                                       hint=f"name the file {tour.id}{TOUR_SUFFIX}, or the id '{stem}'"))
    problems += check_tour(doc, tour, names)
    if tour.event is not None:
        problems += _event_of(doc, tour, Path(scenes_dir))
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return tour, problems


def _event_of(doc: Document, tour: Tour, scenes_dir: Path) -> list[Diagnostic]:
    """The tour's event overlay exists and dresses the tour's scene. Read as plain YAML: overlays
    are a layer above tours, and their own checks are `validate`'s on the overlay file."""
    from engine.diagnostics import ContentError, did_you_mean
    folder = scenes_dir / "events"
    path = folder / f"{tour.event}.event.yaml"
    if not path.is_file():
        known = sorted(p.name.removesuffix(".event.yaml") for p in folder.glob("*.event.yaml"))
        return [doc.diagnostic(("event",), "T012", f"event '{tour.event}' does not exist (no {path.name} in "
                               "the scenes' events folder)", hint=did_you_mean(tour.event, known))]
    try:
        data = load_yaml(path).data
    except ContentError:
        return [doc.diagnostic(("event",), "T012", f"event '{tour.event}' has errors of its own: validate it first")]
    scenes = data.get("scenes") if isinstance(data, dict) else None
    if not isinstance(scenes, list) or tour.scene not in scenes:
        return [doc.diagnostic(("event",), "T012", f"event '{tour.event}' does not dress scene '{tour.scene}'")]
    return []


def load_tour(path: str | Path, scenes_dir: Path) -> tuple[Tour, Document, list[Diagnostic]]:
    def load():
        doc = load_yaml(path)
        tour, warnings = validate_tour_document(doc, scenes_dir)
        return tour, doc, warnings
    return read_once("tour", path, load, Path(scenes_dir).resolve())
