"""String tables: every user-facing text of the content, out to a CSV for translators and back.

Each row is one bilingual text: a stable key (built from the ids on its path, never from its
position or wording), where it is (FILE:LINE), the source text and a short hash of it, and the
translation. Importing writes the translation into the content file (comments and layout kept)
together with `<lang>_from: <hash>`, the hash of the source it was made from; when the source is
edited later, `validate` warns that the translation is stale (engine.manifest.source_hash).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from engine.errors import UsageError
from engine.files import atomic_write
from engine.game.loader import game_files
from engine.manifest.source_hash import bilingual_nodes, other, text_hash
from engine.manifest import round_trip
from engine.manifest.scalar_text import text_problem
from engine.manifest.yaml_loader import Document, display_name, load_yaml
from engine.settings import Settings
from engine.tour.loader import TOUR_SUFFIX, tour_files

COLUMNS = ["key", "where", "source_lang", "source_hash", "source", "lang", "text"]


@dataclass
class Entry:
    key: str
    path: Path
    loc: tuple
    line: int
    source: str
    translation: str
    made_from: str | None  # the source hash the current translation was made from, if recorded

    def where(self) -> str:
        return f"{display_name(self.path)}:{self.line}"


def content_documents(settings: Settings) -> list[tuple[str, Document]]:
    """(key prefix, document) for every scene manifest and tour."""
    docs = []
    for path in sorted(settings.scenes_dir.glob("*/scene.yaml")):
        docs.append((f"scene:{path.parent.name}", load_yaml(path)))
    for path in game_files(settings.scenes_dir):
        docs.append((f"game:{path.parent.name}", load_yaml(path)))
    for path in tour_files(settings.scripts_dir):
        docs.append((f"tour:{path.name.removesuffix(TOUR_SUFFIX)}", load_yaml(path)))
    return docs


def _key(prefix: str, data, loc: tuple) -> str:
    parts, node = [], data
    for part in loc:
        item = node[part]
        if isinstance(part, int):
            parts.append(str(item["id"]) if isinstance(item, dict) and isinstance(item.get("id"), str) else f"#{part}")
        else:
            parts.append(str(part))
        node = item
    return f"{prefix}:{'.'.join(parts)}"


def collect(settings: Settings, lang: str) -> list[Entry]:
    entries = []
    for prefix, doc in content_documents(settings):
        for loc, node in bilingual_nodes(doc.data):
            entries.append(Entry(_key(prefix, doc.data, loc), doc.path, loc, doc.where(loc)[0],
                                 node[other(lang)], node[lang], node.get(f"{lang}_from")))
    return entries


def export_table(settings: Settings, lang: str, out: Path) -> int:
    entries = collect(settings, lang)
    with atomic_write(out, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for e in entries:
            writer.writerow([e.key, e.where(), other(lang), text_hash(e.source), e.source, lang, e.translation])
    return len(entries)


@dataclass
class ImportReport:
    updated: int = 0
    unchanged: int = 0
    unknown: list[str] = None
    stale: list[str] = None


def import_table(settings: Settings, lang: str, table: Path) -> ImportReport:
    """Merge a translated table into the content files. Rows whose source has changed since the
    export are imported all the same, marked with the old hash: validate then flags them."""
    index = {e.key: e for e in collect(settings, lang)}
    report = ImportReport(unknown=[], stale=[])
    edits: dict[Path, list[tuple[tuple, str, str]]] = {}
    for row in read_table(table):
        if row.get("lang") != lang:
            continue
        entry = index.get(row["key"])
        if entry is None:
            report.unknown.append(row["key"])
            continue
        if row["source_hash"] != text_hash(entry.source):
            report.stale.append(row["key"])
        if row["text"] == entry.translation and entry.made_from == row["source_hash"]:
            report.unchanged += 1
            continue
        edits.setdefault(entry.path, []).append((entry.loc, row["text"], row["source_hash"]))
    for path, changes in edits.items():
        data = round_trip.load(path)
        for loc, text, made_from in changes:
            node = data
            for part in loc:
                node = node[part]
            node[lang] = text
            node[f"{lang}_from"] = made_from
            report.updated += 1
        round_trip.save(path, data)
    return report



TABLE_COLUMNS = ("key", "lang", "source_hash", "text")


def read_table(table: Path) -> list[dict[str, str]]:
    """The rows of a translated table; UsageError (exit 2, naming the table and line) for a table
    that is not UTF-8 CSV with our columns, or a translation that content may not hold."""
    try:
        with table.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows = [(reader.line_num, row) for row in reader]
            columns = reader.fieldnames or []
    except UnicodeDecodeError as exc:
        raise UsageError(f"{table}: not UTF-8 text (byte {exc.start})") from None
    except csv.Error as exc:
        raise UsageError(f"{table}: not a readable CSV table ({exc})") from None
    missing = [c for c in TABLE_COLUMNS if c not in columns]
    if missing:
        raise UsageError(f"{table}: no column {', '.join(missing)}; export a table to see the columns it needs")
    for line, row in rows:
        if any(row.get(c) is None for c in TABLE_COLUMNS):
            raise UsageError(f"{table}:{line}: the row has fewer columns than the header")
        found = text_problem(row["text"], "", 0, 0)
        if found is not None:
            raise UsageError(f"{table}:{line}: {found[2]} ({found[3]})")
    return [row for _, row in rows]
