"""Interaction in a headset, in-process on the shared offscreen base (no OpenXR): the visit's
widgets on a panel in space (engine.xr.panels) and pointing by gaze and by a controller's ray
(engine.xr.pointing), driven in simulated time. `PanelDisplay` composes them as XrDisplay does,
with the head and the controllers set by the test instead of a runtime."""
from __future__ import annotations

import io

import numpy as np
import pytest
from panda3d.core import NodePath, Point3, Vec3

from engine.display.offscreen import OffscreenDisplay
from engine.display.stereo_rig import StereoRig
from engine.game.session import GameSession, game_for
from engine.play.protocol import VisitLines
from engine.play.session import PlaySession
from engine.ui.visible_text import visible_texts
from engine.world.library import get_scene
from engine.world.plan.anchors import marker_anchor
from engine.xr import pointing
from engine.xr.actions import ControllerState
from engine.xr.panels import DESIGN_ASPECT, DISTANCE_M, DROP_M, PANEL_PX, Panel
from engine.xr.poses import Pose
from tests.conftest import ISLET

STEP_S = 0.1


class PanelDisplay(OffscreenDisplay):
    """A headset's display without a headset: anchor, stereo head, panel and pointer as in XrDisplay."""

    kind = "vr"

    def __init__(self, base):
        super().__init__(base)
        self.anchor = base.render.attach_new_node("xr-anchor")
        self.rig = StereoRig(self.anchor)
        self.panel = Panel(base, self.anchor, self.rig.head)
        self.controllers: dict[str, ControllerState] = {}
        self.pointer = None

    @property
    def overlay(self):
        return self.panel.overlay

    def attach_input(self, handler, scene):
        self.pointer = pointing.XrPointer(self.base, self.anchor, self.rig.head, self.panel, handler, scene,
                                          lambda: self.controllers)
        self.base.task_mgr.remove(pointing.TASK)  # the test drives it in simulated time
        return self.pointer

    def stand_at_camera(self) -> None:
        """The anchor where the visit's camera is, level (as XrDisplay's anchor follows it)."""
        camera = self.base.camera
        self.anchor.set_pos_hpr(self.render, camera.get_pos(self.render), (camera.get_h(self.render), 0, 0))

    def close(self) -> None:
        self.panel.destroy()
        self.anchor.remove_node()


@pytest.fixture
def vr_visit(open_view, offscreen_base, scene_cache, tmp_path):
    """A visit of the islet on a PanelDisplay, from the sea (the summit and chapel pins ahead)."""
    open_view.release()
    built, _ = get_scene(ISLET, offscreen_base.loader, scene_cache)
    content = game_for(ISLET, ISLET.parent.parent)
    display = PanelDisplay(offscreen_base)
    out = io.StringIO()
    session = PlaySession(display, built, "en", "from_sea", lines=VisitLines(out),
                          game=GameSession(content, built.manifest, built.ground, lang="en"))
    display.stand_at_camera()
    session.out = out
    yield session
    session.close()
    display.close()


def _pin(session: PlaySession, poi_id: str) -> Point3:
    built = session.view.built
    return Point3(*marker_anchor(built.find_poi(poi_id), built.projection, built.ground))


def _look_at(session: PlaySession, point: Point3) -> None:
    session.display.rig.head.look_at(session.display.render, point)


def _aim(session: PlaySession, at: Point3, select: bool = False, hand: str = "right") -> None:
    """A tracked controller a little right of and below the head, pointing at `at`."""
    display = session.display
    hand_node = display.rig.head.attach_new_node("hand")
    hand_node.set_pos(0.2, 0.3, -0.3)
    hand_node.look_at(display.render, at)
    pos, quat = hand_node.get_pos(display.anchor), hand_node.get_quat(display.anchor)
    hand_node.remove_node()
    pose = Pose(tuple(pos), (quat.get_r(), quat.get_i(), quat.get_j(), quat.get_k()))
    display.controllers = {hand: ControllerState(hand, active=True, grip_pose=pose, aim_pose=pose, select=select)}


def _panel_point(panel: Panel, x: float, z: float) -> Point3:
    """A point of the overlay (x across +-aspect, z up +-1) on the quad, in render space."""
    render = panel.base.render
    return render.get_relative_point(panel.quad, Point3(x / DESIGN_ASPECT * panel.half[0], 0, z * panel.half[1]))


def _panel_pixels(panel: Panel) -> np.ndarray:
    base = panel.base
    base.graphics_engine.render_frame()
    base.graphics_engine.render_frame()
    base.graphics_engine.extract_texture_data(panel.texture, base.win.get_gsg())
    tex = panel.texture
    rgba = np.frombuffer(bytes(tex.get_ram_image_as("RGBA")), np.uint8).reshape(tex.get_y_size(), tex.get_x_size(), 4)
    return rgba[:PANEL_PX[1], :PANEL_PX[0]][::-1].astype(int)  # the used part, top row first


