"""`play SCENE --mode vr`: the visit's Display in an OpenXR headset.

Panda3D renders each eye into its own offscreen buffer through the stereo rig's two cameras (posed
every frame from the headset's located views); the session blits those textures into the
runtime's swapchain images. The visit's 2D widgets are drawn on a panel in space ahead of the
visitor (engine.xr.panels: `overlay` is its 2D root), and pins, collectibles and the panel's buttons
are pointed at with a controller's ray or by gaze (engine.xr.pointing). With a desktop (GLX) the
window mirrors both eyes side by side, the panel on top; without one (EGL) nothing but the headset is drawn.

The rig hangs from an anchor, level (the headset owns pitch and roll), that the comfort policy
moves (engine.xr.comfort through engine.xr.locomotion): the visitor's snap turns and teleports, and
the navigated camera's moves as fades once it rests, never a glide and never a forced turn.
The frame loop runs on the main thread and does nothing slow itself: the game's database writes go
through a background writer (engine.store.background) in this mode.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from panda3d.core import CardMaker, Point3, Quat, Texture, load_prc_file_data

from engine.display.base import Display, make_base
from engine.display.window import has_display
from engine.errors import MissingCapability
from engine.xr.binding import binding_kind
from engine.xr.comfort import ComfortSettings
from engine.xr.frame_report import FrameReport
from engine.xr.locomotion import Locomotion
from engine.xr.panels import Panel
from engine.xr.poses import mean_pose
from engine.xr.runtime import Runtime, import_xr, open_runtime
from engine.xr.session import Frame, XrSession

LOG = logging.getLogger("ludao.xr")
XR_PRC = "textures-power-2 none\nframebuffer-srgb false\n"  # eye textures exactly the swapchain's size
NEAR_M, FAR_M = 0.1, 30000.0
START_TIMEOUT_S = 20.0  # the runtime must start the session within this (READY)
EXIT_TIMEOUT_S = 5.0  # ... and end it within this once asked
RETRY_S = 1.0  # after LOSS_PENDING: how often to look for the headset again


class XrDisplay(Display):
    kind = "vr"

    def __init__(self, base, runtime: Runtime, session: XrSession, make_rig: Callable, *, windowed: bool,
                 report: Callable[..., None] | None = None, readback_dir: Path | None = None,
                 comfort: ComfortSettings | None = None):
        super().__init__(base, owns_base=True)
        self.runtime, self.xr_session = runtime, session
        self.report = FrameReport(report, readback_dir)
        self.anchor = base.render.attach_new_node("xr-anchor")
        self.rig = make_rig(self.anchor, near=NEAR_M, far=FAR_M)
        self.eye_buffers = [self._eye_buffer(i, eye, size) for i, (eye, size)
                            in enumerate(zip(self.rig.eyes, session.eye_sizes))]
        base.cam.node().set_active(False)  # the mono camera draws nothing: the eyes do
        self.panel = Panel(base, self.anchor, self.rig.head)
        self.mirrored = windowed
        if windowed:
            self._mirror()
            base.win.set_close_request_event("ludao-xr-close")
            base.accept("ludao-xr-close", self.request_stop)
        self.locomotion = Locomotion(base.render, base.camera, self.anchor, self.rig.eyes,
                                     comfort or ComfortSettings(), session.space_name)
        # after the visit's tasks have moved the camera, before Panda3D draws (igLoop sorts at 50)
        base.task_mgr.add(self._comfort, "ludao-xr-anchor", sort=49)
        self.controllers = {}  # hand -> ControllerState (engine.xr.actions), this frame's
        self.head = None  # the headset's position in the play area, as last located
        self.frames = 0  # submitted to the runtime
        self._retry_at = 0.0

    # --- opening ----------------------------------------------------------------------------------
    @classmethod
    def open(cls, size: tuple[int, int], make_rig: Callable, *, report: Callable[..., None] | None = None,
             readback_dir: Path | None = None, comfort: ComfortSettings | None = None) -> "XrDisplay":
        """Refuses (MissingCapability) before any window opens when pyopenxr, the runtime or the
        headset is missing. make_rig(parent, near=, far=) -> a StereoRig (engine.display.stereo_rig)."""
        import_xr()
        windowed = has_display()
        kind = binding_kind("glxGraphicsPipe" if windowed else "eglGraphicsPipe")
        runtime = open_runtime(list(kind.extensions))
        base = None
        try:
            load_prc_file_data("ludao-xr", XR_PRC)
            try:  # the desktop window mirrors the eyes; with no display a token offscreen host
                base = make_base(offscreen=not windowed, size=size if windowed else (160, 90))
            except Exception as exc:  # Panda3D raises a bare Exception when no window can be opened
                raise MissingCapability(f"could not open a window for VR ({exc}); use --mode stereo") from None
            actual = binding_kind(base.pipe.get_type().get_name())
            if actual != kind:
                raise MissingCapability(f"Panda3D opened a {actual.name} display where VR expected {kind.name}")
            base.task_mgr.step()
            base.graphics_engine.render_frame()  # makes Panda3D's GL context current for the binding
            session = XrSession(runtime, kind, on_state=lambda s: report and report("state", s))
            session.open()
        except BaseException:
            if base is not None:
                base.destroy()
            runtime.close()
            raise
        if report:
            report("session", runtime.runtime_name, runtime.system_name, kind.name, session.space_name,
                   " ".join(f"{c.width}x{c.height}" for c in session.swapchains))
        return cls(base, runtime, session, make_rig, windowed=windowed, report=report, readback_dir=readback_dir,
                   comfort=comfort)

    def _eye_buffer(self, i: int, eye, size: tuple[int, int]):
        texture = Texture(f"xr-eye-{i}")
        buffer = self.base.win.make_texture_buffer(f"xr-eye-{i}", size[0], size[1], texture, False)
        buffer.set_clear_color(self.base.win.get_clear_color())
        buffer.set_clear_color_active(True)
        buffer.make_display_region().set_camera(eye)
        buffer.set_active(False)  # on for the frames the runtime shows
        return buffer, texture

    def _mirror(self) -> None:
        """Both eyes side by side behind the 2D widgets of the desktop window."""
        for i, (_buffer, texture) in enumerate(self.eye_buffers):
            card = CardMaker(f"xr-mirror-{i}")
            card.set_frame(-1 + i, i, -1, 1)
            node = self.base.render2d.attach_new_node(card.generate())
            node.set_texture(texture)
            node.set_bin("background", 0)
            node.set_depth_write(False)
        self.panel.mirror_on(self.base.render2d, self.base.get_aspect_ratio())
        # the operator's mouse presses the mirrored buttons (where they are exactly in a 16:9 window)
        self.panel.overlay.node().set_mouse_watcher(self.base.mouseWatcherNode)

    # --- what the visit reads -----------------------------------------------------------------------
    @property
    def eye_lens_nodes(self):
        return list(self.rig.eyes)

    @property
    def overlay(self):
        return self.panel.overlay

    def attach_input(self, handler, scene):
        """Rays and gaze in the headset (engine.xr.pointing); the mirror window's keys as a window's."""
        from engine.xr.pointing import XrPointer
        pointer = XrPointer(self.base, self.anchor, self.rig.head, self.panel, handler, scene,
                            lambda: self.controllers)
        pointer.desktop = super().attach_input(handler, scene)
        return pointer

    # --- frames -----------------------------------------------------------------------------------
    def step(self) -> None:
        session = self.xr_session
        session.poll()
        if session.session is None:  # lost: look for the headset again now and then
            if not session.states.over and time.monotonic() >= self._retry_at:
                self._retry_at = time.monotonic() + RETRY_S
                if session.reopen():
                    LOG.info("OpenXR session opened again after a loss")
            self.base.task_mgr.step()
            time.sleep(0.01)
            return
        if not session.running:
            self.base.task_mgr.step()
            time.sleep(0.005)
            return
        started = time.perf_counter()
        frame = session.wait_and_begin()
        waited = time.perf_counter()
        self.controllers = frame.controllers
        if frame.should_render:
            self._pose_rig(frame)
        for buffer, _texture in self.eye_buffers:
            buffer.set_active(frame.should_render)
        self.base.task_mgr.step()  # the visit's tasks, then Panda3D draws (both eyes)
        sources = [(texture.prepare_now(0, self.base.win.get_gsg().get_prepared_objects(),
                                        self.base.win.get_gsg()).get_native_id(),
                    (texture.get_x_size() - texture.get_pad_x_size(), texture.get_y_size() - texture.get_pad_y_size()))
                   for _buffer, texture in self.eye_buffers]
        read_back = frame.should_render and self.report.wants_readback(self.frames, session.exit_requested)
        pictures = session.submit(frame, sources, read_back)
        self.frames += 1
        self.report.frame(self.frames, frame, waited - started, time.perf_counter() - waited, pictures)

    def _pose_rig(self, frame: Frame) -> None:
        from engine.display.stereo_rig import EyeFov
        head = mean_pose(*frame.eye_poses)
        self.rig.set_head_pose(Point3(*head.pos), Quat(*head.quat))
        for i, (pose, fov) in enumerate(zip(frame.eye_poses, frame.eye_fovs)):
            eye = pose.relative_to(head)
            self.rig.set_eye_pose(i, Point3(*eye.pos), Quat(*eye.quat))
            self.rig.set_eye_fov(i, EyeFov(*fov))
        self.report.pose(head, frame.eye_poses)
        self.head = head.pos

    def _comfort(self, task):
        """The anchor, vignette, fade and teleport arc for this frame (engine.xr.locomotion)."""
        view = self.locomotion.frame(self.frame_dt(), self.head, self.controllers)
        self.report.anchor(self.frames, view)
        return task.cont

    def use_scene(self, scene) -> None:
        """The live scene a teleport lands in (called by the composition root once it is built)."""
        self.locomotion.use_scene(scene)

    def run(self, max_frames: int = 0) -> None:
        """Until the runtime ends the session (EXITING). max_frames, the window's close button or
        request_stop() ask the runtime to end it (xrRequestExitSession: STOPPING, IDLE, EXITING)."""
        session = self.xr_session
        start_by = time.monotonic() + START_TIMEOUT_S
        exit_by = None
        while not session.states.over:
            wants_out = self._stop_requested or (max_frames and self.frames >= max_frames)
            if wants_out and exit_by is None:
                exit_by = time.monotonic() + EXIT_TIMEOUT_S
                if not session.request_exit():
                    break  # no running session to end
            if exit_by is not None and time.monotonic() > exit_by:
                LOG.warning("the OpenXR runtime did not end the session within %.0f s", EXIT_TIMEOUT_S)
                break
            if self.frames == 0 and session.session is not None and not session.running \
                    and time.monotonic() > start_by:
                raise MissingCapability(f"the OpenXR runtime did not start the session within {START_TIMEOUT_S:.0f} s "
                                        "(is the headset on and its software running?); use --mode stereo")
            self.step()
        self.report.comfort(self.locomotion.policy)
        self.report.finished(self.frames, self.controllers)

    def request_stop(self) -> None:
        self._stop_requested = True

    def close(self) -> None:
        self.base.task_mgr.remove("ludao-xr-anchor")
        self.locomotion.close()
        self.panel.destroy()
        try:
            self.xr_session.close()
        finally:
            self.runtime.close()
            super().close()
