"""SQLite persistence: visitor sessions and progress, leaderboards, anonymous visit statistics.

One `Store` a database file (WAL, synchronous=FULL: whatever a record_* call returned is on disk).
No personal data: a session is a random id with a short resume code; nicknames are checked.
"""
from engine.store.errors import NicknameRefused, NoNickname, SchemaTooNew, StoreError, UnknownSession
from engine.store.models import LeaderboardRow, Progress, Session
from engine.store.store import Store

__all__ = ["Store", "Session", "Progress", "LeaderboardRow", "StoreError", "SchemaTooNew", "UnknownSession",
           "NoNickname", "NicknameRefused"]
