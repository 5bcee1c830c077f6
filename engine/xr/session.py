"""One OpenXR session on an open runtime: created with Panda3D's GL context, its reference space
(STAGE, or LOCAL where the runtime has no play area), a swapchain an eye, the controllers; the
runtime's events through the state machine (states.py); and each frame's two halves:
`wait_and_begin()` (xrWaitFrame, xrBeginFrame, xrLocateViews) and `submit()` (the eye textures
blitted into the swapchain images, xrEndFrame with one projection layer).
"""
from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from engine.xr.actions import ControllerState, Controllers
from engine.xr.binding import BindingKind, make_binding
from engine.xr.poses import Pose, fov_angles
from engine.xr.runtime import Runtime
from engine.xr.states import Do, SessionStates
from engine.xr.swapchains import Blitter, EyeSwapchain, create_swapchains

LOG = logging.getLogger("ludao.xr")


def recommended_sizes(runtime: Runtime) -> list[tuple[int, int]]:
    """Each eye's image size as the runtime recommends it (the stereo view configuration)."""
    xr = runtime.xr
    views = xr.enumerate_view_configuration_views(runtime.instance, runtime.system_id,
                                                  xr.ViewConfigurationType.PRIMARY_STEREO)
    return [(v.recommended_image_rect_width, v.recommended_image_rect_height) for v in views]


@dataclass
class Frame:
    display_time: int
    should_render: bool = False
    views: list = field(default_factory=list)  # XrView structs, handed back in the projection layer
    eye_poses: list[Pose] = field(default_factory=list)  # in the reference space, Panda3D axes
    eye_fovs: list[tuple[float, float, float, float]] = field(default_factory=list)  # left, right, up, down
    controllers: dict[str, ControllerState] = field(default_factory=dict)


