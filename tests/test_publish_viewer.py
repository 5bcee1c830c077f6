"""The published page's viewer, in a real browser (tests/web_site.py's fixtures): walking like the
kiosk, the "Enter VR" button where a headset is, and hotspot labels that never overlap.

Debian's headless Chromium has navigator.xr on http://127.0.0.1 but no immersive device
(isSessionSupported('immersive-vr') is false, requestSession rejects "No XR hardware found") and no
WebXR test API: the VR button is checked against a navigator.xr the test defines, never a real
immersive session."""
from __future__ import annotations

import json
import math
import time

import pytest

from engine.display.navigation import EYE_HEIGHT_M, NavigationSpeeds
from engine.world.plans import load_plan
from tests.conftest import ISLET
from tests.web_site import SCENE_READY, wait_until

WALK_MPS = NavigationSpeeds().walk_mps  # the page walks as the kiosk does


@pytest.fixture(scope="module")
def islet_ground():
    """The islet's ground height at a glTF (x, z), from the engine's own heightfield and water level."""
    plan, _ = load_plan(ISLET, None)
    level = plan.scene.water.level_m

    def at(x: float, z: float) -> tuple[float, bool]:  # (height, on land well away from the coast)
        height = float(plan.facts.ground.height_at(x, -z))  # glTF +Z is south: the plan's y is -z
        return max(height, level), height > level + 1.0

    return at


def _camera(page) -> dict:
    return page.evaluate("window.ludao.camera()")


def _frames(page) -> int:
    return page.evaluate("window.ludao.frames()")


def _assert_on_the_ground(camera, ground):
    x, y, z = camera["position"]
    height, inland = ground(x, z)
    assert camera["ground"] == pytest.approx(y - EYE_HEIGHT_M, abs=0.01)  # the page's own raycast
    if inland:  # the terrain's triangles follow the heightfield closely away from the shore
        assert y - height == pytest.approx(EYE_HEIGHT_M, abs=0.25), (x, z)
    else:
        assert y - height >= EYE_HEIGHT_M - 0.25, (x, z)  # never under the water's surface


def _drag(page, dx: float, dy: float, at=(640, 380)):
    page.mouse.move(*at)
    page.mouse.down()
    page.mouse.move(at[0] + dx, at[1] + dy, steps=4)
    page.mouse.up()


# --- walking -------------------------------------------------------------------------------------

def test_walk_keeps_the_eye_over_the_ground_at_walking_pace_and_back_to_orbit(published, open_site, islet_ground):
    site = published("islet")
    extent = json.loads((site / "scene.json").read_text(encoding="utf-8"))["scene"]["extent_m"]
    page, _, _ = open_site(site)
    orbit = _camera(page)
    assert orbit["mode"] == "orbit" and page.text_content("#walk") == "步行"
    assert not page.is_visible("#walk-ahead")

    page.click("#walk")
    walk = _camera(page)
    assert walk["mode"] == "walk" and page.text_content("#walk") == "环绕"
    assert walk["pitch"] == pytest.approx(0, abs=0.1)  # level, facing the way the view looked
    assert walk["yaw"] == pytest.approx(orbit["yaw"], abs=0.5)
    assert math.dist(walk["position"][::2], orbit["target"][::2]) < 0.01  # on the ground under what was looked at
    _assert_on_the_ground(walk, islet_ground)

    idle = _frames(page)
    time.sleep(0.4)
    assert _frames(page) == idle  # standing still draws nothing
    page.evaluate("""window.held = {};  // the key's time held, on the page's own clock
      for (const type of ['keydown', 'keyup']) window.addEventListener(type, (e) => { window.held[type] = e.timeStamp; });""")
    page.keyboard.down("ArrowUp")
    time.sleep(1.0)
    page.keyboard.up("ArrowUp")
    held = page.evaluate("(window.held.keyup - window.held.keydown) / 1000")
    time.sleep(0.1)
    moved = _camera(page)
    assert _frames(page) > idle + 2  # drawn while the key is held
    dx, dz = moved["position"][0] - walk["position"][0], moved["position"][2] - walk["position"][2]
    heading = math.radians(walk["yaw"])
    assert (dx, dz) == pytest.approx((-math.sin(heading) * math.hypot(dx, dz), -math.cos(heading) * math.hypot(dx, dz)),
                                     abs=0.05)  # straight along the heading
    # 4 m/s while held; a frame slower than 0.25 s walks only 0.25 s (a busy machine's frames may be)
    assert WALK_MPS * held * 0.5 < math.hypot(dx, dz) <= WALK_MPS * held * 1.05
    _assert_on_the_ground(moved, islet_ground)

    _drag(page, -100, 0)  # a drag left turns the head left, 0.25 degrees a pixel, as at the kiosk
    assert _camera(page)["yaw"] == pytest.approx(walk["yaw"] + 25, abs=1)
    _drag(page, 0, -300)
    _drag(page, 0, -300)
    assert _camera(page)["pitch"] == pytest.approx(85, abs=0.5)  # looking up, clamped
    assert _camera(page)["position"] == moved["position"]  # turning the head moves nobody

    page.evaluate(f"window.ludao.walkTo({extent * 3}, {-extent * 2})")  # far out to sea
    edge = _camera(page)
    assert edge["position"][0] == pytest.approx(extent) and edge["position"][2] == pytest.approx(-extent)
    _assert_on_the_ground(edge, islet_ground)
    for x, z in ((-40.0, -120.0), (150.0, 0.0), (0.0, 0.0)):
        page.evaluate(f"window.ludao.walkTo({x}, {z})")
        _assert_on_the_ground(_camera(page), islet_ground)

    page.evaluate("""(() => { const field = document.createElement('input');  // as a question's answer would be
      field.id = 'answer'; document.body.appendChild(field); })()""")
    page.focus("#answer")
    standing = _camera(page)["position"]
    page.keyboard.down("KeyW")
    time.sleep(0.3)
    page.keyboard.up("KeyW")
    assert page.input_value("#answer") == "w" and _camera(page)["position"] == standing  # typed, not walked
    page.evaluate("document.querySelector('#answer').remove()")

    page.click("#walk")  # back to orbit, round a point ahead
    back = _camera(page)
    assert back["mode"] == "orbit" and page.text_content("#walk") == "步行" and not page.is_visible("#walk-ahead")
    distance = math.dist(back["position"], back["target"])
    _drag(page, 120, 0)
    time.sleep(0.3)  # the orbit's damping settles
    turned = _camera(page)
    assert math.dist(turned["position"], back["position"]) > 1  # the drag orbits again
    assert math.dist(turned["position"], turned["target"]) == pytest.approx(distance, rel=0.02)

    page.click("#walk")
    page.click("#views button >> nth=1")  # a viewpoint leaves the walk for its own orbit
    assert _camera(page)["mode"] == "orbit" and page.text_content("#walk") == "步行"
    assert not page.is_visible("#walk-ahead")
    page.close()


