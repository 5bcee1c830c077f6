"""The registry of diagnostic codes (engine/diagnostic_codes) against the engine that raises them, its
generated page docs/diagnostics.md, and `validate --explain`."""
from __future__ import annotations

import ast
import re

import pytest
import yaml

from engine.cli import EXIT_BAD_INPUT, EXIT_OK, main
from engine.diagnostic_codes import CODES, DOC_PATH, markdown
from tests.conftest import ROOT

CODE = re.compile(r"^[A-Z][0-9]{3}$")
ENGINE = ROOT / "engine"


def _raised() -> dict[str, set[str]]:
    """Code -> the severities it is raised with, from every code literal in engine/ (the registry aside).
    A literal passed to a call takes that call's `severity` (keyword, or a positional "warning"/"error"
    after it); a literal anywhere else (a table, a returned tuple) counts as an error."""
    found: dict[str, set[str]] = {}
    for path in ENGINE.rglob("*.py"):
        if "diagnostic_codes" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_calls = set()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for i, arg in enumerate(node.args):
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and CODE.match(arg.value):
                    in_calls.add(id(arg))
                    found.setdefault(arg.value, set()).add(_severity(node, i))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value) \
                    and id(node) not in in_calls:
                found.setdefault(node.value, set()).add("error")
    from engine.manifest.schema_errors import _CODES, _code_for  # S + a number chosen from pydantic's error kind
    for number in {*_CODES.values(), _code_for("some_other_kind"), _code_for("greater_than")}:
        found.setdefault("S" + number, set()).add("error")
    return found


def _severity(call: ast.Call, code_index: int) -> str:
    for keyword in call.keywords:
        if keyword.arg == "severity" and isinstance(keyword.value, ast.Constant):
            return keyword.value.value
    later = [a.value for a in call.args[code_index + 1:] if isinstance(a, ast.Constant)]
    return next((v for v in later if v in ("error", "warning")), "error")


def test_every_code_the_engine_raises_is_explained():
    missing = sorted(set(_raised()) - set(CODES))
    assert not missing, f"codes raised under engine/ with no entry in engine/diagnostic_codes: {missing}"


def test_the_registry_has_no_dead_entries():
    dead = sorted(set(CODES) - set(_raised()))
    assert not dead, f"registry entries no code under engine/ raises: {dead}"


def test_each_code_has_the_severity_it_is_raised_with():
    for code, severities in _raised().items():
        registered = CODES[code].severity
        assert severities == {registered}, f"{code} is raised as {severities}, registered as {registered}"


@pytest.mark.parametrize("code", sorted(CODES))
def test_each_entry_is_complete_and_its_right_example_is_yaml(code):
    info = CODES[code]
    assert info.code == code and info.severity in ("error", "warning")
    assert info.title and len(info.explanation) > 60
    assert info.wrong != info.right
    for example in (info.wrong, info.right):
        assert 1 <= len(example.splitlines()) <= 8, example
    yaml.safe_load(info.right)  # the corrected example at least reads as YAML


def test_docs_diagnostics_md_is_generated_from_the_registry():
    on_disk = (ROOT / DOC_PATH).read_text(encoding="utf-8")
    assert on_disk == markdown(), f"{DOC_PATH} is out of date: run `python -m engine.diagnostic_codes {DOC_PATH}`"


def test_explain_prints_the_entry(capsys):
    assert main(["validate", "--explain", "s006"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("S006 (error): expected a mapping of fields")
    assert "Wrong:\n    origin: 24.40, 118.00" in out and "Right:\n" in out


def test_explain_an_unknown_code_exits_2_with_a_hint(capsys):
    assert main(["validate", "--explain", "S066"]) == EXIT_BAD_INPUT
    assert "no diagnostic code 'S066' (did you mean 'S006'?)" in capsys.readouterr().err
