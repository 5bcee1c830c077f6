"""Every visitor-facing text of every shipped scene, tour and game, laid out on the overlay in both
languages at 1280x720 and 1920x1080: no widget covers another, no text leaves its box or the screen.

The worst case is everything at once: the HUD, the tour controls, the passport button, three toasts,
the info card, a subtitle and a question with its options. Each text is shown in turn with the
tallest of the others around it. Both sizes are 16:9, so the overlay (2 units high, 2 x 16/9 wide,
text measured by Panda3D in those units) is the same layout; the rectangles are reported in each
size's pixels. Widgets hang from edge anchors made at 16:9 under a plain node, as ShowBase makes
them under aspect2d (the shared test ShowBase is 4:3)."""
from __future__ import annotations

from pathlib import Path

import pytest
from panda3d.core import NodePath

from engine.game.loader import load_game
from engine.game.rules import GameProgress
from engine.game.session import TEXTS
from engine.manifest.scene_loader import load_scene
from engine.tour.loader import load_tour
from engine.ui.event_banner import EventBanner
from engine.ui.game_hud import GameHud
from engine.ui.hud import Hud
from engine.ui.info_card import InfoCard
from engine.ui.question_panel import QuestionPanel
from engine.ui.screen_layout import CARD_BODY, SUBTITLE, make_anchors
from engine.ui.subtitles import Subtitles
from engine.ui.text_size import set_large_text
from engine.ui.tour_controls import TourControls
from tests.conftest import ROOT
from tests.ui_boxes import collect, problems

SIZES = ((1280, 720), (1920, 1080))
ASPECT = 16 / 9
LANGS = ("zh", "en")
SCENES = sorted((ROOT / "scenes").glob("*/scene.yaml"))
# each test loads a scene, its game and every tour, and each of those the scene again
pytestmark = pytest.mark.usefixtures("content_parsed_once")


def _tour_lines(scene_id: str):
    """(narrations, choices) of every shipped tour of the scene."""
    narrations, choices = [], []

    def walk(steps) -> None:
        for step in steps or ():
            if step.narrate is not None:
                narrations.append(step.narrate)
            if step.choice is not None:
                choices.append(step.choice)
            walk(step.parallel)

    for path in sorted((ROOT / "scripts").glob("*.tour.yaml")):
        tour, _, _ = load_tour(path, ROOT / "scenes")
        if tour.scene == scene_id:
            walk(tour.steps)
    return narrations, choices


class Screen:
    """Every widget of a visit on one 16:9 overlay, in one language."""

    def __init__(self, manifest, game, lang: str, large: bool = False):
        self.overlay = NodePath("overlay")
        make_anchors(self.overlay, ASPECT)
        set_large_text(self.overlay, large)  # the large-text switch: bigger texts, the same regions
        self.widgets = [Hud(self.overlay, manifest, lang, on_mode=lambda m: None, on_next_view=lambda: None),
                        TourControls(self.overlay, lang, on_pause=None, on_back=None, on_skip=None, on_roam=None)]
        self.game_hud = GameHud(self.overlay, game, manifest.name, lang, passport_data=lambda: (GameProgress(), []),
                                on_answer=lambda quiz, option: None)
        self.game_hud.show_score(120)
        self.subtitles = Subtitles(self.overlay)
        self.card = InfoCard(self.overlay, lang)
        self.questions = QuestionPanel(self.overlay, lambda option: None)
        self.banner = EventBanner(self.overlay, lang)

    def event_banner(self, text: str) -> None:
        """An event's standing banner, the toasts under it (as the play session stacks them)."""
        self.banner.set_banners([{"zh": text, "en": text}])
        self.game_hud.toasts.below_banner(self.banner.height)

    def toasts(self, texts: list[str]) -> None:
        self.game_hud.toasts.destroy()
        for text in texts:
            self.game_hud.toast(text)

    def check(self, what: str) -> list[str]:
        screen = collect(self.overlay)
        return [f"{what} at {w}x{h}: {p}" for w, h in SIZES for p in problems(screen, ASPECT, h)]

    def destroy(self) -> None:
        for widget in self.widgets:
            widget.destroy()
        self.game_hud.destroy()
        self.subtitles.destroy()
        self.card.destroy()
        self.banner.destroy()
        self.questions.hide()
        self.overlay.remove_node()


def _lines(box, text: str) -> tuple[int, float]:
    wrapped = box.wrap(text)
    return len(wrapped.lines), wrapped.width