def test_the_help_line_in_a_headset_speaks_of_the_ray_the_gaze_and_the_stick(vr_visit):
    from engine.ui.hud import LABELS
    texts = visible_texts(vr_visit.display.panel.overlay)
    assert LABELS["help_vr"]["en"] in texts and LABELS["help"]["en"] not in texts


def test_a_card_opens_on_the_panel_texture(vr_visit):
    panel = vr_visit.display.panel
    before = _panel_pixels(panel)
    vr_visit.pick("poi", "chapel")
    assert "Chapel" in visible_texts(panel.overlay)
    after = _panel_pixels(panel)
    # the card hangs from the top right corner: its pixels change, the bottom left (HUD buttons) not
    card = np.abs(after - before)[100:200, 950:1250].max(axis=2) > 40
    assert card.mean() > 0.5
    assert (np.abs(after - before)[600:, :400].max(axis=2) > 40).mean() < 0.01
    assert after[100:200, 950:1250, 3].mean() > 200  # the card is opaque enough to read; the rest is clear
    assert after[400:560, 20:300, 3].max() == 0
    assert "poi\tchapel" in vr_visit.out.getvalue()


def test_the_panel_stands_ahead_of_the_head_a_little_low_and_faces_it(vr_visit):
    display = vr_visit.display
    head, quad = display.rig.head, display.panel.quad
    head.set_pos_hpr(0.3, -0.2, 1.6, 0, 0, 0)
    display.panel.place()
    offset = quad.get_pos(display.anchor) - head.get_pos(display.anchor)
    assert Vec3(offset.x, offset.y, 0).length() == pytest.approx(DISTANCE_M, abs=1e-3)
    assert offset.y == pytest.approx(DISTANCE_M, abs=1e-3) and offset.z == pytest.approx(-DROP_M, abs=1e-3)
    facing = display.anchor.get_relative_vector(quad, Vec3(0, -1, 0))  # the textured side's normal
    assert facing.normalized().dot(-offset.normalized()) > 0.999


def _turn_and_settle(display: PanelDisplay, heading: float) -> float:
    display.rig.head.set_hpr(heading, 0, 0)
    for _ in range(40):  # 4 s
        display.panel.place(STEP_S)
    return display.panel.follow.heading


def test_the_panel_recentres_after_a_wide_turn_but_not_a_small_one(vr_visit):
    display = vr_visit.display
    display.rig.head.set_pos_hpr(0, 0, 1.6, 0, 0, 0)
    display.panel.follow.heading = 0.0
    assert _turn_and_settle(display, 20) == pytest.approx(0.0)
    assert _turn_and_settle(display, 60) == pytest.approx(60.0, abs=1.0)
    turned = display.panel.quad.get_pos(display.anchor) - display.rig.head.get_pos(display.anchor)
    assert np.degrees(np.arctan2(-turned.x, turned.y)) == pytest.approx(60.0, abs=1.0)
    # smoothly: a tenth of a second into a recentre the panel has not jumped there
    display.rig.head.set_hpr(-10, 0, 0)
    display.panel.place(STEP_S)
    assert 0 < display.panel.follow.heading < 59


def test_gaze_dwelling_on_a_pin_opens_its_card_after_its_time_and_not_before(vr_visit):
    _look_at(vr_visit, _pin(vr_visit, "chapel"))
    pointer = vr_visit.display.pointer
    for _ in range(14):  # 1.4 s
        assert pointer.update(STEP_S).key == ("poi", "chapel")
    assert not vr_visit.card.visible and pointer.reticle.fraction > 0.9
    pointer.update(STEP_S)  # 1.5 s
    assert vr_visit.card.visible and vr_visit.card.poi.id == "chapel"
    assert "poi\tchapel" in vr_visit.out.getvalue()
    assert vr_visit.game.progress.stamps == {"stamp_chapel"}  # by tap, as on the kiosk
    vr_visit.close_card()
    for _ in range(30):  # still looking: it opened once
        pointer.update(STEP_S)
    assert not vr_visit.card.visible


def test_a_glance_away_starts_the_dwell_over(vr_visit):
    pointer = vr_visit.display.pointer
    _look_at(vr_visit, _pin(vr_visit, "chapel"))
    for _ in range(10):
        pointer.update(STEP_S)
    _look_at(vr_visit, _pin(vr_visit, "chapel") + Vec3(0, 0, 200))  # the sky above it
    assert pointer.update(STEP_S) is None
    _look_at(vr_visit, _pin(vr_visit, "chapel"))
    for _ in range(10):
        pointer.update(STEP_S)
    assert not vr_visit.card.visible