def _touch(cdp, kind: str, x: float, y: float):
    points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def test_a_phone_walks_with_a_finger_drag_and_the_hold_to_walk_button(published, open_site):
    page, _, _ = open_site(published("islet"), viewport={"width": 390, "height": 844}, is_mobile=True,
                           has_touch=True, device_scale_factor=2)
    page.tap("#walk")
    start = _camera(page)
    assert start["mode"] == "walk"
    ahead = page.locator("#walk-ahead")
    assert ahead.is_visible() and ahead.text_content() == "向前走"
    box = ahead.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44 and box["x"] + box["width"] <= 390

    cdp = page.context.new_cdp_session(page)
    _touch(cdp, "touchStart", 200, 400)  # a finger dragged right turns the head right
    for step in range(1, 5):
        _touch(cdp, "touchMove", 200 + 20 * step, 400)
    _touch(cdp, "touchEnd", 0, 0)
    turned = _camera(page)
    assert turned["yaw"] == pytest.approx(start["yaw"] - 20, abs=1)

    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    _touch(cdp, "touchStart", *centre)  # held: walks ahead
    time.sleep(0.8)
    _touch(cdp, "touchEnd", 0, 0)
    time.sleep(0.1)
    walked = _camera(page)
    dx, dz = walked["position"][0] - turned["position"][0], walked["position"][2] - turned["position"][2]
    assert math.hypot(dx, dz) > 1.0
    heading = math.radians(turned["yaw"])
    assert -math.sin(heading) * dx - math.cos(heading) * dz == pytest.approx(math.hypot(dx, dz), rel=0.01)
    time.sleep(0.3)
    assert _camera(page)["position"] == walked["position"]  # let go: stands still
    page.close()


# --- Enter VR --------------------------------------------------------------------------------------

NO_XR = "Object.defineProperty(navigator, 'xr', { configurable: true, value: undefined });"
# A browser that says it has a headset but whose session is refused (as when the visitor declines).
REFUSING_XR = """
window.xrAsked = [];
Object.defineProperty(navigator, 'xr', { configurable: true, value: {
  isSessionSupported: (mode) => Promise.resolve(mode === 'immersive-vr'),
  requestSession: (mode, options) => {
    window.xrAsked.push([mode, options]);
    return Promise.reject(new DOMException('The visitor said no', 'NotAllowedError'));
  },
} });
"""