@pytest.mark.parametrize("large", [False, True], ids=["", "large text"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("manifest_path", SCENES, ids=lambda p: p.parent.name)
def test_every_text_fits_and_nothing_overlaps(offscreen_base, manifest_path: Path, lang: str, large: bool):
    scene, _ = load_scene(manifest_path)
    game, _ = load_game(manifest_path.parent / "game.yaml", ROOT / "scenes")
    narrations, choices = _tour_lines(manifest_path.parent.name)
    questions = [(getattr(c.prompt, lang), [(o.id, getattr(o.text, lang)) for o in c.options]) for c in choices]
    questions += [(getattr(q.question, lang), [(o.id, getattr(o.text, lang)) for o in q.options])
                  for q in game.quizzes]
    names = [TEXTS["stamp"][lang].format(name=getattr(c.name, lang), points=10) for c in game.checkins]
    names += [TEXTS["badge"][lang].format(name=getattr(b.name, lang)) for b in game.badges]
    subtitles = [getattr(n, lang) for n in narrations]
    assert subtitles and questions and names, "a shipped scene without tours, questions or stamps?"

    # the tallest of each, to stand around the one under test
    subtitle = max(subtitles, key=lambda t: _lines(SUBTITLE, t))
    poi = max(scene.pois, key=lambda p: _lines(CARD_BODY, getattr(p.description, lang)))
    question = max(questions, key=lambda q: (len(q[1]), len(q[0])))
    toasts = sorted(names, key=len)[-3:]

    screen = Screen(scene, game, lang, large)
    found: list[str] = []
    try:
        screen.toasts(toasts)
        screen.subtitles.show(subtitle)
        screen.card.show(poi)
        for prompt, options in questions:
            screen.questions.show(prompt, options)
            found += screen.check(f"question '{prompt[:30]}'")
        screen.questions.show(*question)
        for text in subtitles:
            screen.subtitles.show(text)
            found += screen.check(f"subtitle '{text[:30]}'")
        screen.subtitles.show(subtitle)
        for each in scene.pois:
            screen.card.show(each)
            found += screen.check(f"card '{each.id}'")
        screen.card.show(poi)
        for i in range(0, len(names), 3):
            screen.toasts(names[i:i + 3])
            found += screen.check(f"toasts {names[i:i + 3]}")
        screen.questions.hide()  # an answer closes the quiz; its explanation comes as a toast
        for quiz in game.quizzes:
            screen.toasts(toasts[:2] + [getattr(quiz.explanation, lang)])
            found += screen.check(f"explanation of '{quiz.id}'")
    finally:
        screen.destroy()
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("aspect", [4 / 3, 16 / 10, 16 / 9, 21 / 9], ids=["4:3", "16:10", "16:9", "21:9"])
def test_the_corner_widgets_stay_on_screen_at_any_aspect(offscreen_base, aspect: float):
    """The HUD, the tour controls and the passport button hang from the screen's corners; the
    subtitle band narrows to the screen and stays above the controls."""
    manifest_path = SCENES[0]
    scene, _ = load_scene(manifest_path)
    game, _ = load_game(manifest_path.parent / "game.yaml", ROOT / "scenes")
    overlay = NodePath("overlay")
    make_anchors(overlay, aspect)
    widgets = [Hud(overlay, scene, "en", on_mode=lambda m: None, on_next_view=lambda: None),
               TourControls(overlay, "en", on_pause=None, on_back=None, on_skip=None, on_roam=None),
               GameHud(overlay, game, scene.name, "en", passport_data=lambda: (GameProgress(), []),
                       on_answer=lambda quiz, option: None)]
    subtitles = Subtitles(overlay)
    try:
        widgets[1].show_state(paused=True, roaming=True)  # the longer labels: Resume, Rejoin tour
        subtitles.show("A guide's line, one of the longer ones, which the band wraps to fit the screen " * 2)
        assert problems(collect(overlay), aspect, 1080) == []
    finally:
        for widget in widgets:
            widget.destroy()
        subtitles.destroy()
        overlay.remove_node()


def test_the_check_sees_a_covered_button_and_a_text_out_of_its_box(offscreen_base):
    from direct.gui.DirectGui import DirectFrame, OnscreenText
    overlay = NodePath("overlay")
    make_anchors(overlay, ASPECT)
    controls = TourControls(overlay, "en", on_pause=None, on_back=None, on_skip=None, on_roam=None)
    band = DirectFrame(parent=overlay, frameSize=(-1.5, 1.5, -0.1, 0.1), pos=(0, 0, -0.9))  # the old subtitle
    OnscreenText(parent=band, text="a line far too long for the band it sits on " * 3, scale=0.06)
    try:
        found = problems(collect(overlay), ASPECT, 1080)
        assert any("overlaps" in p and "DirectButton" in p for p in found), found
        assert any("is outside" in p and p.startswith("text") for p in found), found
    finally:
        controls.destroy()
        band.destroy()
        overlay.remove_node()


def _filling(box, lang: str) -> str:
    """The longest text of one repeated word that still fits `box`'s lines: what validate lets through."""
    word = "鼓" if lang == "zh" else "Egret "
    n = 1
    while len(box.wrap(word * (n + 1)).lines) <= box.max_lines:
        n += 1
    return (word * n).strip()


@pytest.mark.parametrize("large", [False, True], ids=["", "large text"])
@pytest.mark.parametrize("lang", LANGS)
def test_texts_as_long_as_validate_allows_still_do_not_overlap(offscreen_base, lang: str, large: bool):
    """Every box filled to the last line U001 allows, all on screen at once: validate's limits are
    enough to keep the widgets apart, whatever the content."""
    from engine.ui.screen_layout import BANNER, CARD_SUBTITLE, CARD_TITLE, OPTION, PROMPT, TOAST, prompt_fits
    from engine.text_fit_check import NAME_TOAST, TOAST_PREFIX
    manifest_path = SCENES[0]
    scene, _ = load_scene(manifest_path)
    game, _ = load_game(manifest_path.parent / "game.yaml", ROOT / "scenes")
    text = {"zh": "", "en": ""}
    poi = scene.pois[0].model_copy(update={
        "name": scene.pois[0].name.model_copy(update={**text, lang: _filling(CARD_TITLE, lang),
                                                      ("en" if lang == "zh" else "zh"): _filling(CARD_SUBTITLE, lang)}),
        "description": scene.pois[0].description.model_copy(update={lang: _filling(CARD_BODY, lang)}),
        "approximate": False})
    prompt = _filling(PROMPT, lang)
    options = 1
    while prompt_fits(PROMPT.wrap(prompt), options + 1):
        options += 1
    name = _filling(NAME_TOAST, lang)
    while len(NAME_TOAST.wrap(TOAST_PREFIX[lang].format(name)).lines) > 1:
        name = name[:-1]
    screen = Screen(scene, game, lang, large)
    try:
        screen.toasts([TOAST_PREFIX[lang].format(name)] * 3)
        screen.subtitles.show(_filling(SUBTITLE, lang))
        screen.card.show(poi)
        screen.questions.show(prompt, [(str(i), _filling(OPTION, lang)) for i in range(options)])
        found = screen.check("everything at its longest")
        screen.questions.hide()
        screen.toasts([TOAST_PREFIX[lang].format(name)] * 2 + [_filling(TOAST, lang)])
        found += screen.check("an explanation at its longest")
        screen.questions.show(prompt, [(str(i), _filling(OPTION, lang)) for i in range(options)])
        screen.event_banner(_filling(BANNER, lang))
        screen.toasts([TOAST_PREFIX[lang].format(name)] * 3)  # one fewer stays under a banner
        assert len(screen.game_hud.toasts.shown) == 2
        found += screen.check("an event's banner at its longest over two toasts and a question")
    finally:
        screen.destroy()
    assert options >= 2 and not found, "\n".join(found[:20])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("manifest_path", SCENES, ids=lambda p: p.parent.name)
def test_a_full_passport_keeps_its_texts_apart(offscreen_base, manifest_path: Path, lang: str):
    """Every stamp and badge earned and a leaderboard: nothing on the passport covers anything else."""
    from engine.store.models import LeaderboardRow
    from engine.ui.passport import Passport
    scene, _ = load_scene(manifest_path)
    game, _ = load_game(manifest_path.parent / "game.yaml", ROOT / "scenes")
    overlay = NodePath("overlay")
    make_anchors(overlay, ASPECT)
    passport = Passport(overlay, game, scene.name, lang)
    progress = GameProgress(stamps={c.id for c in game.checkins}, badges={b.id for b in game.badges}, score=999)
    rows = [LeaderboardRow(rank=i, nickname=f"Egret{i}", score=900 - i, scene=scene.id, day="2026-12-06", kiosk="k")
            for i in range(1, 6)]
    try:
        passport.show(progress, rows)
        found = [p for h in (720, 1080) for p in problems(collect(overlay), ASPECT, h)]
    finally:
        passport.hide()
        overlay.remove_node()
    assert not found, "\n".join(found[:20])


def test_large_text_makes_the_reading_texts_larger_where_they_have_room(offscreen_base):
    """A short subtitle, card and question grow 1.3 x; a subtitle that fills its lines keeps the usual
    size rather than leave its room; the switch off, all is as before."""
    from engine.ui.screen_layout import OPTION, PROMPT
    from engine.ui.text_size import LARGE
    scene, _ = load_scene(SCENES[0])
    game, _ = load_game(SCENES[0].parent / "game.yaml", ROOT / "scenes")
    sizes = {}
    for large in (False, True):
        screen = Screen(scene, game, "en", large)
        try:
            screen.subtitles.show("The island's highest point.")
            screen.card.show(scene.pois[0])
            screen.questions.show("Which colour?", [("a", "Red"), ("b", "Blue")])
            short = screen.subtitles.text.getTextScale()[0]
            screen.subtitles.show(_filling(SUBTITLE, "en"))
            full = screen.subtitles.text.getTextScale()[0]
            sizes[large] = (short, full, screen.card.body.getTextScale()[0], screen.questions.prompt.getTextScale()[0],
                            screen.questions.buttons["a"]["text_scale"][0])
            assert not screen.check("large" if large else "usual")
        finally:
            screen.destroy()
    assert sizes[False] == (SUBTITLE.scale, SUBTITLE.scale, CARD_BODY.scale, PROMPT.scale, OPTION.scale)
    short, full, body, prompt, option = sizes[True]
    assert short == pytest.approx(SUBTITLE.scale * LARGE) and prompt == pytest.approx(PROMPT.scale * LARGE)
    assert option == pytest.approx(OPTION.scale * LARGE)
    assert full == pytest.approx(SUBTITLE.scale) and body > CARD_BODY.scale
