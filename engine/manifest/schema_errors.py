"""Turn pydantic's validation errors into positioned, readable diagnostics."""
from __future__ import annotations

import functools
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from engine.manifest.data_paths import dotted, value_at
from engine.diagnostics import ContentError, Diagnostic, did_you_mean
from engine.manifest.plain_words import missing_language, swapped_lat, swapped_pair
from engine.manifest.yaml_loader import Document


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        # a diagnostic is one line: line breaks and other unprintable characters are shown escaped
        shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in shown)
        return f"the text '{shown}'"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__



def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the field at `loc` (for 'did you mean' on unknown keys)."""
    import typing

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _unwrap(field.annotation, typing)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any, typing) -> Any:
    for _ in range(6):
        args = typing.get_args(annotation)
        if not args:
            return annotation
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if models:
            return models[0]
        annotation = args[0]
    return annotation


_BRANCH_NAMES = {"str", "int", "float", "bool", "list", "dict", "constrained-str"}


@functools.lru_cache(maxsize=None)
def _model_names(root: type[BaseModel]) -> frozenset[str]:
    """Names of every model reachable from `root`'s fields: pydantic puts them in `loc` as union
    branch names. Found by walking the annotations, so no content kind's schema is imported here."""
    seen: set[type] = set()
    pending = [root]
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for field in model.model_fields.values():
            stack = [field.annotation]
            while stack:
                annotation = stack.pop()
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    pending.append(annotation)
                stack.extend(a for a in typing.get_args(annotation) if a is not None)
    return frozenset(m.__name__ for m in seen)


def _is_branch(part, models: frozenset[str]) -> bool:
    """pydantic adds union branch names and validator tags to `loc` between the data keys."""
    return isinstance(part, str) and (part.startswith(("function-", "union[")) or part in _BRANCH_NAMES
                                      or "[" in part or part in models)


def _clean_loc(loc: tuple, models: frozenset[str]) -> tuple:
    return tuple(p for p in loc if not _is_branch(p, models))



def _union_filter(errors: list[dict], data, models: frozenset[str]) -> list[dict]:
    """Keep only the union branch that fits the value: a mapping is checked as the model branch,
    anything else as the plain ones. Without this `look_at: {lat: 24.4}` would also be told it is
    not text. When no branch fits (a list where text or a number is expected), one error says so."""
    groups: dict[tuple, list[dict]] = {}
    order: list = []
    for err in errors:
        branches = [p for p in err["loc"] if _is_branch(p, models) and not str(p).startswith("function-")]
        if not branches:
            order.append(err)
            continue
        key = _clean_loc(tuple(err["loc"]), models)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((branches[-1], err))
    kept = []
    for item in order:
        if isinstance(item, dict):
            kept.append(item)
            continue
        value = value_at(data, item)
        fitting = [err for branch, err in groups[item] if (branch in models) == isinstance(value, dict)]
        if all(branch not in models for branch, _ in groups[item]):
            fitting = []  # text-or-number-or-boolean: one message naming them all, not one per type
        if fitting:
            kept += fitting
        else:
            wanted = sorted({_BRANCH_WORDS.get(branch, branch) for branch, _ in groups[item]})
            kept.append({"type": "union_mismatch", "loc": item, "input": value,
                         "msg": f"expected {' or '.join(wanted)}"})
    return kept


_BRANCH_WORDS = {"str": "text", "int": "a whole number", "float": "a number", "bool": "true or false"}


# Names authors reach for that the schema spells otherwise.
SYNONYMS = {"latitude": "lat", "lattitude": "lat", "longitude": "lon", "lng": "lon", "long": "lon",
            "color": "colour", "roof_color": "roof_colour", "wall_color": "wall_colour", "height": "height_m",
            "size": "size_m", "radius": "radius_m", "title": "name", "desc": "description", "type": "kind",
            "lookat": "look_at", "fov": "fov_deg", "heading": "heading_deg"}