# A headset as far as three.js and the page can tell, for the page's side of a session: the browser's
# own XRRigidTransform, a session whose frames come from requestAnimationFrame, and a head standing
# 1.6 m over the floor of whatever offset space the page renders from (the pose a real device would
# report there: the offset's inverse times the head's pose in the floor space). Nothing is shown.
GRANTING_XR = """
Object.defineProperty(window, 'XRWebGLBinding', { configurable: true, value: undefined });
WebGL2RenderingContext.prototype.makeXRCompatible = () => Promise.resolve();
window.XRWebGLLayer = class {
  constructor() {
    Object.assign(this, { framebuffer: null, framebufferWidth: 64, framebufferHeight: 64, ignoreDepthValues: true });
  }
  getViewport() { return { x: 0, y: 0, width: 64, height: 64 }; }
};
const head = new DOMMatrix().translate(0, 1.6, 0);
const projection = new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1.0002, -1, 0, 0, -0.20002, 0]);
function space(type, transform) {
  return { type, transform, getOffsetReferenceSpace: (offset) => space(type, offset) };
}
const session = new EventTarget();
Object.assign(session, {
  renderState: {}, inputSources: [], enabledFeatures: ['local-floor'],
  updateRenderState(state) { Object.assign(this.renderState, state); },
  requestReferenceSpace: (type) => Promise.resolve(space(type, null)),
  requestAnimationFrame: (callback) => requestAnimationFrame((time) => callback(time, {
    session,
    getViewerPose: (seen) => {
      const matrix = seen.transform ? new DOMMatrix(Array.from(seen.transform.inverse.matrix)).multiply(head) : head;
      return { views: [{ eye: 'none', projectionMatrix: projection, transform: { matrix: matrix.toFloat32Array() } }] };
    },
  })),
  cancelAnimationFrame: (id) => cancelAnimationFrame(id),
  end() { this.dispatchEvent(new Event('end')); return Promise.resolve(); },
});
window.xrSession = session;
Object.defineProperty(navigator, 'xr', { configurable: true, value: {
  isSessionSupported: (mode) => Promise.resolve(mode === 'immersive-vr'),
  requestSession: () => Promise.resolve(session),
} });
"""


def _reopen_with(page, script: str):
    page.add_init_script(script)
    page.reload()
    wait_until(page, SCENE_READY, why="the page did not load again")
    assert page.evaluate("window.sceneError || null") is None


def test_enter_vr_is_hidden_without_an_immersive_headset(published, open_site):
    page, _, _ = open_site(published("islet"))
    # this machine's Chromium: WebXR there, no immersive device
    assert page.evaluate("navigator.xr.isSessionSupported('immersive-vr')") is False
    assert page.evaluate("document.querySelector('#vr').hidden") is True
    assert not page.is_visible("#vr")
    _reopen_with(page, NO_XR)  # a browser without WebXR at all
    assert page.evaluate("navigator.xr") is None
    assert not page.is_visible("#vr") and not page.is_visible("#notice")
    page.close()


def test_enter_vr_shows_where_a_headset_is_and_says_when_it_is_refused(published, open_site):
    page, _, _ = open_site(published("islet"))
    _reopen_with(page, REFUSING_XR)
    vr = page.locator("#vr")
    wait_until(page, "!document.querySelector('#vr').hidden", 5, "the VR button did not appear")
    assert vr.evaluate("b => b.tagName") == "BUTTON" and vr.text_content() == "进入 VR"
    before = _camera(page)
    vr.click()
    wait_until(page, "!document.querySelector('#notice').hidden", 5, "no message for the refused session")
    assert page.text_content("#notice") == "无法进入 VR"
    assert page.get_attribute("#notice", "role") == "alert"
    assert page.evaluate("window.xrAsked") == [["immersive-vr", {"optionalFeatures": ["local-floor"]}]]
    after = _camera(page)
    assert after["mode"] == "orbit" and after["position"] == before["position"]
    page.click("#lang")
    assert vr.text_content() == "Enter VR" and page.text_content("#notice") == "VR could not start"
    page.close()


def _yaw_towards(eye, target) -> float:
    return math.degrees(math.atan2(eye[0] - target[0], eye[2] - target[2]))


