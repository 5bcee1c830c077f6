"""The large-text switch. It is a tag on the overlay (Panda3D's net tags reach every widget under
it), so a kiosk turns it on for one visitor and every reading widget sees it the next time it lays
out a text; nothing needs to be handed down.

Large text is up to LARGE times the usual size, in the same room: the layout's regions do not move
(so nothing can cover anything else), and a text takes the largest size whose lines still fit the
room its box keeps (U001 already guarantees the usual size fits). A short line grows the most; a text
that fills its box stays close to the usual size."""
from __future__ import annotations

from panda3d.core import NodePath

from engine.ui.screen_layout import Box
from engine.ui.text_layout import Wrapped, wrap

TAG = "ludao-large-text"
LARGE = 1.3
STEPS = 6  # sizes tried between LARGE and the usual one


def set_large_text(overlay: NodePath, on: bool) -> None:
    if on:
        overlay.set_tag(TAG, "1")
    else:
        overlay.clear_tag(TAG)


def large_text(node: NodePath) -> bool:
    return node.get_net_tag(TAG) == "1"


def fitted(box: Box, text: str, node: NodePath, room: float | None = None) -> Wrapped:
    """`text` wrapped for `box`: at the box's scale, or with large text on at `node`, at the largest
    scale up to LARGE x whose lines stay within `room` high (default: the box's max_lines at its own
    scale)."""
    if large_text(node):
        room = box.height(box.max_lines) if room is None else room
        for step in range(STEPS, 0, -1):
            wrapped = wrap(text, box.scale * (1 + (LARGE - 1) * step / STEPS), box.width)
            if wrapped.height <= room + 1e-9:
                return wrapped
    return box.wrap(text)
