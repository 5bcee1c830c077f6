"""The kiosk's screens laid out in both languages at 16:9 (1280x720 and 1920x1080): nothing covers
anything, every text inside its box, every touch target at least 48 px high at 1080p, and every text
against the frame it stands on at WCAG AA contrast (4.5:1) or better."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from panda3d.core import NodePath
from PIL import Image

from engine.manifest.scene_loader import load_scene
from engine.overlays.choose import usable_events
from engine.ui.hud import Hud
from engine.ui.kiosk_screens import AttractCaption, IdlePrompt, SceneCard, StartScreen
from engine.ui.pin_pad import PinPad
from engine.ui.screen_layout import make_anchors
from tests.conftest import ROOT
from tests.ui_boxes import collect, problems

ASPECT = 16 / 9
SIZES = ((1280, 720), (1920, 1080))
LANGS = ("zh", "en")
MIN_TARGET_PX = 48
AA = 4.5


def _shipped_cards() -> list[SceneCard]:
    """Every shipped scene, each with every shipped event on (the longest card there can be)."""
    events, _ = usable_events(ROOT / "scenes")
    names = [{"zh": e.overlay.name.zh, "en": e.overlay.name.en} for e in events]
    cards = []
    for path in sorted((ROOT / "scenes").glob("*/scene.yaml")):
        scene, _ = load_scene(path)
        cards.append(SceneCard(path.parent.name, {"zh": scene.name.zh, "en": scene.name.en}, names))
    return cards


def _screens(overlay: NodePath, lang: str):
    """(name, build) for every kiosk screen; build() puts it on the overlay and returns what to destroy."""
    status = ["终端 Kiosk: kiosk-1", "运行时间 Uptime: 12 d 3 h 04 min", "今日参观 Visits today: 1234"]
    return [
        ("start screen", lambda: StartScreen(overlay, ASPECT, ["zh", "en"], _shipped_cards(), lang,
                                             on_language=lambda code: None, on_scene=lambda scene: None)),
        ("attract loop", lambda: AttractCaption(overlay, ["zh", "en"] if lang == "zh" else ["en", "zh"])),
        ("idle prompt", lambda: IdlePrompt(overlay, ASPECT, lang, 30, on_stay=lambda: None)),
        ("PIN pad", lambda: PinPad(overlay, ASPECT, status, on_submit=lambda pin: False, on_cancel=lambda: None)),
        ("question with its countdown", lambda: _question(overlay, lang)),
        ("a visit", lambda: _visit(overlay, lang)),
        ("the end of a visit", lambda: _end_of_visit(overlay, lang)),
        ("the end of a visit, named", lambda: _end_of_visit(overlay, lang, named=True)),
        ("the end of a visit, its postcard being made", lambda: _end_of_visit(overlay, lang, preparing=True)),
        ("the name picker", lambda: _name_picker(overlay, lang)),
    ]


def _postcard_png() -> Path:
    """A stand-in postcard picture (the layout does not read it): 1200x800, as the real ones."""
    path = Path(tempfile.gettempdir()) / f"ludao-layout-postcard-{os.getpid()}.png"
    if not path.exists():
        Image.new("RGB", (1200, 800), (200, 190, 170)).save(path)
    return path


def _end_of_visit(overlay: NodePath, lang: str, named: bool = False, preparing: bool = False):
    """The end of the longest visit: every badge of every shipped game (their longest names), a
    printer, and a printer's answer under the buttons (or the longest name on the leaderboard)."""
    from engine.kiosk.visit_end import REFUSED
    from engine.souvenir.printing import FAILED
    from engine.ui.visit_end import VisitEndScreen, VisitSummary
    from engine.game.loader import load_game
    badges = []
    for path in sorted((ROOT / "scenes").glob("*/game.yaml")):
        game, _ = load_game(path, ROOT / "scenes")
        badges += [{"zh": b.name.zh, "en": b.name.en} for b in game.badges]
    summary = VisitSummary({"zh": "鼓浪屿", "en": "Gulangyu"}, 1230, (11, 12), badges,
                           None if preparing else _postcard_png())
    screen = VisitEndScreen(overlay, ASPECT, lang, summary, printing=True, on_passport=lambda: None,
                            on_print=lambda: None, on_leaderboard=lambda: None, on_done=lambda: None,
                            preparing=preparing)
    if named:
        screen.named("灯塔 Lighthouse 99")
    else:
        screen.say(FAILED[lang] + " " + REFUSED["store"][lang])
    return screen