def test_in_vr_the_visitor_stands_at_the_view_and_only_a_select_moves_them(published, open_site):
    """With the session faked (no headset here), what the page does with it: the visitor's eyes at the
    page's view, level, facing its heading; a frame every frame; a select jumps to the next viewpoint;
    the session's end gives the page back its view and its draw-on-change."""
    site = published("islet")
    views = json.loads((site / "scene.json").read_text(encoding="utf-8"))["viewpoints"]
    page, _, _ = open_site(site)
    _reopen_with(page, GRANTING_XR)
    wait_until(page, "!document.querySelector('#vr').hidden", 5, "the VR button did not appear")
    before = _camera(page)
    page.click("#vr")
    wait_until(page, "window.ludao.camera().mode === 'vr' && window.ludao.frames() > 2", 10, "no VR session")
    frames = _frames(page)
    time.sleep(0.5)
    assert _frames(page) > frames + 3  # a headset is drawn for every frame, changed or not
    standing = _camera(page)
    assert standing["position"] == pytest.approx(before["position"], abs=0.01)
    assert standing["yaw"] == pytest.approx(before["yaw"], abs=0.1) and standing["pitch"] == pytest.approx(0, abs=0.1)
    time.sleep(0.3)
    assert _camera(page)["position"] == pytest.approx(standing["position"], abs=1e-6)  # nothing moves by itself

    for view in (views[1], views[2], views[0]):  # each select: the next viewpoint, round again after the last
        page.evaluate("window.xrSession.dispatchEvent(new Event('select'))")
        time.sleep(0.2)
        jumped = _camera(page)
        assert jumped["position"] == pytest.approx(view["position"], abs=0.01), view["id"]
        assert jumped["yaw"] == pytest.approx(_yaw_towards(view["position"], view["target"]), abs=0.1)
        assert jumped["pitch"] == pytest.approx(0, abs=0.1)  # the head stays level: no forced pitch or roll

    page.evaluate("window.xrSession.end()")
    wait_until(page, "window.ludao.camera().mode === 'orbit'", 5, "the session's end did not give the page back")
    time.sleep(0.3)
    after = _camera(page)
    assert after["position"] == pytest.approx(before["position"], abs=0.01)
    assert after["target"] == pytest.approx(before["target"], abs=0.01)
    idle = _frames(page)
    time.sleep(0.4)
    assert _frames(page) == idle  # back to drawing on change
    _drag(page, 100, 0)
    assert _frames(page) > idle
    page.close()


# --- hotspot labels --------------------------------------------------------------------------------

SHOWN_BOXES = """[...document.querySelectorAll('.hotspot')]
  .filter((b) => getComputedStyle(b).opacity !== '0')
  .map((b) => { const r = b.getBoundingClientRect();
                return { poi: b.dataset.poi, cls: b.className, box: [r.left, r.top, r.right, r.bottom] }; })"""


def _overlapping(shown: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            (al, at, ar, ab), (bl, bt, br, bb) = a["box"], b["box"]
            if al < br and bl < ar and at < bb and bt < ab:
                pairs.append((a["poi"], b["poi"]))
    return pairs


def _under_the_bars(page, shown: list[dict]) -> list[str]:
    """The labels that lie under the page's header, bottom bar or credits."""
    bars = page.evaluate("""['header', 'nav', '#credits'].map((s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      return { poi: s, box: [r.left, r.top, r.right, r.bottom] }; })""")
    return [pair[0] for bar in bars for pair in _overlapping([*shown, bar]) if bar["poi"] in pair]


def test_gulangyu_hotspot_labels_never_overlap_at_any_viewpoint(published, open_site):
    site = published("gulangyu", scenes=None)
    views = json.loads((site / "scene.json").read_text(encoding="utf-8"))["viewpoints"]
    page, _, _ = open_site(site)
    wait_until(page, "document.fonts.status === 'loaded'")
    page.evaluate("window.dispatchEvent(new Event('resize'))")  # a frame laid out with the loaded font
    time.sleep(0.3)
    first = page.evaluate(SHOWN_BOXES)
    assert len(first) >= 5 and _overlapping(first) == [] and _under_the_bars(page, first) == []
    assert [s for s in first if "lifted" in s["cls"] or "pin" in s["cls"]], \
        "the overview's labels collide unless laid out apart: nothing was moved"

    for index in range(1, len(views)):
        before = _frames(page)
        page.click(f"#views button >> nth={index}")
        wait_until(page, f"window.ludao.frames() > {before}", 10)
        time.sleep(0.3)  # the orbit's damping settles
        shown = page.evaluate(SHOWN_BOXES)
        assert shown and _overlapping(shown) == [] and _under_the_bars(page, shown) == [], views[index]["id"]

    page.click("#views button >> nth=0")  # the overview again: a keyboard reaches each hotspot, labelled
    time.sleep(0.3)
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("""(() => { const b = document.activeElement;
          return b.classList.contains('hotspot') ? { poi: b.dataset.poi, cls: b.className,
            opacity: getComputedStyle(b).opacity, label: b.getAttribute('aria-label') } : null; })()""")
        if focused is None:
            continue
        seen.add(focused["poi"])
        assert focused["opacity"] == "1" and focused["label"]
        if "outside" not in focused["cls"]:  # on the picture: its full label, still clear of the others
            assert "pin" not in focused["cls"] and "crowded" not in focused["cls"]
            assert _overlapping(page.evaluate(SHOWN_BOXES)) == []
    pois = json.loads((site / "scene.json").read_text(encoding="utf-8"))["pois"]
    assert seen == {p["id"] for p in pois}
    page.close()
