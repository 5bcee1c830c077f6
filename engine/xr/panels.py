"""A panel in space: the visit's 2D widgets (HUD, cards, subtitles, quizzes, toasts) drawn into a
texture of their own and shown on a quad ahead of the visitor, so both eyes see them.

    anchor (follows navigation; engine.xr.display)
     ├ stereo head (the headset's pose)
     └ panel quad  DISTANCE_M ahead of the head, DROP_M below the eyes, facing them

The widgets live under `overlay`: an orthographic 2D root of its own at 16:9, with ShowBase's edge
anchors made for it (engine.ui.screen_layout), rendered into an offscreen buffer with a clear
background, so only the widgets show in the world. The quad follows the head's position, but its
heading only lazily (`LazyHeading`): a visitor can look around without the text swimming after
their eyes, and turning away for good brings it back in front, smoothly. It never moves the view.
"""
from __future__ import annotations

import math

from panda3d.core import (Camera, CardMaker, ColorBlendAttrib, FrameBufferProperties, NodePath, OrthographicLens, PGTop,
                          Point3, Texture, TextureStage, TransparencyAttrib, Vec3)

from engine.ui.screen_layout import DESIGN_ASPECT, make_anchors

PANEL_PX = (1280, 720)  # the texture: 16:9, as the widgets are laid out
WIDTH_M = 1.6  # the quad's width in the world; its height follows the aspect
DISTANCE_M = 1.6  # ahead of the head ...
DROP_M = 0.3  # ... and this far below the eyes (reading posture)
TASK = "ludao-xr-panel"


class LazyHeading:
    """A heading (degrees) that keeps still while the head turns within RECENTRE_DEG of it, and
    glides back in front (exponentially, RATE per second) once the head has turned further."""
    RECENTRE_DEG = 40.0
    SETTLED_DEG = 1.0
    RATE = 4.0

    def __init__(self, heading: float = 0.0):
        self.heading = heading
        self.moving = False

    def update(self, head: float, dt: float) -> float:
        off = _wrap(head - self.heading)
        if abs(off) > self.RECENTRE_DEG:
            self.moving = True
        if self.moving:
            self.heading = _wrap(self.heading + off * min(1.0, self.RATE * dt))
            if abs(_wrap(head - self.heading)) < self.SETTLED_DEG:
                self.moving = False
        return self.heading


def _wrap(degrees: float) -> float:
    return (degrees + 180.0) % 360.0 - 180.0


def heading_of(node: NodePath, other: NodePath) -> float:
    """The heading (degrees, Panda3D's: 0 along +Y, positive to the left) `node` faces, seen from `other`."""
    forward = other.get_relative_vector(node, Vec3(0, 1, 0))
    return math.degrees(math.atan2(-forward.x, forward.y))


