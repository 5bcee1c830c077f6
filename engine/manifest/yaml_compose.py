"""Composing YAML text into PyYAML nodes (with their start marks) under engine.manifest.yaml_loader's
checks: at most MAX_ALIASES aliases, counted before anything is expanded; no alias inside the value
its own anchor names (a cycle); at most MAX_DEPTH levels of nesting.

Two composers keep those checks: libyaml (C) reading, scanning and parsing with PyYAML's own
composer building the nodes from its events, and PyYAML's pure-Python loader. The C one is tried
first; when it is missing or fails in any way, the pure one parses the text again, so a refusal or a
syntax error reads exactly as it always has (tests/test_yaml_composers.py runs both over every
content file and the broken and hostile ones and finds the same data, marks and errors)."""
from __future__ import annotations

from typing import NamedTuple

import yaml

MAX_ALIASES = 200
MAX_DEPTH = 64


class Refused(Exception):
    """A check refused the text at `mark` with a diagnostic code and message."""

    def __init__(self, mark, code: str, message: str):
        super().__init__(message)
        self.mark, self.code, self.message = mark, code, message


class _Checks:
    """A composer that refuses too many aliases before anything is expanded, an alias inside its own
    anchor and nesting too deep; mixed into PyYAML's pure-Python loader and into the libyaml one."""

    def _start_checks(self) -> None:
        self.alias_count = 0
        self.node_count = 0  # nodes composed (an alias's counts once; what it names is not composed again)
        self.depth = 0
        self.open_anchors: list[str] = []  # anchors of the collections being composed right now

    def compose_node(self, parent, index):
        anchor = None
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise Refused(event.start_mark, "Y004",
                              f"more than {MAX_ALIASES} aliases (*name): refused as a possible alias bomb")
            if event.anchor in self.open_anchors:  # a cycle: building it would never end
                raise Refused(event.start_mark, "Y013",
                              f"alias *{event.anchor} is inside the value its anchor &{event.anchor} names")
        elif self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            anchor = self.peek_event().anchor
        self.depth += 1
        self.node_count += 1
        if anchor is not None:
            self.open_anchors.append(anchor)
        try:
            if self.depth > MAX_DEPTH:
                raise Refused(self.peek_event().start_mark, "Y011",
                              f"nested more than {MAX_DEPTH} levels deep: refused")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1
            if anchor is not None:
                self.open_anchors.pop()


class _CountingLoader(_Checks, yaml.SafeLoader):
    """PyYAML's pure-Python reader, scanner, parser and composer, with the checks."""

    def __init__(self, stream):
        super().__init__(stream)
        self._start_checks()


_CParser = getattr(getattr(yaml, "_yaml", None), "CParser", None) if yaml.__with_libyaml__ else None

if _CParser is not None:
    class _FastLoader(_Checks, yaml.composer.Composer, yaml.resolver.Resolver, _CParser):
        """libyaml reads, scans and parses (its events carry the same marks: characters, not bytes);
        PyYAML's own composer builds the nodes from them in Python, so every check above runs on
        every node as it is composed (libyaml's own composer, in C, would recurse without a bound).
        A plain scalar's style is '' here where the pure loader says None: the builder reads both as plain."""

        def __init__(self, stream):
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._start_checks()
else:  # PyYAML built without libyaml: the pure loader alone
    _FastLoader = None


class Composed(NamedTuple):
    root: yaml.Node | None  # None for an empty document
    aliases: int
    nodes: int  # nodes composed: without aliases, the size of the whole tree


def _compose(text: str, loader_class) -> Composed:
    loader = loader_class(text)
    try:
        return Composed(loader.get_single_node(), loader.alias_count, loader.node_count)
    finally:
        loader.dispose()


def compose(text: str) -> Composed:
    """The root node with its counts; raises Refused or PyYAML's errors, as the pure loader does."""
    composed = _compose_fast(text)
    return composed if composed is not None else _compose(text, _CountingLoader)  # the reader checks characters


def _compose_fast(text: str) -> Composed | None:
    """The text composed from libyaml's events, or None when libyaml is missing, the text has a
    byte-order mark (whose marks libyaml counts differently), a character PyYAML's reader refuses (its
    Y012, never libyaml's own say) or a tab (libyaml takes some that PyYAML refuses: Y017), or
    anything goes wrong: then the pure loader parses the text again, so a refusal or a syntax
    error reads exactly as it always has."""
    if _FastLoader is None or text.startswith("\ufeff") or "\t" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    try:
        return _compose(text, _FastLoader)
    except Exception:  # noqa: BLE001 - any failure: the pure loader's own answer, positioned, is what counts
        return None