def test_a_controller_ray_and_select_open_a_pin_and_the_view_stays(vr_visit):
    pointer = vr_visit.display.pointer
    camera = vr_visit.display.camera.get_mat(vr_visit.display.render)
    _aim(vr_visit, _pin(vr_visit, "summit"))
    assert pointer.update(STEP_S).key == ("poi", "summit")
    assert not pointer.lasers["right"].node.is_hidden()
    for _ in range(30):  # pointing is not choosing: no dwell with a controller
        pointer.update(STEP_S)
    assert not vr_visit.card.visible
    _aim(vr_visit, _pin(vr_visit, "summit"), select=True)
    pointer.update(STEP_S)
    assert vr_visit.card.poi.id == "summit"
    assert vr_visit.game.hud.quiz is not None and vr_visit.game.hud.quiz.id == "quiz_hill"
    assert "quiz\tquiz_hill" in vr_visit.out.getvalue()
    assert vr_visit.display.camera.get_mat(vr_visit.display.render).almost_equal(camera)  # never moved


def test_a_ray_on_a_quiz_option_and_select_answer_the_quiz(vr_visit):
    pointer = vr_visit.display.pointer
    vr_visit.pick("poi", "summit")  # asks quiz_hill: 40 m (right) or 400 m
    button = vr_visit.game.hud.quiz_panel.buttons["m40"]
    centre = vr_visit.display.overlay.get_relative_point(button, Point3(0, 0, 0))
    target = _panel_point(vr_visit.display.panel, centre.x, centre.z)
    _aim(vr_visit, target)
    found = pointer.update(STEP_S)
    assert found.kind == "button" and found.widget is button
    assert button.guiItem.get_state() == pointing.ROLLOVER  # it looks pointed at
    _aim(vr_visit, target, select=True)
    pointer.update(STEP_S)
    assert vr_visit.game.progress.quizzes == {"quiz_hill": True}
    assert vr_visit.game.hud.quiz is None
    assert "quiz_hill" in vr_visit.out.getvalue().split("quiz\tquiz_hill", 1)[1]  # the game's answer line


def test_a_ray_finds_a_hidden_collectible(vr_visit):
    pointer = vr_visit.display.pointer
    gem = vr_visit.game.collectibles.find("collectible:bell")
    _aim(vr_visit, gem.get_pos(vr_visit.display.render))
    assert pointer.update(STEP_S).key == ("collectible", "bell")
    _aim(vr_visit, gem.get_pos(vr_visit.display.render), select=True)
    pointer.update(STEP_S)
    assert vr_visit.game.progress.collectibles == {"bell"}


def test_nothing_is_chosen_away_from_everything(vr_visit):
    pointer = vr_visit.display.pointer
    head = vr_visit.display.rig.head
    head.look_at(vr_visit.display.render, head.get_pos(vr_visit.display.render) + Vec3(0, 0, 100))  # the zenith
    for _ in range(30):
        assert pointer.update(STEP_S) is None
    assert not vr_visit.card.visible
    assert isinstance(pointer.reticle.node, NodePath) and not pointer.reticle.node.is_hidden()


def test_the_desktop_mirror_shows_the_panel_over_the_eyes(vr_visit):
    display = vr_visit.display
    width, height = display.size
    mirror = display.panel.mirror_on(display.base.render2d, width / height)
    assert mirror.get_texture() == display.panel.texture
    before = display.pixels()
    vr_visit.pick("poi", "chapel")
    after = display.pixels()
    changed = np.abs(after.astype(int) - before.astype(int)).max(axis=2) > 40
    # 16:9 letterboxed in the 4:3 test window: the card is at the right, in the panel's top quarter
    top = (height - width * 9 // 16) // 2
    assert changed[top:top + height // 4, width * 3 // 4:].mean() > 0.2
    assert changed[top + height // 2:, : width // 2].mean() < 0.01


def test_without_a_controller_a_gaze_answers_the_quiz(vr_visit):
    pointer = vr_visit.display.pointer
    vr_visit.pick("poi", "summit")
    button = vr_visit.game.hud.quiz_panel.buttons["m400"]
    centre = vr_visit.display.overlay.get_relative_point(button, Point3(0, 0, 0))
    _look_at(vr_visit, _panel_point(vr_visit.display.panel, centre.x, centre.z))
    for _ in range(15):
        assert vr_visit.game.hud.quiz is not None
        pointer.update(STEP_S)
    assert vr_visit.game.progress.quizzes == {"quiz_hill": False}  # 400 m: answered, wrongly
