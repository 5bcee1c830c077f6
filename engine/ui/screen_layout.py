"""Where each widget lives on the 2D overlay, so that none covers another whatever its text.

aspect2d is 2 units high (0.1 unit = 54 px at 1080p) and 2 x aspect wide (3.56 at 16:9, 2.67 at
4:3). Widgets at a screen edge hang from ShowBase's edge anchors (`a2dBottomRight`, ...), which
follow the window's aspect ratio, so they stay on screen at any shape; a parent without them (a VR
overlay, a test's node) gets them made at 16:9.

The regions at 16:9, top to bottom:

    HUD title, help (left)      event banner, then toasts (centre,       passport button (right)
                                 down from TOAST_TOP)
                                 question panel (centre, up from          info card (right, down
                                 QUESTION_BOTTOM, at most to QUESTION_TOP) from the top, clear of the panel)
    subtitles (centre, up from SUBTITLE_BOTTOM, at most SUBTITLE.max_lines)
    HUD mode buttons (bottom left)                                         tour controls (bottom right)

A `Box` is one text's room: its scale, the width it wraps to and how many lines fit. Widgets wrap
with it; `validate` (engine/text_fit_check.py) reports a text that needs more lines than it holds.
"""
from __future__ import annotations

from dataclasses import dataclass

from panda3d.core import NodePath

from engine.ui.text_layout import Wrapped, font_extent, line_height, wrap

DESIGN_ASPECT = 16 / 9
MARGIN = 0.04  # between a widget and the screen edge, and between neighbours

# The bottom row: HUD mode buttons and tour controls, 0.11 high, centred here.
BOTTOM_ROW_Z = -0.92
BUTTON_HALF_HEIGHT = 0.055
BOTTOM_ROW_TOP = BOTTOM_ROW_Z + BUTTON_HALF_HEIGHT
# The top row: the HUD's title and help line, the passport button.
TOP_ROW_BOTTOM = 0.80


@dataclass(frozen=True)
class Box:
    scale: float  # text scale in aspect2d units (0.06 = 32 px high em at 1080p)
    width: float  # the line width the text wraps to
    max_lines: int

    def wrap(self, text: str) -> Wrapped:
        return wrap(text, self.scale, self.width)

    def height(self, lines: int) -> float:
        ascent, descent = font_extent()
        return (ascent + descent + line_height() * (lines - 1)) * self.scale


PAD = 0.03  # between a text and the edge of its band or frame

SUBTITLE = Box(scale=0.06, width=2.8, max_lines=3)
SUBTITLE_HALF_WIDTH = SUBTITLE.width / 2 + 0.1
SUBTITLE_BOTTOM = BOTTOM_ROW_TOP + MARGIN / 2
SUBTITLE_TOP = SUBTITLE_BOTTOM + 2 * PAD + SUBTITLE.height(SUBTITLE.max_lines)

QUESTION_HALF_WIDTH = 0.8
PROMPT = Box(scale=0.065, width=2 * QUESTION_HALF_WIDTH - 0.1, max_lines=3)
OPTION_HALF_WIDTH = 0.7
OPTION = Box(scale=0.055, width=2 * OPTION_HALF_WIDTH - 0.08, max_lines=1)  # one line on a finger-sized button
OPTION_STEP = 2 * BUTTON_HALF_HEIGHT + 0.03
QUESTION_BOTTOM = SUBTITLE_TOP + MARGIN / 2

TOAST_TOP = TOP_ROW_BOTTOM - 0.01
TOAST_HALF_WIDTH = 0.8  # as wide as the question panel, clear of the HUD above and the card beside
TOAST = Box(scale=0.055, width=2 * TOAST_HALF_WIDTH - 0.08, max_lines=4)
TOAST_PAD = 0.02
TOAST_GAP = 0.015
# An event's standing banner takes the first toast's place (one line, a little smaller), and the
# toasts stack under it, one fewer: together they never reach below QUESTION_TOP.
BANNER = Box(scale=0.05, width=TOAST.width, max_lines=1)
# Three one-line toasts end above this; the question panel keeps below it.
QUESTION_TOP = TOAST_TOP - 3 * (TOAST.height(1) + 2 * TOAST_PAD + TOAST_GAP)

CARD_WIDTH = 0.9
CARD_TITLE = Box(scale=0.06, width=CARD_WIDTH - 0.33, max_lines=3)  # beside the close button
CARD_SUBTITLE = Box(scale=0.04, width=CARD_WIDTH - 0.1, max_lines=2)  # the name in the other language
CARD_BODY = Box(scale=0.045, width=CARD_WIDTH - 0.1, max_lines=10)
CARD_TOP = TOP_ROW_BOTTOM - 0.06  # below the passport button


def question_height(prompt: Wrapped, options: int) -> float:
    """The question panel's height: the prompt, then one button per option."""
    return PAD + prompt.height + PAD + options * OPTION_STEP + PAD / 2


def prompt_fits(prompt: Wrapped, options: int) -> bool:
    """The prompt holds its lines and, with its buttons, the panel stays below the toasts."""
    return len(prompt.lines) <= PROMPT.max_lines and \
        QUESTION_BOTTOM + question_height(prompt, options) <= QUESTION_TOP


def anchor(parent: NodePath, name: str) -> NodePath:
    """ShowBase's edge anchor `name` under `parent` (made at 16:9 when `parent` has none)."""
    found = parent.find(name)
    if not found.is_empty():
        return found
    make_anchors(parent, DESIGN_ASPECT)
    return parent.find(name)


def make_anchors(parent: NodePath, aspect: float) -> None:
    """The eight edge anchors ShowBase puts under aspect2d, for a screen `aspect` wide per unit high."""
    spots = {"a2dTopLeft": (-aspect, 1), "a2dTopCenter": (0, 1), "a2dTopRight": (aspect, 1),
             "a2dLeftCenter": (-aspect, 0), "a2dRightCenter": (aspect, 0), "a2dBottomLeft": (-aspect, -1),
             "a2dBottomCenter": (0, -1), "a2dBottomRight": (aspect, -1)}
    for name, (x, z) in spots.items():
        node = parent.find(name)
        node = parent.attach_new_node(name) if node.is_empty() else node
        node.set_pos(x, 0, z)
