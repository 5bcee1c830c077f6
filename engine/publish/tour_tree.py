"""A tour's questions for the web page: a tree of headless runs, one per way of answering.

The root node is the run nobody answers (every question waits out its timeout and the tour goes on
as an unattended kiosk does: engine.tour.time_up). Each question that times out in a node's run
gets one child per option: the same run with that option answered the moment the question is asked.
The runner is deterministic, so a child's run is its parent's up to that moment; a node therefore
holds only what happens from its `start` (the time its last answered question was asked) on, and
the page, on a click, switches to the child's track with the tour's clock set back to the question's
time, where the two tracks meet.

The runs are capped (MAX_RUNS per tour and language, counted breadth first, a question's options
all or none): past the cap a deeper question is not offered on the page and simply times out, as it
does in its node's own track. So is a question without ids for itself and every option (answers are
given by id), and a question asked a second time in one run (a loop back to it: the headless run
answers a question id once)."""
from __future__ import annotations

from collections import deque
from typing import Callable

from engine.tour.schema import Choice, Tour

MAX_RUNS = 32  # per tour and language: the site stays small and a publish quick
KEY_TOLERANCE_M = 0.05  # a camera key the page's straight interpolation reproduces this closely is dropped


def thin_keys(keys: list[list[float]], tolerance_m: float = KEY_TOLERANCE_M) -> list[list[float]]:
    """The camera keys [t, eye xyz, target xyz] without those that interpolating linearly in time
    between the kept neighbours reproduces within `tolerance_m` (eye and target): a flight at 10 Hz
    becomes a few keys on its straight parts, an orbit a chord every few degrees."""
    if len(keys) <= 2:
        return [list(k) for k in keys]
    kept = [keys[0]]
    anchor = 0
    for end in range(2, len(keys)):
        if not _spans(keys, anchor, end, tolerance_m):
            kept.append(keys[end - 1])
            anchor = end - 1
    kept.append(keys[-1])
    return [list(k) for k in kept]


def _spans(keys, a: int, b: int, tolerance_m: float) -> bool:
    """Whether every key strictly between a and b lies on the line from a to b, in time."""
    ta, tb = keys[a][0], keys[b][0]
    for key in keys[a + 1:b]:
        u = (key[0] - ta) / (tb - ta) if tb > ta else 0.0
        for i in range(1, 7):
            if abs(keys[a][i] + (keys[b][i] - keys[a][i]) * u - key[i]) > tolerance_m:
                return False
    return True


def choices_by_id(tour: Tour) -> dict[str, Choice]:
    """The questions the page can offer: a choice with an id whose options all have ids (choices
    never sit inside a parallel step: engine.tour.checks)."""
    return {s.choice.id: s.choice for s in tour.steps
            if s.choice is not None and s.choice.id and all(o.id for o in s.choice.options)}


def unanswered_questions(events: list[dict], start: float, answers: dict) -> list[dict]:
    """The question events from `start` on that ran out of time (each with its `choice` event's
    option), in order; a question already in `answers` asked again is left out."""
    found, waiting = [], {}
    for event in events:
        if event["t"] < start:
            continue
        if event["type"] == "question":
            waiting[event["id"]] = event
        elif event["type"] == "choice" and event.get("by") == "timeout" and event["id"] in waiting:
            question = waiting.pop(event["id"])
            if question["id"] not in answers:
                found.append(question)
    return found


def build_tree(run: Callable[[dict], object], to_node: Callable[[object, float], dict], tour: Tour, lang: str,
               max_runs: int = MAX_RUNS) -> list[dict]:
    """The nodes of one tour in one language, the root first. run(answers) -> a headless result (with
    `.events`); to_node(result, start) -> the node's track from `start` (camera, cues, ...), to which
    `start` and `questions` are added here. Each question: {t, id, prompt, options: [{id, text}],
    timeout_s, default, branches: {option id: node index}}."""
    choices = choices_by_id(tour)
    nodes: list[dict] = []
    queue = deque([({}, 0.0, None)])  # (answers, start, (parent node, question index, option) or None)
    runs = 1
    while queue:
        answers, start, link = queue.popleft()
        result = run(dict(answers))
        node = {"start": round(start, 3), **to_node(result, start), "questions": []}
        nodes.append(node)
        if link is not None:
            parent, question, option = link
            nodes[parent]["questions"][question]["branches"][option] = len(nodes) - 1
        for event in unanswered_questions(result.events, start, answers):
            choice = choices.get(event["id"])
            if choice is None or runs + len(choice.options) > max_runs:
                continue  # past the cap (or not answerable by id): it only times out on the page
            runs += len(choice.options)
            entry = {"t": round(event["t"], 3), "id": choice.id, "prompt": event["prompt"],
                     "options": [{"id": o.id, "text": getattr(o.text, lang)} for o in choice.options],
                     "timeout_s": choice.timeout_s, "default": choice.default or choice.options[0].id,
                     "branches": {}}
            node["questions"].append(entry)
            for option in choice.options:
                queue.append(({**answers, choice.id: option.id}, event["t"],
                               (len(nodes) - 1, len(node["questions"]) - 1, option.id)))
    return nodes
