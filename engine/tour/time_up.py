"""A question nobody answered (its timeout ran out, or the visitor skipped it) is never praised: the
tour says the right answer in a neutral line ("Time's up: the answer is ...") and goes on where the
question's branches meet again, past the default option's branch (which may say "Spot on!").

The right answer comes from the game's quiz of the same id (engine.game: `answer`); a question with
no such quiz just says "Time's up." Pure logic, headless like the rest of the tour."""
from __future__ import annotations

from engine.tour.schema import END_LABEL, Step, Tour

TIME_UP = {"zh": "时间到：答案是{answer}。", "en": "Time's up: the answer is {answer}."}
TIME_UP_NO_ANSWER = {"zh": "时间到。", "en": "Time's up."}
MIN_SECONDS = 3.0  # the line stays at least this long


def time_up_text(step: Step, right_option: str | None, lang: str) -> str:
    option = next((o for o in step.choice.options if o.id == right_option), None)
    if option is None:
        return TIME_UP_NO_ANSWER[lang]
    return TIME_UP[lang].format(answer=getattr(option.text, lang))


def rejoin(tour: Tour, step: Step, targets: dict[str, int]) -> str | None:
    """The label (or step id, or END_LABEL) where the question's branches meet again, or None when its
    options do not branch (the tour simply goes on after the question). Each branch is followed from
    its option's target to its first `goto`, or to the first step some `goto` names (a branch that
    falls through into the common part); the default option's branch is tried first."""
    choice = step.choice
    joins = {s.goto for s in tour.steps if s.goto}
    default = choice.default or choice.options[0].id
    options = sorted(choice.options, key=lambda o: o.id != default)
    for option in options:
        if option.goto is None:
            continue
        if option.goto == END_LABEL:
            return END_LABEL
        start = targets.get(option.goto)
        if start is None:
            continue
        for i in range(start, len(tour.steps)):
            later = tour.steps[i]
            if i > start and any(name in joins for name in (later.id, later.label) if name):
                return later.label or later.id
            if later.choice is not None:
                break  # another question inside the branch: no common point from here
            if later.goto is not None:
                return later.goto
    return None
