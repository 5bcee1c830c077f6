"""Every control a visitor touches is at least 48 px high and wide on a 1080p screen."""
from engine.game.loader import load_game
from engine.game.rules import GameProgress
from engine.ui.game_hud import GameHud
from engine.ui.hud import Hud
from engine.ui.info_card import InfoCard
from engine.ui.passport import Passport
from engine.ui.question_panel import QuestionPanel
from engine.ui.tour_controls import TourControls
from tests.conftest import DATA, ISLET

PX_PER_UNIT_1080P = 1080 / 2  # aspect2d is 2 units high


def buttons_under(node):
    return [w for w in node.find_all_matches("**/+PGButton")]


def test_every_button_is_finger_sized(open_view):
    view = open_view(ISLET)
    parent = view.base.aspect2d
    game, _ = load_game(DATA / "scenes" / "islet" / "game.yaml", DATA / "scenes")
    widgets = [Hud(parent, view.built.manifest, "zh", on_mode=lambda m: None, on_next_view=lambda: None),
               TourControls(parent, "en", on_pause=None, on_back=None, on_skip=None, on_roam=None),
               GameHud(parent, game, view.built.manifest.name, "en", passport_data=lambda: (GameProgress(), []),
                       on_answer=lambda quiz, option: None)]  # the passport's button
    card = InfoCard(parent, "en")
    card.show(view.built.manifest.pois[0])
    questions = QuestionPanel(parent, lambda option: None)
    questions.show("?", [("a", "A"), ("b", "B")])
    passport = Passport(parent, game, view.built.manifest.name, "en")
    passport.show(GameProgress())
    try:
        found = buttons_under(parent)
        assert len(found) >= 11
        for button in found:
            left, right, bottom, top = button.node().get_frame()  # the clickable area, in its own units
            scale = button.get_scale(parent)
            width = (right - left) * scale.x * PX_PER_UNIT_1080P
            height = (top - bottom) * scale.z * PX_PER_UNIT_1080P
            assert height >= 48 and width >= 48, f"{button.name}: {width:.0f} x {height:.0f} px at 1080p"
    finally:
        for widget in widgets:
            widget.destroy() if hasattr(widget, "destroy") else None
        card.destroy()
        questions.hide()
        passport.hide()
