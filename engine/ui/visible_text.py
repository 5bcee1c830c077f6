"""Every text a visitor can see on a 2D overlay: labels (OnscreenText) and the text on buttons,
which DirectGui keeps in per-state nodes outside the scene graph. For tests, translators and the
`texts` protocol line: did a language switch reach everything?"""
from __future__ import annotations

from panda3d.core import NodePath

from engine.ui.text_layout import SOURCE_TAG


def _shown(node: NodePath) -> bool:
    return not node.is_hidden() and node.get_net_transform().get_scale()[0] != 0


def visible_texts(overlay: NodePath) -> list[str]:
    texts: list[str] = []
    for node in overlay.find_all_matches("**/+TextNode"):
        if _shown(node) and node.node().get_text().strip():
            # a wrapped text counts as the text it was given, without the line breaks layout added
            texts.append(node.get_tag(SOURCE_TAG) or node.node().get_text())
    for item in overlay.find_all_matches("**/+PGItem"):
        if not _shown(item):
            continue
        pg = item.node()
        state = pg.get_state_def(pg.get_state())  # what the button shows now (ready, pressed, rollover...)
        for node in state.find_all_matches("**/+TextNode"):
            if node.node().get_text().strip():
                texts.append(node.node().get_text())
    return texts
