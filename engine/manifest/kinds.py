"""The registry of content kinds: each kind (scenes here; tours and games in their own packages)
registers its pydantic model and the JSON Schema file editors read, so the manifest layer serves
every kind without importing any of them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pydantic import BaseModel


@dataclass(frozen=True)
class ContentKind:
    name: str  # "scene", "tour", "game"
    model: type[BaseModel]
    schema_file: str  # under schemas/, e.g. "scene.schema.json"
    # adjusts the generated JSON Schema (the tour's `action` step lists the registered actions)
    customise: Callable[[dict], None] | None = None


REGISTRY: dict[str, ContentKind] = {}


def register(kind: ContentKind) -> ContentKind:
    REGISTRY[kind.name] = kind
    return kind


def kind_of(model: type[BaseModel]) -> ContentKind | None:
    return next((k for k in REGISTRY.values() if k.model is model), None)
