"""Mutated content never crashes `validate`: the shipped tours, games and scene manifests, damaged
the ways files get damaged (flipped bytes, lost, doubled or cut lines, values swapped between keys)
and the ways hostile YAML is written (anchors and aliases, tags, huge numbers, surrogate escapes,
invisible characters), go through `engine.cli.main(["validate", ...])` in-process. Every run must end
with exit 0 or 2, never 1 or a traceback, and exit 2 must point at FILE:LINE:COL.

Seeded (LUDAO_FUZZ_SEED) and bounded by a time budget checked in the loop (LUDAO_FUZZ_SECONDS for the
manifests, 3/4 of it for the tours and 3/8 for the games: about 35 s in all on a slow machine), so a
failure can be replayed: the message names the seed, the round, the file and the mutation. Inputs that
once crashed are kept as regression cases at the end.

In the tours and games cases the files a round does not damage are parsed once for all its rounds
(the runs share one engine.manifest.read_once block): a damaged tour still reads its scene, a damaged
game every tour of its scene and the scene, but as already loaded; the damaged file is always parsed
anew (a file is known by its bytes). Measured on 2 busy cores, with the same seed: the tours case got
through 45 rounds in 10 s where it had got through 42 in 16 s, the games case through 63 in 6 s where
it had got through 5 in 16 s: their shorter budgets hold more rounds than the whole budget did.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
import shutil
import time
from pathlib import Path
from typing import Callable

import pytest

from engine.cli.main import main
from engine.manifest.read_once import files_read_once
from tests.conftest import ROOT

SEED = int(os.environ.get("LUDAO_FUZZ_SEED", "20261206"))
BUDGET_S = float(os.environ.get("LUDAO_FUZZ_SECONDS", "16"))  # the manifests'; the others a SHARE of it
# of BUDGET_S: tours and games rounds share their undamaged files, so more of them fit in less time
SHARE = {"tours": 0.75, "games": 0.375, "manifests": 1.0}
POSITIONED = re.compile(r"^.+:\d+:\d+: (error|warning): .+\[[A-Z]\d{3}\]", re.M)

HOSTILE_LINES = [
    "x: &a [1, *a]", "x: &a {b: *a}", "x: *nowhere", "x: !!python/object/apply:os.system [ls]", "x: !custom 3",
    "x: " + "9" * 5000, "x: 0x" + "f" * 3000, 'x: "\\ud800"', 'x: "a\\udfffb"', 'x: "\\u202e"', "x: a\u2066b",
    "x: &m {a: 1}\n<<: *m", "? [a, b]\n: c", "---\nx: 1", "x: " + "[" * 80 + "]" * 80, "x: 1e999", "x: .nan",
    "x: !!binary aGk=", "x: !!timestamp 2001-12-14", "x: \t1", "x: \x00", "x: \ufeff1", "&a x: 1",
]
HOSTILE_VALUES = [
    "*nowhere", "&a 1", "!!str 3", "!!int x", "!!float 1", "!!bool yes", "!!null ''", "!custom x", "~", "[]", "{}",
    "true", "no", "-0", ".inf", "-.inf", ".nan", "1e999", "1_000", "0o17", "0x10", "9" * 5000, '"\\ud83d"',
    '"\\u202eevil"', '"\\u200dok"', '"\\x00"', "'", '"', "[1, [2, [3]]]", "{a: {b: {c: 1}}}", "2024-11-13", "1:20",
    "-1", "0", "1000000", "'  '", '""', "|\n  block", ">-\n  folded",
]
_VALUE_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_][\w-]*:) (.+)$")


def flip_byte(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    i = rng.randrange(len(data))
    bit = 1 << rng.randrange(8)
    return data[:i] + bytes([data[i] ^ bit]) + data[i + 1:], f"flip bit {bit} of byte {i}"


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def delete_line(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    return b"".join(lines[:i] + lines[i + 1:]), f"delete line {i + 1}"


def duplicate_line(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    return b"".join(lines[:i + 1] + lines[i:]), f"duplicate line {i + 1}"


def truncate_anywhere(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    i = rng.randrange(len(data))
    return data[:i], f"cut at byte {i}"


def truncate_at_line(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    i = rng.randrange(1, len(lines))
    return b"".join(lines[:i]), f"cut after line {i}"


def swap_values(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = data.decode("utf-8", "surrogateescape").splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if _VALUE_LINE.match(line.rstrip("\n"))]
    if len(candidates) < 2:
        return data, "no values to swap"
    a, b = rng.sample(candidates, 2)
    ma, mb = (_VALUE_LINE.match(lines[i].rstrip("\n")) for i in (a, b))
    lines[a], lines[b] = f"{ma.group(1)} {mb.group(2)}\n", f"{mb.group(1)} {ma.group(2)}\n"
    return "".join(lines).encode("utf-8", "surrogateescape"), f"swap the values of lines {a + 1} and {b + 1}"


def insert_hostile(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = data.decode("utf-8", "surrogateescape").splitlines(keepends=True)
    i = rng.randrange(len(lines) + 1)
    indent = re.match(r"\s*(?:- )?", lines[i - 1]).group(0).replace("-", " ") if i else ""
    snippet = rng.choice(HOSTILE_LINES)
    text = "".join(indent + part + "\n" for part in snippet.split("\n"))
    mutated = "".join(lines[:i] + [text] + lines[i:]).encode("utf-8", "surrogateescape")
    return mutated, f"insert {snippet[:40]!r} before line {i + 1}"


def hostile_value(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = data.decode("utf-8", "surrogateescape").splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if _VALUE_LINE.match(line.rstrip("\n"))]
    if not candidates:
        return data, "no value to replace"
    i = rng.choice(candidates)
    value = rng.choice(HOSTILE_VALUES)
    key = _VALUE_LINE.match(lines[i].rstrip("\n")).group(1)
    indent = " " * (len(key) - len(key.lstrip()) + 2)
    lines[i] = f"{key} {value.replace(chr(10), chr(10) + indent)}\n"
    return "".join(lines).encode("utf-8", "surrogateescape"), f"line {i + 1}: value {value[:40]!r}"


MUTATIONS: list[Callable[[bytes, random.Random], tuple[bytes, str]]] = [
    flip_byte, delete_line, duplicate_line, truncate_anywhere, truncate_at_line, swap_values, insert_hostile,
    hostile_value,
]


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """A copy of the content tree, so references between files still resolve."""
    root = tmp_path_factory.mktemp("content")
    shutil.copytree(ROOT / "scenes", root / "scenes")
    shutil.copytree(ROOT / "scripts", root / "scripts")
    return root


def validate(root: Path, path: Path, fmt: str = "text") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(path), "--format", fmt, "--scenes", str(root / "scenes"),
                     "--scripts", str(root / "scripts"), "--data", str(root / "data")])
    return code, out.getvalue(), err.getvalue()


def assert_clean_exit(root: Path, path: Path, fmt: str, what: str) -> None:
    code, out, err = validate(root, path, fmt)
    shown = f"{what}\nexit {code}\n{(out + err)[-2000:]}"
    assert code in (0, 2), shown
    assert "Traceback" not in out + err, shown
    if code == 2 and fmt == "text":
        assert POSITIONED.search(err), shown
        # one diagnostic a line: every line but the indented source excerpts is a whole diagnostic
        assert all(POSITIONED.match(line) for line in err.splitlines() if line and not line[0].isspace()), shown
    if code == 2 and fmt == "json":
        problems = json.loads(out)
        assert any(p["severity"] == "error" and p["line"] >= 1 and p["col"] >= 1 for p in problems), shown


KINDS = {
    "tours": lambda root: sorted((root / "scripts").glob("*.tour.yaml")),
    "games": lambda root: sorted((root / "scenes").glob("*/game.yaml")),
    "manifests": lambda root: sorted((root / "scenes").glob("*/scene.yaml")),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_mutated_content_never_crashes_validate(content, kind):
    rng = random.Random(f"{SEED}-{kind}")
    files = KINDS[kind](content)
    assert files
    originals = {path: path.read_bytes() for path in files}
    deadline = time.monotonic() + BUDGET_S * SHARE[kind]
    rounds = 0
    # a manifests round reads nothing but its damaged scene: nothing to share, and each one kept
    # would hold a whole scene's marks
    shared = contextlib.nullcontext() if kind == "manifests" else files_read_once()
    try:
        with shared:
            while time.monotonic() < deadline:
                path = rng.choice(files)
                mutate = rng.choice(MUTATIONS)
                data, how = mutate(originals[path], rng)
                if rng.random() < 0.3:  # sometimes two mutations at once
                    data, more = rng.choice(MUTATIONS)(data, rng) if data else (data, "")
                    how += f", then {more}"
                path.write_bytes(data)
                fmt = "json" if rng.random() < 0.25 else "text"
                assert_clean_exit(content, path, fmt, f"seed {SEED}, {kind} round {rounds}: {path.name}: {how}")
                path.write_bytes(originals[path])
                rounds += 1
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    assert rounds > 0


# --- inputs the fuzzer found, kept as regression cases -------------------------------------------
REGRESSIONS: list[tuple[str, Callable[[str], str]]] = [
    ("scripts/yundang-egrets.tour.yaml", lambda text: text + "x: &a [1, *a]\n"),
    ("scenes/gulangyu/scene.yaml", lambda text: text + "x: " + "9" * 5000 + "\n"),
    ("scenes/yundang/game.yaml", lambda text: text + 'x: "\\ud800"\n'),
    # a line break in a text where an id belongs was echoed into the message, splitting the diagnostic
    ("scenes/shapowei/scene.yaml", lambda text: text.replace("  - id: city_blocks\n", '  - id: "city\\nblocks"\n')),
]


@pytest.mark.parametrize("relative, damage", REGRESSIONS)
def test_inputs_that_once_crashed(content, relative, damage):
    path = content / relative
    original = path.read_bytes()
    try:
        path.write_text(damage(original.decode("utf-8")), encoding="utf-8")
        for fmt in ("text", "json"):
            assert_clean_exit(content, path, fmt, relative)
    finally:
        path.write_bytes(original)
