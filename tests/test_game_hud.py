"""The passport and toasts as a visitor sees them: rendered offscreen, checked on the pixels."""
import numpy as np

from engine.game.loader import load_game
from engine.game.rules import GameProgress
from engine.ui.passport import Passport
from engine.ui.toasts import Toasts
from tests.conftest import DATA, ISLET

SEAL_RED = np.array([199, 31, 31])


def red_seal_share(image):
    return float((np.abs(image.astype(int) - SEAL_RED).sum(axis=2) < 60).mean())


def test_passport_shows_collected_stamps_as_seals(open_view):
    view = open_view(ISLET)
    game, _ = load_game(DATA / "scenes" / "islet" / "game.yaml", DATA / "scenes")
    passport = Passport(view.base.aspect2d, game, view.built.manifest.name, "en")
    try:
        passport.show(GameProgress())
        none = red_seal_share(view.pixels())
        passport.show(GameProgress(stamps={"stamp_summit"}, score=10))
        one = red_seal_share(view.pixels())
        passport.show(GameProgress(stamps={"stamp_summit", "stamp_chapel"}, badges={"all_stamps"}, score=45))
        both = red_seal_share(view.pixels())
        assert none < 0.01 < one and both > one * 1.6, (none, one, both)
        paper = view.pixels()[120, 160].astype(int)  # the middle of the screen is the passport's paper
        assert paper.min() > 200
    finally:
        passport.hide()
    assert not passport.visible


def test_toasts_stack_and_fade(open_view):
    view = open_view(ISLET)
    toasts = Toasts(view.base.aspect2d)
    try:
        before = view.pixels()
        toasts.show("Summit stamp!")
        toasts.show("Badge: Stamp collector")
        assert toasts.texts == ["Badge: Stamp collector", "Summit stamp!"]
        shown = view.pixels()
        top = slice(0, 60)
        assert np.abs(shown[top].astype(int) - before[top].astype(int)).mean() > 5
        toasts.advance(5.0)
        assert toasts.texts == []
        assert np.abs(view.pixels()[top].astype(int) - before[top].astype(int)).mean() < 1
    finally:
        toasts.destroy()


def test_passport_lists_the_best_visits(open_view):
    from engine.store.models import LeaderboardRow
    view = open_view(ISLET)
    game, _ = load_game(DATA / "scenes" / "islet" / "game.yaml", DATA / "scenes")
    passport = Passport(view.base.aspect2d, game, view.built.manifest.name, "en")
    try:
        passport.show(GameProgress())
        without = view.pixels().astype(int)
        rows = [LeaderboardRow(rank=1, nickname="Egret", score=120, scene="islet", day="2026-11-25", kiosk="k"),
                LeaderboardRow(rank=2, nickname="Seagull", score=90, scene="islet", day="2026-11-25", kiosk="k")]
        passport.show(GameProgress(), rows)
        with_board = view.pixels().astype(int)
        lower_right = (slice(130, 200), slice(200, 300))
        assert np.abs(with_board[lower_right] - without[lower_right]).mean() > 2  # text appeared there
    finally:
        passport.hide()


def test_toasts_given_in_both_languages_follow_a_switch(open_view):
    view = open_view(ISLET)
    toasts = Toasts(view.base.aspect2d, "zh")
    try:
        toasts.show({"zh": "获得印章：山顶印章 +10", "en": "Stamp: Summit stamp +10"})
        toasts.show("Ludao")  # one string: the same in every language
        zh = view.pixels()
        toasts.set_language("en")
        assert toasts.texts == ["Ludao", "Stamp: Summit stamp +10"]
        top = slice(0, 60)
        assert np.abs(view.pixels()[top].astype(int) - zh[top].astype(int)).mean() > 1  # redrawn
    finally:
        toasts.destroy()
