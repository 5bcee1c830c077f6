"""What a visitor sees on a 2D overlay as rectangles in screen space, and what covers what.

Every DirectGui widget is a PGItem with a frame (its background and clickable area); every text is a
TextNode with its laid-out extent (upper left to lower right: the lines' advance widths, ascender to
descender). A widget's texts belong to the nearest widget above them (a button's label lives in its
state definitions, outside the scene graph, and belongs to the button)."""
from __future__ import annotations

from dataclasses import dataclass, field

from panda3d.core import NodePath, Point3

EPS = 1e-4


@dataclass
class Rect:
    name: str
    left: float
    right: float
    bottom: float
    top: float
    children: list["Rect"] = field(default_factory=list)

    def overlaps(self, other: "Rect") -> bool:
        return (min(self.right, other.right) - max(self.left, other.left) > EPS
                and min(self.top, other.top) - max(self.bottom, other.bottom) > EPS)

    def contains(self, other: "Rect") -> bool:
        return (other.left >= self.left - EPS and other.right <= self.right + EPS
                and other.bottom >= self.bottom - EPS and other.top <= self.top + EPS)

    def pixels(self, aspect: float, height_px: int) -> str:
        """The rectangle in window pixels (x right, y down) on a screen `height_px` high."""
        def px(x: float, z: float) -> tuple[int, int]:
            return round((x + aspect) * height_px / 2), round((1 - z) * height_px / 2)
        (x0, y0), (x1, y1) = px(self.left, self.top), px(self.right, self.bottom)
        return f"{self.name} [{x0}..{x1} x {y0}..{y1} px]"


def _rect(name: str, frame, transform_to_overlay) -> Rect:
    left, right, bottom, top = frame
    a = transform_to_overlay(Point3(left, 0, bottom))
    b = transform_to_overlay(Point3(right, 0, top))
    return Rect(name, min(a.x, b.x), max(a.x, b.x), min(a.z, b.z), max(a.z, b.z))


def _label(node: NodePath) -> str:
    text = node.node().get_text().replace("\n", "⏎")
    return f"text '{text[:40]}'"


def _text_rect(text: NodePath, to_overlay) -> Rect:
    """A TextNode's lines as laid out (advance widths, ascender to descender), after the transform
    OnscreenText gives the TextNode itself (its scale and position), into overlay units."""
    node = text.node()
    ul, lr = node.get_upper_left_3d(), node.get_lower_right_3d()
    a, b = to_overlay(ul), to_overlay(lr)
    return Rect(_label(text), min(a.x, b.x), max(a.x, b.x), min(a.z, b.z), max(a.z, b.z))


def _texts_in(root: NodePath, mat) -> list[Rect]:
    """The texts of a button's state definition (a separate scene graph the button draws)."""
    return [_text_rect(t, (t.get_mat(root) * mat).xform_point) for t in root.find_all_matches("**/+TextNode")
            if not t.is_hidden() and t.node().get_text().strip()]


def _owner(node: NodePath, stop: NodePath) -> NodePath:
    """The nearest PGItem above `node` (or `stop`)."""
    node = node.get_parent()
    while not node.is_empty() and node != stop:
        if node.node().is_of_type(_PGITEM):
            return node
        node = node.get_parent()
    return stop


def _pgitem_type():
    from panda3d.core import PGItem
    return PGItem.get_class_type()


_PGITEM = _pgitem_type()


def collect(overlay: NodePath) -> Rect:
    """The overlay as a tree: the screen, its widgets (frames and buttons) and texts, nested."""
    screen = Rect("screen", 0, 0, 0, 0)
    items: dict[NodePath, Rect] = {overlay: screen}
    for item in overlay.find_all_matches("**/+PGItem"):
        if any(p.is_hidden() for p in _path(item, overlay)):
            continue
        pg = item.node()
        mat = item.get_mat(overlay)
        rect = _rect(f"{pg.get_name()}", pg.get_frame(), mat.xform_point)
        items[item] = rect
        items[_owner(item, overlay)].children.append(rect)
        state = pg.get_state_def(pg.get_state())  # the label a button shows now
        rect.children += _texts_in(state, mat)
    for text in overlay.find_all_matches("**/+TextNode"):
        if any(p.is_hidden() for p in _path(text, overlay)) or not text.node().get_text().strip():
            continue
        owner = _owner(text, overlay)
        items[owner].children.append(_text_rect(text, text.get_mat(overlay).xform_point))
    return screen


def _path(node: NodePath, stop: NodePath) -> list[NodePath]:
    out = []
    while not node.is_empty() and node != stop:
        out.append(node)
        node = node.get_parent()
    return out


def problems(screen: Rect, aspect: float, height_px: int) -> list[str]:
    """Every widget or text outside the one that holds it (the screen for the top ones), and every
    two neighbours (held by the same one) that overlap, in window pixels."""
    screen.left, screen.right, screen.bottom, screen.top = -aspect, aspect, -1.0, 1.0
    found: list[str] = []

    def walk(parent: Rect) -> None:
        for child in parent.children:
            if not parent.contains(child):
                found.append(f"{child.pixels(aspect, height_px)} is outside {parent.pixels(aspect, height_px)}")
        for i, a in enumerate(parent.children):
            for b in parent.children[i + 1:]:
                if a.overlaps(b):
                    found.append(f"{a.pixels(aspect, height_px)} overlaps {b.pixels(aspect, height_px)}")
        for child in parent.children:
            walk(child)

    walk(screen)
    return found
