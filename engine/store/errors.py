"""What the store raises. Every error is a StoreError, so a caller can catch them all at once."""
from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used as asked (not a Ludao database, a migration failed, ...)."""


class SchemaTooNew(StoreError):
    """The database was written by a newer Ludao: opening it would risk its data, so we refuse."""


class UnknownSession(StoreError, LookupError):
    """No session with this id (never started, or purged)."""


class NoNickname(StoreError, ValueError):
    """A session without a nickname cannot go on a leaderboard."""


class NicknameRefused(StoreError, ValueError):
    """A nickname that cannot be shown. `reason` is a short English sentence for the log or the
    operator; `code` ('empty', 'too_long', 'invisible_character', 'blocked_word') is what the UI looks
    up to show the visitor the message in their language."""

    def __init__(self, reason: str, code: str):
        super().__init__(reason)
        self.reason = reason
        self.code = code
