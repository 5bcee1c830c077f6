"""Which source text a translation was made from: a short hash stored beside the translation.

A bilingual text may carry `en_from: <hash of the zh text>` (or `zh_from` for the other way);
when the source text changes afterwards its hash no longer matches and `validate` warns that the
translation is stale. Only the two languages of the content exist: zh and en.
"""
from __future__ import annotations

import hashlib
from typing import Iterator

from engine.diagnostics import Diagnostic
from engine.manifest.yaml_loader import Document

LANGS = ("zh", "en")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:8]


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def bilingual_nodes(data, loc: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every mapping in the document that holds both zh and en texts, with its location."""
    if isinstance(data, dict):
        if isinstance(data.get("zh"), str) and isinstance(data.get("en"), str):
            yield loc, data
        for key, value in data.items():
            yield from bilingual_nodes(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from bilingual_nodes(value, loc + (i,))


def stale_translations(doc: Document) -> list[Diagnostic]:
    out = []
    for loc, node in bilingual_nodes(doc.data):
        for lang in LANGS:
            made_from = node.get(f"{lang}_from")
            if isinstance(made_from, str) and made_from != text_hash(node[other(lang)]):
                out.append(doc.diagnostic(loc + (f"{lang}_from",), "I001",
                                          f"the {lang} text was translated from an older {other(lang)} text "
                                          f"(hash {made_from}, now {text_hash(node[other(lang)])})",
                                          severity="warning",
                                          hint=f"check the {lang} translation, then export and import it again"))
    return out
