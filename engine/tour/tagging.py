"""`run_tour.py tag`: give every step, narration, question and option of a tour a stable id.

The file is rewritten through a round-trip YAML parser, so the author's comments, key order and
layout stay as they were; only the missing `id:` lines are added (as the first key of their
mapping). New ids are deterministic — `<kind>_<n>` with the lowest free n, `<step>_line` for a
narration, `<step>_question` for a question, `<question>_<n>` for an option — so running it twice
changes nothing the second time. Ids are never derived from the text: editing a line later must
not orphan its translations or a visitor's saved position.
"""
from __future__ import annotations

from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from engine.manifest import round_trip
from engine.tour.schema import ACTION_KEYS


class _Ids:
    def __init__(self):
        self.used: set[str] = set()

    def fresh(self, base: str) -> str:
        if base not in self.used:
            self.used.add(base)
            return base
        n = 1
        while f"{base}_{n}" in self.used:
            n += 1
        self.used.add(f"{base}_{n}")
        return f"{base}_{n}"


def _mappings(steps):
    """Every step mapping, nested parallel ones too, in file order."""
    for step in steps or []:
        if isinstance(step, CommentedMap):
            yield step
            if isinstance(step.get("parallel"), list):
                yield from _mappings(step["parallel"])


def _collect(steps, ids: _Ids) -> None:
    for step in _mappings(steps):
        for holder in (step, step.get("narrate"), step.get("choice")):
            if isinstance(holder, CommentedMap) and isinstance(holder.get("id"), str):
                ids.used.add(holder["id"])
        choice = step.get("choice")
        if isinstance(choice, CommentedMap):
            for option in choice.get("options") or []:
                if isinstance(option, CommentedMap) and isinstance(option.get("id"), str):
                    ids.used.add(option["id"])


def _add_id(mapping: CommentedMap, value: str) -> None:
    mapping.insert(0, "id", value)


def tag_data(data) -> int:
    """Add missing ids in place; returns how many were added."""
    steps = data.get("steps") if isinstance(data, CommentedMap) else None
    ids = _Ids()
    _collect(steps, ids)
    added = 0
    for step in _mappings(steps):
        if not isinstance(step.get("id"), str):
            kind = next((k for k in ACTION_KEYS if k in step), "step")
            _add_id(step, ids.fresh(kind))
            added += 1
        narration = step.get("narrate")
        if isinstance(narration, CommentedMap) and not isinstance(narration.get("id"), str):
            _add_id(narration, ids.fresh(f"{step['id']}_line"))
            added += 1
        choice = step.get("choice")
        if isinstance(choice, CommentedMap):
            if not isinstance(choice.get("id"), str):
                _add_id(choice, ids.fresh(f"{step['id']}_question"))
                added += 1
            for option in choice.get("options") or []:
                if isinstance(option, CommentedMap) and not isinstance(option.get("id"), str):
                    _add_id(option, ids.fresh(f"{choice['id']}_option"))
                    added += 1
    return added


def tag_file(path: Path) -> int:
    """Tag one tour file in place (atomically); returns how many ids were added."""
    data = round_trip.load(path)
    added = tag_data(data)
    if added:
        round_trip.save(path, data)
    return added
