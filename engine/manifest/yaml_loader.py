"""Safe YAML loading that remembers where every value came from.

PyYAML composes the file into nodes (which carry start marks; engine.manifest.yaml_compose: from
libyaml's events where it can, from its pure-Python parser otherwise, with the same checks and the same
errors); we then build plain Python data ourselves instead of using its constructor, so that:
- every value and every mapping key has a (line, col) under its path, for FILE:LINE:COL errors;
- scalars resolve by YAML 1.2's core rules: `no`, `on`, `yes`, `1:20` and `2024-11-13` stay text;
- duplicate keys are errors, not "the later one silently wins";
- hostile input is refused early: the file size is checked before parsing, aliases are counted
  while composing, an alias inside its own anchor is refused, merge keys and custom tags are refused,
  and the expanded tree is bounded;
- text that could not be shown or written safely is refused where it stands (engine.manifest.scalar_text):
  bidirectional and other invisible formatting characters, lone surrogates, integers too long to print.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.diagnostics import ContentError, Diagnostic
from engine.manifest.scalar_text import MAX_INT_DIGITS, text_problem
from engine.manifest.yaml_compose import MAX_ALIASES, MAX_DEPTH, Refused, compose  # noqa: F401 (its limits, importable from here as before)

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 500_000

Loc = tuple  # a path into the data: ("pois", 3, "lat")

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_HEX = re.compile(r"^0x[0-9a-fA-F_]+$")
_OCT = re.compile(r"^0o[0-7_]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Document:
    """A parsed content file: plain data plus where each part of it starts."""

    path: Path
    data: Any
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # value positions
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # mapping-key positions
    display_path: str = ""
    warnings: list = field(default_factory=list)  # problems that do not stop the file being used

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The position of the node at `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while True:
            table = self.key_marks if key and loc in self.key_marks else self.marks
            if loc in table:
                return table[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]
            key = False

    def diagnostic(self, loc: Loc, code: str, message: str, *, key: bool = False,
                   hint: str = "", severity: str = "error") -> Diagnostic:
        line, col = self.where(loc, key=key)
        return Diagnostic(self.display_path, line, col, code, message, severity, hint)


_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


def display_name(path: Path) -> str:
    """Paths relative to the working folder when they are below it, as authors type them."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def load_yaml(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read one YAML content file; raises ContentError with positioned diagnostics."""
    path = Path(path)
    shown = display_name(path)

    def fail(line: int, col: int, code: str, message: str, hint: str = "") -> ContentError:
        return ContentError([Diagnostic(shown, line, col, code, message, "error", hint)])

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise fail(1, 1, "Y001", f"cannot read file: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise fail(1, 1, "Y002", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit for content files")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(1, 1, "Y003", f"file is not UTF-8 text (byte {exc.start})") from None

    try:
        root, aliases, nodes = compose(text)
    except Refused as exc:
        raise fail(exc.mark.line + 1, exc.mark.column + 1, exc.code, exc.message) from None
    except yaml.reader.ReaderError as exc:
        line, col = _position_of(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise fail(line, col, "Y012", f"character U+{code:04X} is not allowed "
                                      "in YAML text", "remove it, or write it as an escape in a quoted string") from None
    except yaml.MarkedYAMLError as exc:
        raise fail(*(_tab_error(exc, text) or _syntax_error(exc))) from None
    except yaml.YAMLError as exc:
        raise fail(1, 1, "Y010", f"YAML syntax error: {exc}") from None

    if root is not None and (aliases or nodes > MAX_NODES):  # else every value is at most the whole tree
        oversized = _first_oversized(root)
        if oversized is not None:
            mark = oversized.start_mark
            raise fail(mark.line + 1, mark.column + 1, "Y005",
                       f"this value expands to more than {MAX_NODES:,} values through aliases: refused "
                       "as a possible alias bomb")
    doc = Document(path=path, data=None, display_path=shown)
    builder = _Builder(doc, text)
    doc.data = None if root is None else builder.build(root, ())
    if builder.problems:
        raise ContentError(builder.problems)
    return doc


def _position_of(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


_SYNTAX_WORDS = {
    "found duplicate anchor": "the same &anchor name is defined twice",
    "but found another document": "a second document (---) follows; a content file holds one",
}


def _syntax_error(exc: yaml.MarkedYAMLError) -> tuple[int, int, str, str, str]:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    for words, plain in _SYNTAX_WORDS.items():
        if words in problem or words in (exc.context or ""):
            problem = plain
            break
    hint = ""
    if exc.context and exc.problem:  # PyYAML's contexts already read "while parsing ..."
        hint = exc.context
        if exc.context_mark is not None and exc.problem_mark is not None and exc.context_mark.line != exc.problem_mark.line:
            hint += f" that starts at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
    return line, col, "Y010", f"YAML syntax error: {problem}", hint


def _tab_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str, str, str] | None:
    """A tab where YAML wants spaces: PyYAML says "found character '\\t' that cannot start any token"."""
    mark = exc.problem_mark
    if mark is None or "'\\t'" not in (exc.problem or ""):
        return None
    line_text = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
    before = line_text[:mark.column]
    message = ("a tab indents this line: YAML indents with spaces only" if not before.strip(" \t")
               else "a tab here: YAML separates items with spaces, not tabs")
    return (mark.line + 1, mark.column + 1, "Y017", message,
            "use spaces, not tabs; set your editor to insert spaces for the Tab key")


def _first_oversized(root: yaml.Node):
    """The deepest node whose alias-expanded size alone passes MAX_NODES, or None.
    Sizes are counted per distinct node (memoised), so a bomb is measured without expanding it."""
    sizes: dict[int, int] = {}

    def size(node) -> int:
        key = id(node)
        if key not in sizes:
            sizes[key] = 1  # guards against a cycle while counting
            if isinstance(node, yaml.MappingNode):  # merge keys are refused, never expanded
                total = 1 + sum(size(k) + size(v) for k, v in node.value if k.tag != "tag:yaml.org,2002:merge")
            elif isinstance(node, yaml.SequenceNode):
                total = 1 + sum(size(v) for v in node.value)
            else:
                total = 1
            sizes[key] = min(total, 10 * MAX_NODES)
        return sizes[key]

    if size(root) <= MAX_NODES:
        return None
    node = root
    while True:
        children = ([v for k, v in node.value if k.tag != "tag:yaml.org,2002:merge"] if isinstance(node, yaml.MappingNode)
                    else node.value if isinstance(node, yaml.SequenceNode) else [])
        big = [c for c in children if size(c) > MAX_NODES]
        if not big:
            return node
        node = big[0]


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


class _Builder:
    """Turns composed nodes into plain data, recording marks and collecting problems."""

    def __init__(self, doc: Document, text: str):
        self.doc = doc
        self.text = text  # the source, to point at a bad character itself rather than its scalar
        self.problems: list[Diagnostic] = []
        self.count = 0

    def _problem(self, node, code: str, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.problems.append(Diagnostic(self.doc.display_path, mark.line + 1, mark.column + 1,
                                        code, message, "error", hint))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ContentError([Diagnostic(self.doc.display_path, node.start_mark.line + 1,
                                           node.start_mark.column + 1, "Y005",
                                           f"document expands to more than {MAX_NODES:,} values: refused")])
        self.doc.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            if node.tag not in _STANDARD_TAGS and node.tag != "tag:yaml.org,2002:seq":
                self._problem(node, "Y006", f"custom tag {_short_tag(node.tag)} is not allowed in content")
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        if node.tag not in _STANDARD_TAGS:
            self._problem(node, "Y006", f"custom tag {_short_tag(node.tag)} is not allowed in content")
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, "Y007", "merge keys (<<) are not supported in content",
                              "repeat the fields instead")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "Y008", "mapping keys must be plain text")
                continue
            key = self._scalar(key_node)
            key = key if isinstance(key, str) else key_node.value
            if key in result:
                first = self.doc.key_marks.get(loc + (key,), (0, 0))
                self._problem(key_node, "Y009", f"duplicate key '{key}'",
                              f"first defined at line {first[0]}")
                continue
            self.doc.key_marks[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, loc + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        value = node.value
        found = text_problem(value, self.text, node.start_mark.index, node.end_mark.index)
        if found is not None:
            index, code, message, hint = found
            line, col = _position_of(self.text, index) if index is not None else (
                node.start_mark.line + 1, node.start_mark.column + 1)
            self.problems.append(Diagnostic(self.doc.display_path, line, col, code, message, "error", hint))
            return ""
        if node.tag not in _STANDARD_TAGS and node.tag != _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)):
            self._problem(node, "Y006", f"custom tag {_short_tag(node.tag)} is not allowed in content")
            return value
        if node.style:  # quoted or block text is always text (plain: None, or '' from libyaml)
            return value
        if node.tag == _STR and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STR:
            return value  # an explicit !!str
        try:
            return resolve_plain(value)
        except ValueError:  # Python refuses to read (or later print) integers this long
            self._problem(node, "Y014", f"a number of {len(value):,} characters: integers may have at most "
                                        f"{MAX_INT_DIGITS:,} digits", "quote it if it is meant as text")
            return 0


def resolve_plain(value: str) -> Any:
    """YAML 1.2 core-schema resolution of an unquoted scalar."""
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.match(value) or _HEX.match(value) or _OCT.match(value):
        digits = value.replace("_", "")
        if len(digits) > MAX_INT_DIGITS:  # also keeps hex and octal values printable as decimal
            raise ValueError(f"integer literal of {len(digits)} characters")
        if _HEX.match(value):
            return int(digits, 16)
        return int(digits[2:], 8) if _OCT.match(value) else int(digits)
    if _FLOAT.match(value):
        return float(value.replace("_", ""))
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value
