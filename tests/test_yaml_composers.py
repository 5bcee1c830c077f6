"""The two YAML composers (engine.manifest.yaml_compose) give the same answer: libyaml's events with
PyYAML's composer, and PyYAML's pure-Python loader. Over every content file, every broken or hostile
YAML file the tests keep, the fuzz test's hostile lines and a few hundred of its seeded mutations of
the content, `load_yaml` returns the same data with the same value and key marks, or refuses with the
same positioned diagnostics. And the fast path is really taken for the shipped content."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from engine.diagnostics import ContentError
from engine.manifest import yaml_compose
from engine.manifest.yaml_loader import load_yaml
from tests.conftest import ROOT
from tests.test_fuzz_content import HOSTILE_LINES, HOSTILE_VALUES, MUTATIONS

pytestmark = pytest.mark.skipif(yaml_compose._FastLoader is None, reason="PyYAML without libyaml: one composer only")

CONTENT = sorted([*(ROOT / "scenes").rglob("*.yaml"), *(ROOT / "scripts").rglob("*.yaml"),
                  ROOT / "hall.yaml", ROOT / "kiosk.yaml"])
KEPT = sorted((ROOT / "tests").rglob("*.yaml"))  # the broken corpora, the hostile files, the test scenes
MUTATION_ROUNDS = int(os.environ.get("LUDAO_COMPOSER_ROUNDS", "150"))  # 1,500 ran clean once
SEED = int(os.environ.get("LUDAO_FUZZ_SEED", "20261206"))


def outcome(path: Path, *, fast: bool, monkeypatch) -> tuple:
    """What load_yaml makes of the file with one composer: (data, marks, key marks) or the diagnostics."""
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(yaml_compose, "_FastLoader", None)
        try:
            doc = load_yaml(path)
        except ContentError as exc:
            return ("refused", [d.format() for d in exc.diagnostics])
    return ("loaded", repr(doc.data), doc.marks, doc.key_marks)  # repr: NaN equals NaN


def assert_same(path: Path, monkeypatch, what: str = "") -> tuple:
    fast, pure = outcome(path, fast=True, monkeypatch=monkeypatch), outcome(path, fast=False, monkeypatch=monkeypatch)
    assert fast == pure, f"{path.name} {what}: the composers differ"
    return fast


def test_every_content_file_composes_alike_and_through_libyaml(monkeypatch):
    assert len(CONTENT) > 10
    for path in CONTENT:
        assert assert_same(path, monkeypatch)[0] == "loaded", path
        assert yaml_compose._compose_fast(path.read_text(encoding="utf-8")) is not None, \
            f"{path.name} fell back to the pure loader"


def test_every_broken_and_hostile_file_the_tests_keep_composes_alike(monkeypatch):
    outcomes = [assert_same(path, monkeypatch)[0] for path in KEPT]
    assert len(KEPT) > 150 and "refused" in outcomes and "loaded" in outcomes


def test_hostile_lines_and_values_compose_alike(tmp_path, monkeypatch):
    base = "id: x\nname: {zh: 岛, en: Isle}\nlist:\n  - 1\n  - a: b\n"
    texts = [base + line + "\n" for line in HOSTILE_LINES]
    texts += [f"{base}v: {value}\n" for value in HOSTILE_VALUES]
    texts += ["\ufeff" + base, base.replace("\n", "\r\n"), "\x85".join(base.split("\n")), "", "---\n", "# only\n",
              "a: " + "[" * 70 + "]" * 70 + "\n", "a: " + "[" * 20_000 + "\n", "a: &x [1]\nb: *x\nc: *x\n",
              "a: 'unclosed\n", "a: \"\\u00e9 \\x41\"\n", "a:\n\tb: 1\n", "a: 1 # c\n? b\n: 2\n", "%YAML 1.1\n---\na: 1\n"]
    for i, text in enumerate(texts):
        path = tmp_path / f"h{i}.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
        assert_same(path, monkeypatch, repr(text[:60]))


def test_seeded_mutations_of_the_content_compose_alike(tmp_path, monkeypatch):
    rng = random.Random(SEED)
    sources = [p.read_bytes() for p in CONTENT]
    for round_ in range(MUTATION_ROUNDS):
        mutation = rng.choice(MUTATIONS)
        data, what = mutation(rng.choice(sources), rng)
        path = tmp_path / f"m{round_}.yaml"
        path.write_bytes(data)
        assert_same(path, monkeypatch, f"round {round_}: {mutation.__name__} {what}")


def test_a_tree_over_the_limit_without_aliases_is_still_measured_as_before(tmp_path, monkeypatch):
    """The walk that finds the oversized value is skipped only when the tree is alias-free and small
    enough that no value can pass the limit; one just over it still gets that walk's Y005."""
    from engine.manifest.yaml_loader import MAX_NODES
    path = tmp_path / "big.yaml"
    path.write_text("a: [" + "1," * (MAX_NODES + 10) + "]\n", encoding="utf-8")
    kind, diagnostics = outcome(path, fast=True, monkeypatch=monkeypatch)
    assert kind == "refused" and len(diagnostics) == 1
    assert "Y005" in diagnostics[0] and "through aliases" in diagnostics[0] and ":1:4:" in diagnostics[0]
