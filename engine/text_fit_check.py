"""U001: a visitor-facing text too long for its box on a 1920x1080 screen, in either language.

`validate` measures each text the way the screen will show it: broken into lines by the widgets' own
code (engine.ui.text_layout: Chinese line-breaking rules, widths from the UI font) into the boxes of
engine.ui.screen_layout, then counts the lines against what the box holds: a subtitle, a question
(with room left for its option buttons), an option (one line on its button), an info card's name and
description, a quiz explanation and the toasts a stamp or badge brings.

Why Panda3D measures here, in a composition module, rather than a pure measurer in the content
layers: the manifest, tour and game layers may not import Panda3D or engine.ui (import-linter), and
a second measurer (fontTools advance widths) would have to copy Panda3D's glyph metrics and layout
to the last rounding to agree with the screen, and fontTools is not a runtime dependency. Measuring
with the same TextNode and font the widgets use gives the same lines by construction, costs a
fraction of a second (no window, no GPU: the font is rasterised in memory), and only `validate`
loads this module. All sizes are in aspect2d units, so 1920x1080 and 1280x720 (both 16:9) break
the same; 1080p is named because the boxes were sized for it.
"""
from __future__ import annotations

from collections.abc import Iterator

from engine.tour.checks import walk
from engine.diagnostics import Diagnostic
from engine.manifest.yaml_loader import Document
from engine.ui.screen_layout import (BANNER, CARD_BODY, CARD_TITLE, OPTION, PROMPT, SUBTITLE, TOAST, Box,
                                     prompt_fits)
from engine.i18n.card_text import card_body
from engine.ui.text_layout import text_width

LANGS = ("zh", "en")
SPLIT = {"narration": ", or split it into two narrate steps", "description": ", or move part of it into a narration"}
LANGUAGE = {"zh": "Chinese", "en": "English"}
NAME_TOAST = Box(TOAST.scale, TOAST.width, 1)  # "Stamp: <name> +10" on one line: toasts stack above a question
# The longest prefix a name is shown with in a toast (engine.game.session.TEXTS), measured with it.
TOAST_PREFIX = {"zh": "获得印章：{} +10", "en": "New badge: {} +10"}


def _too_long(doc: Document, loc: tuple, what: str, lang: str, text: str, box: Box,
              shown: str | None = None) -> Iterator[Diagnostic]:
    """One U001 when `text` (as `shown` on screen) needs more lines than `box` holds."""
    lines = len(box.wrap(shown if shown is not None else text).lines)
    if lines <= box.max_lines:
        return
    room = box.max_lines * box.width / box.scale  # in em: Chinese characters are about 1 em wide
    average = text_width(text) / max(len(text), 1)
    keep = int(room / max(average, 0.3) * 0.95)
    held = f"{box.max_lines} line{'s' if box.max_lines > 1 else ''}"
    yield doc.diagnostic(loc, "U001", f"the {what} in {LANGUAGE[lang]} needs {lines} lines on screen at "
                                      f"1920x1080; its box holds {held}",
                         hint=f"shorten it to about {keep} characters" + SPLIT.get(what, ""))


def check_tour_texts(tour, doc: Document) -> list[Diagnostic]:
    """Each narration fits the subtitle band; each question, its options beside it, the panel."""
    out: list[Diagnostic] = []
    for here, step in walk(tour.steps):
        for lang in LANGS:
            if step.narrate is not None:
                out.extend(_too_long(doc, (*here, "narrate", lang), "narration", lang,
                                     getattr(step.narrate, lang), SUBTITLE))
            if step.choice is not None:
                out.extend(_question(doc, (*here, "choice"), "prompt", lang, step.choice.prompt,
                                     [o.text for o in step.choice.options]))
    return out


def _question(doc: Document, loc: tuple, field: str, lang: str, prompt, options: list) -> Iterator[Diagnostic]:
    text = getattr(prompt, lang)
    found = list(_too_long(doc, (*loc, field, lang), "question", lang, text, PROMPT))
    yield from found
    if not found and not prompt_fits(PROMPT.wrap(text), len(options)):
        yield doc.diagnostic((*loc, field, lang), "U001",
                             f"the question in {LANGUAGE[lang]} and its {len(options)} option buttons are taller "
                             f"than the question panel's room at 1920x1080",
                             hint="shorten the question to fewer lines, or offer fewer options")
    for j, option in enumerate(options):
        yield from _too_long(doc, (*loc, "options", j, "text", lang), "option", lang, getattr(option, lang), OPTION)


def check_game_texts(game, doc: Document, base: tuple = ()) -> list[Diagnostic]:
    """Quizzes as the question panel shows them, explanations and stamp and badge names as toasts.
    `base`: where the game content sits in the file (an event's is under `game`)."""
    out: list[Diagnostic] = []
    for lang in LANGS:
        for i, quiz in enumerate(game.quizzes):
            out.extend(_question(doc, base + ("quizzes", i), "question", lang, quiz.question,
                                 [o.text for o in quiz.options]))
            out.extend(_too_long(doc, base + ("quizzes", i, "explanation", lang), "explanation", lang,
                                 getattr(quiz.explanation, lang), TOAST))
        for kind, items in (("checkins", game.checkins), ("badges", game.badges)):
            for i, item in enumerate(items):
                name = getattr(item.name, lang)
                out.extend(_too_long(doc, base + (kind, i, "name", lang), "name (in its toast)", lang, name,
                                     NAME_TOAST, shown=TOAST_PREFIX[lang].format(name)))
    return out


def check_event_texts(overlay, doc: Document) -> list[Diagnostic]:
    """An event's banners on their one-line ribbon, its POIs' cards, its game's texts."""
    out = check_scene_texts(overlay, doc)
    for lang in LANGS:
        for i, banner in enumerate(overlay.banners):
            out.extend(_too_long(doc, ("banners", i, "text", lang), "banner", lang, getattr(banner.text, lang), BANNER))
    if overlay.game is not None:
        out += check_game_texts(overlay.game, doc, ("game",))
    return out


def check_scene_texts(scene, doc: Document) -> list[Diagnostic]:
    """Each POI's name and description fit its info card."""
    out: list[Diagnostic] = []
    for lang in LANGS:
        for i, poi in enumerate(scene.pois):
            out.extend(_too_long(doc, ("pois", i, "name", lang), "POI name", lang, getattr(poi.name, lang), CARD_TITLE))
            out.extend(_too_long(doc, ("pois", i, "description", lang), "description", lang,
                                 getattr(poi.description, lang), CARD_BODY, shown=card_body(poi, lang)))
    return out
