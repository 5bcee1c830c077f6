"""Rewriting an author's YAML file without losing anything: comments, key order, quoting and
layout stay; the file is replaced atomically. Used by the tools that edit content (tag, strings)."""
from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML

from engine.files import atomic_write


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap an author's long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(path: Path):
    """The file's data as round-trip nodes (CommentedMap / CommentedSeq)."""
    return _yaml().load(Path(path).read_text(encoding="utf-8"))


def save(path: Path, data) -> None:
    out = io.StringIO()
    _yaml().dump(data, out)  # render first: a dump error never touches the file
    with atomic_write(path) as f:
        f.write(out.getvalue())
