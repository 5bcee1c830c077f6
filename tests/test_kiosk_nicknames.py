"""Every name the kiosk suggests is one the leaderboard takes as it is, and one visit is offered the
same four different names each time."""
from __future__ import annotations

from engine.kiosk.nicknames import WORDS, suggested_names
from engine.store.nickname import normalise_nickname


def test_every_suggestion_passes_the_stores_rules_unchanged():
    for zh, en in WORDS:
        name = f"{zh} {en} 99"  # the longest a suggestion gets
        assert normalise_nickname(name) == name


def test_a_visit_is_offered_four_different_names_the_same_each_time():
    names = suggested_names("a1b2c3d4")
    assert len(set(names)) == 4 and names == suggested_names("a1b2c3d4")