def schema_diagnostics(doc: Document, exc: ValidationError, model: type[BaseModel]) -> list[Diagnostic]:
    seen: set[tuple] = set()
    out: list[Diagnostic] = []
    models = _model_names(model)
    for err in _union_filter(exc.errors(include_url=False), doc.data, models):
        loc = _clean_loc(tuple(err["loc"]), models)
        kind = err["type"]
        value = err.get("input")
        where = dotted(loc)
        hint = ""
        on_key = False
        code = "S" + _code_for(kind)
        holder = _model_at(model, loc[:-1]) if kind == "missing" else None
        plain = (missing_language(set(holder.model_fields) if holder else None, loc) if kind == "missing"
                 else swapped_lat(doc.data, loc, value) if code == "S011"
                 else swapped_pair(value, loc, doc.data) if kind == "value_error" else None)
        if plain is not None:
            message, hint = plain
            if kind == "missing":
                loc = loc[:-1]
            else:
                code = "G006"
        elif kind == "missing":
            message = f"{where}: missing required field '{loc[-1]}'"
            loc = loc[:-1]
        elif kind == "extra_forbidden":
            on_key = True
            message = f"{where}: unknown field '{loc[-1]}'"
            holder = _model_at(model, loc[:-1])
            if holder is not None:
                word = str(loc[-1])
                synonym = SYNONYMS.get(word.lower())
                hint = (f"did you mean '{synonym}'?" if synonym in holder.model_fields
                        else did_you_mean(word, holder.model_fields))
        elif kind in ("string_type", "str_type"):
            message = f"{where}: expected text, got {_describe(value)}"
            if isinstance(value, (bool, int, float)):
                hint = "put it in quotes to keep it as text"
        elif kind in ("float_type", "int_type", "float_parsing", "int_parsing", "int_from_float"):
            wanted = "a whole number" if kind.startswith("int") else "a number"
            message = f"{where}: expected {wanted}, got {_describe(value)}"
        elif kind == "finite_number":
            message = f"{where}: expected a finite number, got {value}"
        elif kind == "bool_type":
            message = f"{where}: expected true or false, got {_describe(value)}"
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            message = f"{where}: expected a mapping of fields, got {_describe(value)}"
        elif kind == "list_type":
            message = f"{where}: expected a list, got {_describe(value)}"
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            message = f"{where}: expected one of {expected}, got {_describe(value)}"
            choices = [c.strip(" '") for c in str(expected).replace(" or ", ",").split(",")]
            hint = did_you_mean(str(value), choices)
        elif kind == "string_pattern_mismatch":
            pattern = err.get("ctx", {}).get("pattern", "")
            what = "a colour like '#b8472f'" if pattern.startswith("^#") else (
                ("an id of lower-case letters, digits, hyphens and underscores" if "_-]" in pattern
                 else "an id of lower-case letters, digits and underscores") if "a-z" in pattern
                else f"text matching {pattern}")
            message = f"{where}: expected {what}, got {_describe(value)}"
        elif kind == "union_mismatch":
            message = f"{where}: {err['msg']}, got {_describe(value)}"
        elif kind == "value_error":
            message = f"{where}: {err['msg'].removeprefix('Value error, ')}"
        else:
            message = f"{where}: {err['msg'][:1].lower()}{err['msg'][1:]}, got {_describe(value)}"
        key = (loc, message)
        if key in seen:
            continue
        seen.add(key)
        out.append(doc.diagnostic(loc, code, message, key=on_key, hint=hint))
    return out


_CODES = {
    "missing": "001", "extra_forbidden": "002", "string_type": "003", "float_type": "004",
    "int_type": "004", "float_parsing": "004", "int_parsing": "004", "bool_type": "005",
    "model_type": "006", "dict_type": "006", "list_type": "007", "literal_error": "008",
    "string_pattern_mismatch": "009", "value_error": "010", "finite_number": "004", "union_mismatch": "003",
}


def _code_for(kind: str) -> str:
    return _CODES.get(kind, "099" if not kind.startswith(("greater", "less", "too_")) else "011")


def validate_model(doc: Document, model: type[BaseModel], what: str):
    """doc.data as a `model`, or ContentError with every schema problem at its position.
    `what` names the document for the message when it is not a mapping at all."""
    if not isinstance(doc.data, dict):
        required = [name for name, field in model.model_fields.items() if field.is_required()]
        raise ContentError([doc.diagnostic((), "S006", f"{what} must be a mapping of fields",
                                           hint=f"it needs at least: {', '.join(required)}")])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise ContentError(schema_diagnostics(doc, exc, model)) from None