def _name_picker(overlay: NodePath, lang: str):
    """The picker with its four longest suggestions, a name typed to the limit and a refusal shown."""
    from engine.kiosk.nicknames import WORDS
    from engine.kiosk.visit_end import REFUSED
    from engine.ui.nickname_picker import NicknamePicker
    longest = sorted((f"{zh} {en} 99" for zh, en in WORDS), key=len)[-4:]
    picker = NicknamePicker(overlay, ASPECT, lang, longest, on_pick=lambda name: REFUSED["blocked_word"][lang],
                            on_cancel=lambda: None)
    for key in "WWWWWWWWWWWWWWWW":
        picker.buttons[key].commandFunc(None)
    picker.buttons["ok"].commandFunc(None)
    return picker


class _Widgets:
    def __init__(self, *widgets):
        self.widgets = widgets

    def destroy(self) -> None:
        for widget in self.widgets:
            widget.destroy()


def _visit(overlay: NodePath, lang: str) -> _Widgets:
    """A visit at the kiosk: the touch HUD with its language button, a card, a toast, a subtitle and the
    tour's controls (paused: their highlighted button)."""
    from engine.ui.info_card import InfoCard
    from engine.ui.subtitles import Subtitles
    from engine.ui.toasts import Toasts
    from engine.ui.tour_controls import TourControls
    scene, _ = load_scene(ROOT / "scenes" / "gulangyu" / "scene.yaml")
    hud = Hud(overlay, scene, lang, on_mode=lambda m: None, on_next_view=lambda: None, touch=True,
              on_language=lambda: None)
    card = InfoCard(overlay, lang)
    card.show(scene.pois[0])
    toasts = Toasts(overlay, lang)
    toasts.show({"zh": "获得印章：日光岩 +10", "en": "Stamp: Sunlight Rock +10"})
    subtitles = Subtitles(overlay)
    subtitles.show("鼓浪屿的最高处。" if lang == "zh" else "The island's highest point.")
    controls = TourControls(overlay, lang, on_pause=None, on_back=None, on_skip=None, on_roam=None)
    controls.show_state(paused=True, roaming=False)
    return _Widgets(hud, card, toasts, subtitles, controls)


def _question(overlay: NodePath, lang: str):
    """A tour's question with four options and 30 s left (the countdown beside the first option)."""
    from engine.ui.question_panel import QuestionPanel
    panel = QuestionPanel(overlay, lambda option: None)
    words = "一个比较长的答案选项" if lang == "zh" else "A rather long answer option here"
    panel.show("小教堂是什么颜色？" if lang == "zh" else "What colour is the chapel?",
               [(str(i), f"{words} {i}") for i in range(4)])
    panel.show_countdown(29.2)
    assert panel.countdown.getText() == "30"
    panel.destroy = panel.hide
    return panel


@pytest.fixture
def overlay(offscreen_base):
    node = NodePath("overlay")
    make_anchors(node, ASPECT)
    yield node
    node.remove_node()


@pytest.mark.parametrize("lang", LANGS)
def test_kiosk_screens_lay_out_without_overlap_in_both_languages(overlay, lang):
    found = []
    for name, build in _screens(overlay, lang):
        screen = build()
        try:
            found += [f"{name} ({lang}) at {w}x{h}: {p}" for w, h in SIZES for p in problems(collect(overlay), ASPECT, h)]
        finally:
            screen.destroy()
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_the_visit_hud_at_a_kiosk_speaks_of_touch_and_has_a_language_button(overlay, lang):
    scene, _ = load_scene(ROOT / "scenes" / "gulangyu" / "scene.yaml")
    hud = Hud(overlay, scene, lang, on_mode=lambda m: None, on_next_view=lambda: None, touch=True,
              on_language=lambda: None)
    try:
        assert hud.buttons["language"]["text"] == ("English" if lang == "zh" else "中文")
        from engine.ui.visible_text import visible_texts
        texts = visible_texts(overlay)
        assert ("拖动旋转 · 按 + – 缩放 · 点击标记查看介绍" if lang == "zh"
                else "Drag to turn · + and – to zoom · tap a pin for its story") in texts
        assert not any("WASD" in t or "wheel" in t or "滚轮" in t for t in texts)
        assert problems(collect(overlay), ASPECT, 1080) == []
    finally:
        hud.destroy()


def _buttons(overlay: NodePath):
    from panda3d.core import PGItem
    return [item for item in overlay.find_all_matches("**/+PGItem")
            if item.node().is_of_type(PGItem.get_class_type()) and item.node().get_active()]