class XrSession:
    def __init__(self, runtime: Runtime, kind: BindingKind, on_state: Callable[[str], None] | None = None):
        self.runtime, self.kind = runtime, kind
        self.xr = xr = runtime.xr
        self.view_type = xr.ViewConfigurationType.PRIMARY_STEREO
        self.states = SessionStates(on_change=on_state)
        self.session = self.space = self.controllers = None
        self.swapchains: list[EyeSwapchain] = []
        self.binding = None  # kept alive: the runtime holds its pointers (EGL's get-proc-address)
        self.blitter: Blitter | None = None  # made with the session: it needs the GL context
        self.space_name = ""
        self.exit_requested = False

    # --- the session ------------------------------------------------------------------------------
    @property
    def eye_sizes(self) -> list[tuple[int, int]]:
        return recommended_sizes(self.runtime)

    def open(self) -> None:
        """Needs Panda3D's GL context current (after a rendered frame)."""
        xr, rt = self.xr, self.runtime
        xr.get_opengl_graphics_requirements_khr(rt.instance, rt.system_id)  # required before xrCreateSession
        self.binding = make_binding(xr, self.kind)
        self.blitter = self.blitter or Blitter()
        self.session = xr.create_session(rt.instance, xr.SessionCreateInfo(
            system_id=rt.system_id, next=ctypes.cast(ctypes.pointer(self.binding), ctypes.c_void_p)))
        self.space, self.space_name = self._reference_space()
        self.swapchains = create_swapchains(xr, self.session, self.eye_sizes)
        self.controllers = Controllers(xr, rt.instance, self.session, self.space)
        self.exit_requested = False
        LOG.info("OpenXR session: %s binding, %s space, eyes %s", self.kind.name, self.space_name,
                 [(c.width, c.height) for c in self.swapchains])

    def _reference_space(self):
        """STAGE (the play area, floor at 0) where the runtime has one, else LOCAL (the head at the start)."""
        xr = self.xr
        offered = set(xr.enumerate_reference_spaces(self.session))
        kind = xr.ReferenceSpaceType.STAGE if xr.ReferenceSpaceType.STAGE in offered else xr.ReferenceSpaceType.LOCAL
        return xr.create_reference_space(self.session, xr.ReferenceSpaceCreateInfo(reference_space_type=kind)), kind.name

    def close_session(self) -> None:
        xr = self.xr
        if self.controllers is not None:
            self.controllers.close()
        for chain in self.swapchains:
            xr.destroy_swapchain(chain.handle)
        if self.space is not None:
            xr.destroy_space(self.space)
        if self.session is not None:
            xr.destroy_session(self.session)
        self.session = self.space = self.controllers = None
        self.swapchains = []

    def close(self) -> None:
        self.close_session()
        if self.blitter is not None:
            self.blitter.close()
            self.blitter = None

    @property
    def running(self) -> bool:
        return self.session is not None and self.states.running

    def request_exit(self) -> bool:
        """Ask the runtime to end the session (it then goes STOPPING, IDLE, EXITING). False when there
        is no running session to end."""
        if not self.running or self.exit_requested:
            return False
        self.xr.request_exit_session(self.session)
        self.exit_requested = True
        return True

    # --- events -----------------------------------------------------------------------------------
    def poll(self) -> None:
        xr = self.xr
        while True:
            try:
                event = xr.poll_event(self.runtime.instance)
            except xr.EventUnavailable:
                return
            kind = xr.StructureType(event.type)
            if kind == xr.StructureType.EVENT_DATA_SESSION_STATE_CHANGED:
                changed = ctypes.cast(ctypes.byref(event), ctypes.POINTER(xr.EventDataSessionStateChanged)).contents
                self._do(self.states.enter(xr.SessionState(changed.state).name))
            elif kind == xr.StructureType.EVENT_DATA_INSTANCE_LOSS_PENDING:
                LOG.warning("OpenXR runtime is going away (instance loss pending): the VR visit ends")
                self.states.over = True
                self.close_session()
            else:
                LOG.info("OpenXR event %s", kind.name)

    def _do(self, action: Do) -> None:
        xr = self.xr
        if action is Do.BEGIN:
            xr.begin_session(self.session, xr.SessionBeginInfo(primary_view_configuration_type=self.view_type))
        elif action is Do.END:
            xr.end_session(self.session)
        elif action in (Do.TEAR_DOWN, Do.QUIT):
            self.close_session()

    def reopen(self) -> bool:
        """After LOSS_PENDING: a new session once the runtime has a headset again. False while not."""
        xr, rt = self.xr, self.runtime
        try:
            rt.system_id = xr.get_system(rt.instance, xr.SystemGetInfo(form_factor=xr.FormFactor.HEAD_MOUNTED_DISPLAY))
        except xr.FormFactorUnavailableError:
            return False
        self.states.restarted()
        self.open()
        return True

    # --- frames -----------------------------------------------------------------------------------
    def wait_and_begin(self) -> Frame:
        """xrWaitFrame (blocks until the runtime wants the next frame), xrBeginFrame, then where the
        eyes will be at the predicted display time. should_render only when VISIBLE/FOCUSED, the
        runtime asks for it and both eyes are located."""
        xr = self.xr
        state = xr.wait_frame(self.session, xr.FrameWaitInfo())
        xr.begin_frame(self.session, xr.FrameBeginInfo())
        frame = Frame(state.predicted_display_time)
        if state.should_render and self.states.visible:
            view_state, views = xr.locate_views(self.session, xr.ViewLocateInfo(
                view_configuration_type=self.view_type, display_time=frame.display_time, space=self.space))
            valid = int(xr.ViewStateFlags.POSITION_VALID_BIT | xr.ViewStateFlags.ORIENTATION_VALID_BIT)
            if int(view_state.view_state_flags) & valid == valid and len(views) == len(self.swapchains):
                frame.should_render = True
                frame.views = list(views)
                frame.eye_poses = [Pose.from_xr(v.pose) for v in views]
                frame.eye_fovs = [fov_angles(v.fov) for v in views]
        frame.controllers = self.controllers.update(frame.display_time, self.states.focused)
        return frame

    def submit(self, frame: Frame, sources: list[tuple[int, tuple[int, int]]], read_back: bool = False
               ) -> list[np.ndarray]:
        """Blit each eye's texture (GL name, used size) into its swapchain image and end the frame
        (a projection layer when it rendered, no layer otherwise). With read_back: each swapchain
        image's pixels as the runtime received them."""
        xr = self.xr
        layers, pictures = [], []
        if frame.should_render:
            projection_views = (xr.CompositionLayerProjectionView * len(frame.views))()
            for i, (view, chain, (texture, size)) in enumerate(zip(frame.views, self.swapchains, sources)):
                index = xr.acquire_swapchain_image(chain.handle, xr.SwapchainImageAcquireInfo())
                xr.wait_swapchain_image(chain.handle, xr.SwapchainImageWaitInfo(timeout=xr.INFINITE_DURATION))
                try:
                    picture = self.blitter.blit(texture, size, chain.images[index], (chain.width, chain.height),
                                                read_back)
                finally:
                    xr.release_swapchain_image(chain.handle, xr.SwapchainImageReleaseInfo())
                if picture is not None:
                    pictures.append(picture)
                out = projection_views[i]
                out.type = xr.StructureType.COMPOSITION_LAYER_PROJECTION_VIEW
                out.pose, out.fov = view.pose, view.fov
                out.sub_image.swapchain = chain.handle
                out.sub_image.image_rect.offset.x = out.sub_image.image_rect.offset.y = 0
                out.sub_image.image_rect.extent.width = chain.width
                out.sub_image.image_rect.extent.height = chain.height
            layer = xr.CompositionLayerProjection(space=self.space, views=projection_views)
            layers.append(ctypes.byref(layer))
        xr.end_frame(self.session, xr.FrameEndInfo(display_time=frame.display_time,
                                                   environment_blend_mode=xr.EnvironmentBlendMode.OPAQUE,
                                                   layers=layers))
        return pictures
