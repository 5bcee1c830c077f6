"""What a visit needs from an output, and the Panda3D ShowBase behind each one.

A `Display` hands the visit (engine.play) a ShowBase, its render root, the camera node the rig carries,
the lens node(s) to pick through, the 2D overlay parent for widgets (aspect2d), the frame size, and
frames: `render_frame()`, `pixels()`, `save_png()`, `step()`, `run()`, `close()`. The visit never asks
which kind of output it is in.

Adding a display (kiosk, stereo; the OpenXR headset's is engine/xr/display.py, a layer above):
1. Write `engine/display/<kind>.py` with a subclass of `Display`; give it a classmethod `open(...)` that
   makes its ShowBase (`make_base`, or its own PRC) and raises `MissingCapability` with what to install
   when the machine cannot show it.
2. Override only what differs: `eye_lens_nodes` and `pick_lens` (two eyes for stereo/VR: a
   `StereoRig` on the mono camera node, engine/display/stereo_rig.py; see stereo.py), `overlay` (a VR
   overlay is a quad in the world, not aspect2d), `size`, or `step()` (a headset waits for its frame
   timing). Input stays in engine/display/pointer.py: a new device turns its gestures into the same
   intents (tap, drag, zoom, move, ...); one that points in 3D itself overrides `attach_input` and
   raises `pick` (a headset's rays and gaze: engine/xr/pointing.py).
3. Choose it in engine/app.py's `open_display()`; nothing in engine/play, engine/tour or engine/game changes.

The PRC is set before ShowBase starts, quietly: nothing cached in the home folder, no audio device
needed (a window asks for OpenAL unless muted), no pipe-type chatter on stderr.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from panda3d.core import NodePath, load_prc_file_data

from engine.errors import OutputNotWritable
from engine.files import atomic_path

QUIET_PRC = """
print-pipe-types false
notify-level-device fatal
notify-level-egldisplay error
notify-level-glgsg error
notify-level-display error
notify-level-linmath error
sync-video false
model-cache-dir
framebuffer-multisample false
multisamples 0
text-pixels-per-unit 48
text-page-size 1024 1024
"""


def make_base(*, offscreen: bool, size: tuple[int, int] = (1280, 720), title: str = "Ludao 鹭岛",
              fullscreen: bool = False, audio: bool = False, kiosk: bool = False, quality: str = "fast"):
    """audio: play sound through OpenAL (the machine's default device); otherwise the silent null
    manager. Without a device OpenAL gives an invalid manager and the visit goes on silently.
    quality: the lighting path, auto, fast or pbr (engine.display.lighting)."""
    from direct.showbase.ShowBase import ShowBase

    width, height = size
    prc = QUIET_PRC + f"win-size {width} {height}\n"
    if audio:
        os.environ.setdefault("ALSOFT_LOGLEVEL", "0")  # OpenAL Soft's own chatter (no capture device...)
        prc += "audio-library-name p3openal_audio\n"
    else:
        prc += "audio-library-name null\n"
    if offscreen:
        prc += "load-display p3headlessgl\naux-display pandagl\nwindow-type offscreen\n"
    else:
        prc += (f"window-title {title}\nwin-origin 0 0\nload-display pandagl\n"
                f"fullscreen {'true' if fullscreen else 'false'}\n")
        if kiosk:  # a touch kiosk: no title bar or borders, no mouse cursor
            prc += "undecorated true\ncursor-hidden true\n"
    load_prc_file_data("ludao", prc)
    base = ShowBase(windowType="offscreen" if offscreen else "onscreen")
    base.disable_mouse()
    base.set_frame_rate_meter(False)
    from engine.display.lighting import install
    install(base, quality)
    return base


# --- frames of any ShowBase (SceneView and Display share these) -----------------------------------
def render_frame(base) -> None:
    # Step the task manager first: tasks (and simplepbr, when used) set inputs the frame needs.
    base.task_mgr.step()
    base.graphics_engine.render_frame()
    base.graphics_engine.render_frame()


def save_png(base, path: Path) -> Path:
    """The next frame as a PNG: the pixels and channels (RGBA from an offscreen buffer) Panda3D's own
    screenshot writer gives, encoded by Pillow at zlib's default level, in a third of that writer's
    time (0.07 s for 1280x720 where it took 0.24 s) and a file of about the same size."""
    from PIL import Image
    if _one_frame_shows_all(base):
        base.task_mgr.step()
        base.graphics_engine.render_frame()
    else:
        render_frame(base)
    path = Path(path)
    tex = base.win.get_screenshot()
    if tex is None:
        raise OutputNotWritable(path, "the frame could not be read back")
    channels = "RGBA" if tex.get_num_components() == 4 else "RGB"
    rows = np.frombuffer(bytes(tex.get_ram_image_as(channels)), dtype=np.uint8)
    rows = rows.reshape(tex.get_y_size(), tex.get_x_size(), len(channels))[::-1]  # top row first
    with atomic_path(path) as tmp:  # a failed or interrupted write leaves no half PNG at `path`
        try:
            Image.fromarray(np.ascontiguousarray(rows), channels).save(tmp, format="PNG", compress_level=6)
        except OSError as exc:
            raise OutputNotWritable(path, f"the image could not be saved there ({exc.strerror or exc})") from None
    return path


def _one_frame_shows_all(base) -> bool:
    """An offscreen buffer on the fast lighting path shows the whole still after one frame (the same
    pixels as after two, for every shipped scene and the test scenes; the second frame of yundang is
    0.2 s on llvmpipe). A window, and the PBR path (whose passes feed each other), still get two."""
    from panda3d.core import GraphicsWindow
    from engine.display.lighting import lighting_of
    return lighting_of(base).quality == "fast" and not isinstance(base.win, GraphicsWindow)


def pixels(base) -> np.ndarray:
    """The last frame as an (height, width, 3) uint8 array, top row first."""
    render_frame(base)
    return _rgb_rows(base.win.get_screenshot())


def _rgb_rows(tex) -> np.ndarray:
    """A screenshot texture as (height, width, 3) uint8, top row first."""
    data = np.frombuffer(bytes(tex.get_ram_image_as("RGB")), dtype=np.uint8)
    return data.reshape(tex.get_y_size(), tex.get_x_size(), 3)[::-1]


class Display:
    """One output: a ShowBase plus what the visit reads from it. Wraps an existing base, so tests
    can hand in their shared offscreen one; `close()` destroys the base only when this display made it."""

    kind = "base"

    def __init__(self, base, *, owns_base: bool = False):
        self.base = base
        self._owns_base = owns_base
        self._stop_requested = False
        self._frame_times = None  # `--frame-times`: engine.display.frame_stats.FrameTimes

    @property
    def render(self) -> NodePath:
        return self.base.render

    @property
    def camera(self) -> NodePath:
        """The node the camera rig carries (the eye cameras hang below it)."""
        return self.base.camera

    @property
    def eye_lens_nodes(self) -> list[NodePath]:
        """The camera node(s) with a lens, one an eye; picking goes through the first."""
        return [self.base.cam]

    @property
    def lens_node(self):
        return self.eye_lens_nodes[0].node()

    def pick_lens(self, x_ndc: float, y_ndc: float):
        """(lens node, x, y): the eye a point of the whole frame (-1..1 film coordinates) is seen through,
        and the point in that eye's coordinates (a side-by-side pair maps each half to its eye)."""
        return self.lens_node, x_ndc, y_ndc

    @property
    def lenses(self) -> list:
        return [eye.node().get_lens() for eye in self.eye_lens_nodes]

    @property
    def overlay(self) -> NodePath:
        """The parent for 2D widgets: x across +-aspect ratio, z up +-1."""
        return self.base.aspect2d

    def attach_input(self, handler, scene):
        """The visit's input (mouse, touch, keys -> handler's intents); scene: the LiveScene, for
        outputs that pick in 3D themselves (a headset's rays). Returns something with destroy()."""
        from engine.display.pointer import PointerInput
        return PointerInput(self, handler)

    @property
    def size(self) -> tuple[int, int]:
        return self.base.win.get_x_size(), self.base.win.get_y_size()

    @property
    def task_mgr(self):
        return self.base.task_mgr

    def frame_time(self) -> float:
        """Seconds since the display started, as of this frame (the visit's clock)."""
        return self.base.clock.get_frame_time()

    def frame_dt(self) -> float:
        return self.base.clock.get_dt()

    def render_frame(self) -> None:
        render_frame(self.base)

    def pixels(self) -> np.ndarray:
        return pixels(self.base)

    def save_png(self, path: Path) -> Path:
        return save_png(self.base, path)

    def frame_stats(self, *, show: bool = False, record_to: Path | None = None) -> None:
        """`--stats`: the frame time in ms at the top right; `--frame-times FILE`: every frame's time,
        written to FILE when the display closes (engine.display.frame_stats)."""
        from engine.display.frame_stats import FrameTimes, show_frame_stats
        if show:
            show_frame_stats(self.base)
        if record_to is not None:
            self._frame_times = FrameTimes(self.base, record_to)

    def view_picture(self) -> np.ndarray:
        """The 3D view alone, the 2D overlay hidden for it, as (height, width, 3) uint8: a postcard's
        picture. It draws without stepping the task manager, so a button's command may call it."""
        overlay = self.overlay
        was_hidden = overlay.is_hidden()
        overlay.hide()
        try:
            self.base.graphics_engine.render_frame()
            self.base.graphics_engine.render_frame()
            tex = self.base.win.get_screenshot()
        finally:
            if not was_hidden:
                overlay.show()
        return _rgb_rows(tex)

    def step(self) -> None:
        """One frame: tasks, input, drawing."""
        self.base.task_mgr.step()

    def run(self, max_frames: int = 0) -> None:
        """Until the window closes, stop() is asked for, or for max_frames frames."""
        if max_frames:
            for _ in range(max_frames):
                if self._stop_requested:
                    break
                self.step()
        elif not self._stop_requested:
            self.base.run()

    def request_stop(self) -> None:
        """End run() after the frame in progress. Safe from a signal handler: it only sets state,
        so the visit's clean-up runs in order instead of from wherever an exception would land."""
        self._stop_requested = True
        self.base.task_mgr.stop()

    def close(self) -> None:
        if self._frame_times is not None:
            self._frame_times.write()
            self._frame_times = None
        if self._owns_base:
            self.base.destroy()
