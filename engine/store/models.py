"""The plain values the store hands out."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Session:
    id: str              # uuid4 hex: anonymous, random
    resume_code: str     # 6 characters from resume_code.ALPHABET, unique on its kiosk
    started_at: datetime  # timezone-aware (UTC)
    scene: str
    lang: str


@dataclass(frozen=True)
class Progress:
    stamps: frozenset[str]
    collectibles: frozenset[str]
    badges: frozenset[str]
    score: int
    challenges: frozenset[str] = frozenset()
    answers: tuple[tuple[str, bool], ...] = ()  # (quiz id, right) in the order answered, first answers only


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int
    nickname: str
    score: int
    scene: str
    day: str    # YYYY-MM-DD, the kiosk's day when it was submitted
    kiosk: str
