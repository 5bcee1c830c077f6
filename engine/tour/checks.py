"""Checks a tour beyond its schema: references, ids, actions, files, and the flow of its steps.

Codes: T0xx are errors (the tour cannot run as written), T1xx warnings (it runs, but an author
would want to know). Every problem points at the node it is about, with a hint where one helps.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.diagnostics import Diagnostic, did_you_mean
from engine.manifest.source_hash import stale_translations
from engine.manifest.content_paths import check_asset_path
from engine.manifest.sound_files import sound_problem
from engine.manifest.yaml_loader import Document
from engine.tour.actions import REGISTRY
from engine.tour.schema import END_LABEL, Step, Tour
from engine.tour.timing import narration_seconds


@dataclass(frozen=True)
class SceneNames:
    """What a tour may refer to in its scene."""

    pois: frozenset[str]
    viewpoints: frozenset[str]


def check_tour(doc: Document, tour: Tour, names: SceneNames | None) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    out += _ids(doc, tour)
    if names is not None:
        out += _scene_references(doc, tour, names)
    out += _jumps(doc, tour)
    out += _actions_and_files(doc, tour)
    out += _flow(doc, tour)
    out += _explicit_ending(doc, tour)
    out += _narration_beside_flight(doc, tour)
    out += stale_translations(doc)
    return out


def step_name(tour: Tour, i: int) -> str:
    step = tour.steps[i]
    return step.id or step.label or f"steps[{i}]"


def walk(steps: list[Step], loc: tuple = ("steps",)):
    """Every step, nested ones too, with its location in the document."""
    for i, step in enumerate(steps):
        yield loc + (i,), step
        if step.parallel:
            yield from walk(step.parallel, loc + (i, "parallel"))


def _ids(doc: Document, tour: Tour) -> list[Diagnostic]:
    out, seen = [], {}

    def claim(value, loc, what):
        if value is None:
            out.append(doc.diagnostic(loc[:-1], "T110", f"{what} has no id", severity="warning",
                                      hint="run `python run_tour.py tag FILE` to add stable ids"))
        elif value in seen:
            out.append(doc.diagnostic(loc, "T003", f"duplicate id '{value}'",
                                      hint=f"ids are unique in a tour; first used at line {doc.where(seen[value])[0]}"))
        else:
            seen[value] = loc

    for loc, step in walk(tour.steps):
        claim(step.id, loc + ("id",), "step")
        if step.narrate:
            claim(step.narrate.id, loc + ("narrate", "id"), "narration")
        if step.choice:
            claim(step.choice.id, loc + ("choice", "id"), "choice")
            for j, option in enumerate(step.choice.options):
                claim(option.id, loc + ("choice", "options", j, "id"), "option")
    return out


def _scene_references(doc: Document, tour: Tour, names: SceneNames) -> list[Diagnostic]:
    out = []

    def ref(loc, value, known, what):
        if value not in known:
            out.append(doc.diagnostic(loc, "T001", f"{what} '{value}' does not exist in scene '{tour.scene}'",
                                      hint=did_you_mean(value, known)))

    places = names.pois | names.viewpoints
    if tour.postcard_view is not None:
        ref(("postcard_view",), tour.postcard_view, names.viewpoints, "viewpoint")
    for loc, step in walk(tour.steps):
        if step.fly_to:
            ref(loc + ("fly_to", "target"), step.fly_to.target, places, "POI or viewpoint")
        for kind in ("orbit", "look_at"):
            body = getattr(step, kind)
            if body and body.target in names.viewpoints and body.target not in names.pois:
                out.append(doc.diagnostic(loc + (kind, "target"), "T001",
                                          f"'{body.target}' is a viewpoint; {kind} needs a POI",
                                          hint="fly_to the viewpoint first, then turn to a POI"))
            elif body:
                ref(loc + (kind, "target"), body.target, names.pois, "POI")
        if step.show_card:
            ref(loc + ("show_card", "poi"), step.show_card.poi, names.pois, "POI")
        if step.action and isinstance(step.action.params.get("poi"), str):
            ref(loc + ("action", "params", "poi"), step.action.params["poi"], names.pois, "POI")
    return out


def jump_targets(tour: Tour) -> dict[str, int]:
    """Label or step id -> index of the top-level step it names."""
    targets = {}
    for i, step in enumerate(tour.steps):
        for name in (step.id, step.label):
            if name:
                targets.setdefault(name, i)
    return targets


def _jumps(doc: Document, tour: Tour) -> list[Diagnostic]:
    out = []
    targets = jump_targets(tour)
    known = list(targets) + [END_LABEL]
    seen_labels: dict[str, int] = {}
    step_ids = {s.id: i for i, s in enumerate(tour.steps) if s.id}
    for i, step in enumerate(tour.steps):
        if not step.label:
            continue
        loc = ("steps", i, "label")
        if step.label in seen_labels:
            out.append(doc.diagnostic(loc, "T003", f"duplicate label '{step.label}'",
                                      hint=f"first used at line {doc.where(('steps', seen_labels[step.label]))[0]}"))
        elif step.label == END_LABEL:
            out.append(doc.diagnostic(loc, "T003", "'end' cannot be a label: `goto: end` always ends the tour"))
        elif step.label in step_ids and step_ids[step.label] != i:
            out.append(doc.diagnostic(loc, "T003", f"label '{step.label}' is another step's id: jumps to it would "
                                                   "go to that step", hint="choose another label"))
        seen_labels.setdefault(step.label, i)
    for loc, step in walk(tour.steps):
        if len(loc) > 2 and step.label:
            out.append(doc.diagnostic(loc + ("label",), "T004", f"label '{step.label}' is inside a parallel step, "
                                                                "where no jump can land",
                                      hint="put the label on the parallel step itself"))

    inside_parallel = {}  # step id or label in a parallel branch -> the parallel step's name
    for i, step in enumerate(tour.steps):
        for _, inner in walk(step.parallel or [], ("steps", i, "parallel")):
            for name in (inner.id, inner.label):
                if name:
                    inside_parallel[name] = step_name(tour, i)

    def check(loc, target):
        if target is None or target in known:
            return
        if target in inside_parallel:
            owner = inside_parallel[target]
            out.append(doc.diagnostic(loc, "T004", f"'{target}' is a step inside parallel step '{owner}': "
                                                   "a jump cannot land inside it", hint=f"jump to '{owner}' instead"))
        else:
            out.append(doc.diagnostic(loc, "T002", f"label or step '{target}' does not exist in this tour",
                                      hint=did_you_mean(target, known)))

    for loc, step in walk(tour.steps):
        nested = len(loc) > 2
        if nested and (step.goto or step.choice):
            out.append(doc.diagnostic(loc, "T004", f"'{step.kind}' cannot run inside 'parallel'",
                                      hint="put the jump or the question after the parallel step"))
        check(loc + ("goto",), step.goto)
        if step.choice:
            option_ids = [o.id for o in step.choice.options]
            for j, option in enumerate(step.choice.options):
                check(loc + ("choice", "options", j, "goto"), option.goto)
                if option.goto is not None and option.goto in (step.id, step.label):
                    out.append(doc.diagnostic(loc + ("choice", "options", j, "goto"), "T005",
                                              f"option '{option.id}' leads back to its own question",
                                              hint="a visitor choosing it would be asked again forever"))
            if step.choice.default is not None and step.choice.default not in option_ids:
                out.append(doc.diagnostic(loc + ("choice", "default"), "T002",
                                          f"default '{step.choice.default}' is not one of this question's options",
                                          hint=did_you_mean(step.choice.default, [o for o in option_ids if o])))
    return out


def _actions_and_files(doc: Document, tour: Tour) -> list[Diagnostic]:
    out = []
    types = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
    for loc, step in walk(tour.steps):
        if step.action:
            spec = REGISTRY.get(step.action.name)
            if spec is None:
                out.append(doc.diagnostic(loc + ("action", "name"), "T006",
                                          f"no action named '{step.action.name}'",
                                          hint=did_you_mean(step.action.name, REGISTRY) or
                                          f"known actions: {', '.join(sorted(REGISTRY))}"))
                continue
            params = step.action.params
            for name in spec.required - set(params):
                out.append(doc.diagnostic(loc + ("action", "params"), "T007",
                                          f"action '{spec.name}' needs parameter '{name}'"))
            for name, value in params.items():
                wanted = spec.params.get(name)
                if wanted is None:
                    out.append(doc.diagnostic(loc + ("action", "params", name), "T007",
                                              f"action '{spec.name}' has no parameter '{name}'",
                                              key=True, hint=did_you_mean(name, spec.params)))
                elif not _fits(value, wanted):
                    out.append(doc.diagnostic(loc + ("action", "params", name), "T007",
                                              f"parameter '{name}' of '{spec.name}' expects {types[wanted]}"))
        files = []
        if step.play_sound:
            files.append((loc + ("play_sound", "file"), step.play_sound.file))
        if step.narrate and step.narrate.audio:
            for lang in ("zh", "en"):
                path = getattr(step.narrate.audio, lang)
                if path:
                    files.append((loc + ("narrate", "audio", lang), path))
        for file_loc, raw in files:
            resolved, why = check_asset_path(raw, doc.path)
            if resolved is None or (why := sound_problem(resolved)):
                out.append(doc.diagnostic(file_loc, "T008", why))
    return out


def _fits(value, wanted: type) -> bool:
    """YAML gives bool for true/false and int for 3: a number parameter takes 3, text takes no 3."""
    if isinstance(value, bool):
        return wanted is bool
    if wanted is float:
        return isinstance(value, (int, float))
    return isinstance(value, wanted)


def _successors(tour: Tour, i: int, targets: dict[str, int]) -> list[int | None]:
    """Where control can go after top-level step i; None is the end of the tour."""
    step = tour.steps[i]
    after = i + 1 if i + 1 < len(tour.steps) else None

    def target(name):
        return None if name == END_LABEL else targets.get(name, after)

    if step.goto:
        return [target(step.goto)]
    if step.choice:
        return [target(o.goto) if o.goto else after for o in step.choice.options]
    return [after]


def _flow(doc: Document, tour: Tour) -> list[Diagnostic]:
    out = []
    targets = jump_targets(tour)
    n = len(tour.steps)
    reachable, todo = set(), [0]
    while todo:
        i = todo.pop()
        if i in reachable:
            continue
        reachable.add(i)
        todo += [j for j in _successors(tour, i, targets) if j is not None]
    finishes = set()
    changed = True
    while changed:
        changed = False
        for i in range(n):
            if i not in finishes and any(j is None or j in finishes for j in _successors(tour, i, targets)):
                finishes.add(i)
                changed = True
    for i in range(n):
        if i not in reachable:
            out.append(doc.diagnostic(("steps", i), "T101", f"step '{step_name(tour, i)}' can never be reached",
                                      severity="warning", hint="no step goes here: add a label and jump to it, "
                                                               "or remove the step"))
    stuck = sorted(i for i in reachable if i not in finishes)
    if stuck:
        i = _in_a_cycle(tour, stuck, targets)
        out.append(doc.diagnostic(("steps", i), "T009", f"steps from '{step_name(tour, i)}' loop forever: "
                                                        "no way out of them reaches the end of the tour",
                                  hint="give a question in the loop an option that goes on, or `goto: end`"))
    return out


def ends_explicitly(step: Step) -> bool:
    """Whether a step says where the tour goes after it, instead of just running out of steps."""
    if step.goto is not None:
        return True
    if step.choice is not None:
        return all(option.goto is not None for option in step.choice.options)
    spec = REGISTRY.get(step.action.name) if step.action else None
    return spec is not None and spec.ends_tour


def _explicit_ending(doc: Document, tour: Tour) -> list[Diagnostic]:
    """T011: the last top-level step must end the tour on purpose: `goto: end`, an action that ends it
    (`free_roam`), a `goto` elsewhere, or a question whose every option jumps.

    Why: a file cut off at a line boundary (a failed copy, a truncated upload, a bad merge) is still
    valid YAML and a valid tour; it just stops early, and nothing else notices. Requiring the ending
    to be written down catches that common case at the cost of one line an author writes once, and
    every shipped tour already ends with `free_roam`. A cut inside the last step itself leaves a
    step with a missing field, which the schema already refuses."""
    last = len(tour.steps) - 1
    if ends_explicitly(tour.steps[last]):
        return []
    return [doc.diagnostic(("steps", last), "T011",
                           f"the tour ends after step '{step_name(tour, last)}' without saying so: "
                           "was the end of the file lost?",
                           hint="end with `goto: end` or `action: {name: free_roam}`")]


def _in_a_cycle(tour: Tour, stuck: list[int], targets: dict[str, int]) -> int:
    """A step that is itself part of the endless loop (not just a step that leads into it)."""
    for i in stuck:
        seen, todo = set(), [j for j in _successors(tour, i, targets) if j is not None]
        while todo:
            j = todo.pop()
            if j == i:
                return i
            if j not in seen:
                seen.add(j)
                todo += [k for k in _successors(tour, j, targets) if k is not None]
    return stuck[0]


def _narration_beside_flight(doc: Document, tour: Tour) -> list[Diagnostic]:
    out = []
    for loc, step in walk(tour.steps):
        if not step.parallel:
            continue
        flights = [s for s in step.parallel if s.fly_to or s.orbit]
        lines = [(j, s) for j, s in enumerate(step.parallel) if s.narrate]
        if not flights:
            continue
        flight = max((s.fly_to or s.orbit).duration_s for s in flights)
        for j, s in lines:
            for lang in ("zh", "en"):
                seconds = narration_seconds(s.narrate, lang, tour.reading_speed, doc.path)
                if seconds > flight + 0.5:
                    out.append(doc.diagnostic(loc + ("parallel", j, "narrate"), "T103",
                                              f"the {lang} narration takes {seconds:.1f} s but the flight beside it "
                                              f"only {flight:.1f} s", severity="warning",
                                              hint="lengthen the flight or split the line"))
                    break
    return out


def scene_names_for(scene_id: str, scenes_dir: Path):
    """(SceneNames, None) for a scene that loads, or (None, why) for one that does not."""
    from engine.diagnostics import ContentError
    from engine.manifest.scene_loader import load_scene
    path = Path(scenes_dir) / scene_id / "scene.yaml"
    if not path.is_file():
        return None, "missing"
    try:
        scene, _ = load_scene(path)
    except ContentError:
        return None, "broken"
    return SceneNames(frozenset(p.id for p in scene.pois), frozenset(v.id for v in scene.viewpoints)), ""