class Panel:
    def __init__(self, base, parent: NodePath, head: NodePath, size: tuple[int, int] = PANEL_PX):
        self.base, self.parent, self.head = base, parent, head
        self.texture = Texture("xr-panel")
        props = FrameBufferProperties()
        props.set_rgba_bits(8, 8, 8, 8)
        self.buffer = base.win.make_texture_buffer("xr-panel", size[0], size[1], self.texture, False, props)
        self.buffer.set_clear_color((0, 0, 0, 0))  # clear: only the widgets show in the world
        self.buffer.set_clear_color_active(True)
        self.root2d = NodePath("xr-panel-2d")  # as ShowBase's render2d
        self.root2d.set_depth_test(False)
        self.root2d.set_depth_write(False)
        self.root2d.set_material_off(1)
        self.root2d.set_two_sided(True)
        # Blending into a clear texture: colours as usual (so the texture holds them premultiplied by
        # their coverage), alphas added up, so a text on a card leaves the card as opaque as it was.
        self.root2d.set_attrib(ColorBlendAttrib.make(
            ColorBlendAttrib.M_add, ColorBlendAttrib.O_incoming_alpha, ColorBlendAttrib.O_one_minus_incoming_alpha,
            ColorBlendAttrib.M_add, ColorBlendAttrib.O_one, ColorBlendAttrib.O_one_minus_incoming_alpha), 1)
        lens = OrthographicLens()
        lens.set_film_size(2, 2)
        lens.set_near_far(-1000, 1000)
        camera = self.root2d.attach_new_node(Camera("xr-panel-camera", lens))
        self.buffer.make_display_region().set_camera(camera)
        # as aspect2d: x across +-aspect; a PGTop draws the widgets in the scene graph's order
        self.overlay = self.root2d.attach_new_node(PGTop("xr-panel-aspect2d"))
        self.overlay.set_scale(1 / DESIGN_ASPECT, 1, 1)
        make_anchors(self.overlay, DESIGN_ASPECT)
        self.half = (WIDTH_M / 2, WIDTH_M / DESIGN_ASPECT / 2)
        card = CardMaker("xr-panel-quad")
        card.set_frame(-self.half[0], self.half[0], -self.half[1], self.half[1])
        self.quad = parent.attach_new_node(card.generate())
        _drawn_on_top(self.quad, self.texture)
        self.mirror: NodePath | None = None
        self.follow = LazyHeading(heading_of(head, parent))
        self.place()
        base.task_mgr.add(self._frame, TASK)

    # --- where it stands --------------------------------------------------------------------------
    def place(self, dt: float = 0.0) -> None:
        """Ahead of the head at the lazily followed heading, a little low, tilted to face the eyes."""
        heading = self.follow.update(heading_of(self.head, self.parent), dt) if dt else self.follow.heading
        eye = self.head.get_pos(self.parent)
        h = math.radians(heading)
        centre = eye + Vec3(-math.sin(h), math.cos(h), 0) * DISTANCE_M - Vec3(0, 0, DROP_M)
        self.quad.set_pos(centre)
        self.quad.look_at(centre + (centre - eye))  # +Y away from the eyes: the card's face towards them

    def _frame(self, task):
        self.place(self.base.clock.get_dt())
        self._fit_uv()
        return task.cont

    def _fit_uv(self) -> None:
        """Only the used part of the texture on the quads (Panda3D may pad it to a power of two)."""
        tex = self.texture
        if tex.get_x_size() and tex.get_y_size():
            scale = ((tex.get_x_size() - tex.get_pad_x_size()) / tex.get_x_size(),
                     (tex.get_y_size() - tex.get_pad_y_size()) / tex.get_y_size())
            for node in (self.quad, self.mirror):
                if node is not None:
                    node.set_tex_scale(TextureStage.get_default(), *scale)

    # --- the ray on it ------------------------------------------------------------------------------
    def hit(self, origin: Point3, direction: Vec3, space: NodePath) -> tuple[float, Point3, tuple[float, float]] | None:
        """Where a ray (in `space`) meets the quad: (distance, the point in `space`, the point in the
        overlay's coordinates: x across +-aspect, z up +-1), or None when it misses or points away."""
        o = self.quad.get_relative_point(space, origin)
        d = self.quad.get_relative_vector(space, direction)
        if d.y <= 1e-6 or o.y >= 0:  # parallel, pointing away, or from behind
            return None
        t = -o.y / d.y
        x, z = o.x + d.x * t, o.z + d.z * t
        if abs(x) > self.half[0] or abs(z) > self.half[1]:
            return None
        point = space.get_relative_point(self.quad, Point3(x, 0, z))
        return (t * direction.length(), point, (x / self.half[0] * DESIGN_ASPECT, z / self.half[1]))

    def button_at(self, x: float, z: float):
        """The DirectGui button shown at (x, z) of the overlay, the last drawn (topmost) first; None."""
        from direct.gui.DirectGuiBase import DirectGuiWidget
        found = None
        for item in self.overlay.find_all_matches("**/+PGButton"):
            pg = item.node()
            if item.is_hidden() or not pg.get_active() or item.get_net_transform().get_scale()[0] == 0:
                continue
            p = item.get_relative_point(self.overlay, Point3(x, 0, z))
            left, right, bottom, top = pg.get_frame()
            if left <= p.x <= right and bottom <= p.z <= top:
                found = DirectGuiWidget.guiDict.get(pg.get_id(), found)
        return found

    # --- the desktop mirror -------------------------------------------------------------------------
    def mirror_on(self, render2d: NodePath, window_aspect: float) -> NodePath:
        """The panel's texture over the whole mirror window (16:9, letterboxed), on top of the eyes."""
        sx, sz = min(1.0, DESIGN_ASPECT / window_aspect), min(1.0, window_aspect / DESIGN_ASPECT)
        card = CardMaker("xr-panel-mirror")
        card.set_frame(-sx, sx, -sz, sz)
        self.mirror = render2d.attach_new_node(card.generate())
        _drawn_on_top(self.mirror, self.texture)
        return self.mirror

    def destroy(self) -> None:
        self.base.task_mgr.remove(TASK)
        self.quad.remove_node()
        if self.mirror is not None:
            self.mirror.remove_node()
        self.base.graphics_engine.remove_window(self.buffer)
        self.root2d.remove_node()


def _drawn_on_top(node: NodePath, texture: Texture) -> None:
    """Textured, see-through where the panel is clear (its colours are premultiplied), unlit, and
    never hidden by the scene."""
    node.set_texture(texture)
    node.set_transparency(TransparencyAttrib.M_alpha)  # drawn with the transparent things, after the scene
    node.set_attrib(ColorBlendAttrib.make(ColorBlendAttrib.M_add, ColorBlendAttrib.O_one,
                                          ColorBlendAttrib.O_one_minus_incoming_alpha))
    node.set_light_off(1)
    node.set_fog_off(1)
    node.set_depth_test(False)
    node.set_depth_write(False)
    node.set_bin("fixed", 40)