@pytest.mark.parametrize("lang", LANGS)
def test_every_touch_target_is_at_least_48_px_high_at_1080p(overlay, lang):
    small = []
    for name, build in _screens(overlay, lang):
        screen = build()
        try:
            for item in _buttons(overlay):
                if item.node().has_frame():
                    left, right, bottom, top = item.node().get_frame()
                    scale = item.get_scale(overlay)
                    height_px = (top - bottom) * scale.z * 1080 / 2
                    width_px = (right - left) * scale.x * 1080 / 2
                    if min(height_px, width_px) < MIN_TARGET_PX:
                        small.append(f"{name}: a target {width_px:.0f}x{height_px:.0f} px")
        finally:
            screen.destroy()
    assert not small, small


# --- contrast (WCAG 2.1: relative luminance of sRGB colours) ------------------------------------------
def _luminance(rgb) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(float(c)) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _over(colour, under) -> tuple[float, float, float]:
    alpha = colour[3]
    return tuple(colour[i] * alpha + under[i] * (1 - alpha) for i in range(3))


def _frame_colour(node: NodePath):
    pg = node.node()
    return pg.get_frame_style(pg.get_state()).get_color()


def _owner(node: NodePath, stop: NodePath) -> NodePath | None:
    from panda3d.core import PGItem
    node = node.get_parent()
    while not node.is_empty() and node != stop:
        if node.node().is_of_type(PGItem.get_class_type()):
            return node
        node = node.get_parent()
    return None


def text_on_frames(overlay: NodePath) -> list[tuple[str, tuple, tuple]]:
    """(text, its colour, the colour of the frame it stands on) for every visible text."""
    found = []
    for text in overlay.find_all_matches("**/+TextNode"):
        if text.node().get_text().strip():
            owner = _owner(text, overlay)
            found.append((text.node().get_text(), tuple(text.node().get_text_color()),
                          tuple(_frame_colour(owner)) if owner is not None else None))
    for item in overlay.find_all_matches("**/+PGItem"):
        pg = item.node()
        for text in pg.get_state_def(pg.get_state()).find_all_matches("**/+TextNode"):
            if text.node().get_text().strip():
                found.append((text.node().get_text(), tuple(text.node().get_text_color()), tuple(_frame_colour(item))))
    return found


def test_the_contrast_check_sees_a_pale_text_on_a_pale_frame():
    assert contrast((1, 1, 1), (0, 0, 0)) == pytest.approx(21.0)
    assert contrast((0.6, 0.6, 0.6), (1, 1, 1)) < AA


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_on_the_kiosk_screens_meets_wcag_aa_contrast(overlay, lang):
    """A frame that is not opaque (the attract caption's band over the moving scene) is measured at
    its worst: over black and over white."""
    poor = []
    for name, build in _screens(overlay, lang):
        screen = build()
        try:
            pairs = text_on_frames(overlay)
            assert pairs, name
            for text, fg, frame in pairs:
                assert frame is not None, f"{name}: '{text}' stands on no frame of its own"
                for under in ((0, 0, 0), (1, 1, 1)):
                    ratio = contrast(_over(fg, under), _over(frame, under))
                    if ratio < AA:
                        poor.append(f"{name}: '{text[:30]}' at {ratio:.2f}:1")
        finally:
            screen.destroy()
    assert not poor, poor


def test_the_ui_font_has_every_character_of_the_kiosk_screens():
    from fontTools.ttLib import TTFont

    from engine.ui import hud, kiosk_screens, pin_pad
    from engine.ui.fonts import FONT_PATH
    texts = [t for table in (kiosk_screens.TEXTS, hud.LABELS) for pair in table.values() for t in pair.values()]
    texts += list(kiosk_screens.LANG_NAMES.values()) + list(pin_pad.LABELS.values()) + [pin_pad.TITLE, pin_pad.WRONG]
    from engine.tour.time_up import TIME_UP, TIME_UP_NO_ANSWER
    texts += [*TIME_UP.values(), *TIME_UP_NO_ANSWER.values()]
    texts += ["终端 Kiosk 运行时间 Uptime 今日参观 Visits today 数据库 Database 0123456789*"]  # the status lines
    cmap = TTFont(FONT_PATH, fontNumber=0).getBestCmap()
    missing = sorted({ch for text in texts for ch in text if not ch.isspace() and ord(ch) not in cmap})
    assert missing == []
