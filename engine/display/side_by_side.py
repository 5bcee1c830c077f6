"""A stereo pair side by side in one window or offscreen buffer: the left eye on the left half, the
right eye on the right half, each half with its own aspect (a full-width pair for free viewing, a
phone viewer or a 3D screen's full side-by-side mode; nothing is squeezed)."""
from __future__ import annotations

from engine.display.lighting import lighting_of
from engine.display.stereo_rig import DEFAULT_IPD_M, EyeFov, StereoRig

TASK = "ludao-stereo-follow"
FOLLOW_SORT = 45  # after navigation and tours (sort 0) have moved the camera, before ShowBase draws (50)


class SideBySide:
    """Shows `rig`'s eyes on the two halves of `base.win` instead of the mono camera. With
    `follow_mono`, each frame both eyes take the mono lens's vertical field of view and near/far
    (what SceneView sets from a viewpoint), widened or narrowed to their half's aspect."""

    def __init__(self, base, rig: StereoRig, *, follow_mono: bool = True, owns_rig: bool = False):
        self.base = base
        self.rig = rig
        self._owns_rig = owns_rig
        self.regions = [base.win.make_display_region(left, left + 0.5, 0, 1) for left in (0.0, 0.5)]
        for region, eye in zip(self.regions, rig.eyes):
            region.set_camera(eye)
        # The mono camera would draw the whole frame again under the pair: switch its region off.
        self._mono_regions = [r for r in base.cam.node().get_display_regions() if r.is_active()]
        for region in self._mono_regions:
            region.set_active(False)
        lighting_of(base).on_eyes(rig.eyes)  # the PBR path's tonemapping, one pass an eye
        self._followed: tuple | None = None
        self.follow_mono = follow_mono
        if follow_mono:
            base.task_mgr.add(self._follow, TASK, sort=FOLLOW_SORT)
            self.follow()

    def half_aspect(self) -> float:
        region = self.regions[0]
        return region.get_pixel_width() / max(region.get_pixel_height(), 1)

    def follow(self) -> None:
        """Match the mono lens now (the task does it every frame)."""
        lens = self.base.cam.node().get_lens()
        wanted = (lens.get_fov()[1], lens.get_near(), lens.get_far(), self.half_aspect())
        if wanted == self._followed:
            return
        vertical, near, far, aspect = wanted
        fov = EyeFov.from_vertical(vertical, aspect)
        for index in (0, 1):
            self.rig.set_eye_fov(index, fov)
        self.rig.set_near_far(near, far)
        self._followed = wanted

    def _follow(self, task):
        self.follow()
        return task.cont

    def eye_at(self, x_ndc: float, y_ndc: float) -> tuple[int, float, float]:
        """Which eye a point of the whole frame (-1..1 across) falls in, and where in that eye's view."""
        if x_ndc < 0:
            return 0, x_ndc * 2 + 1, y_ndc
        return 1, x_ndc * 2 - 1, y_ndc

    def close(self) -> None:
        if self.follow_mono:
            self.base.task_mgr.remove(TASK)
        lighting_of(self.base).off_eyes()
        for region in self.regions:
            self.base.win.remove_display_region(region)
        for region in self._mono_regions:
            region.set_active(True)
        self.regions = []
        if self._owns_rig:
            self.rig.remove()


def on_mono_camera(base, ipd_m: float = DEFAULT_IPD_M) -> SideBySide:
    """A pair whose head rides on the mono camera node (`base.camera`, what CameraRig carries), so
    viewpoints, navigation and tours move it unchanged, shown side by side with the mono lens's view."""
    return SideBySide(base, StereoRig(base.camera, ipd_m), owns_rig=True)
