"""A desktop window showing a stereo pair side by side (`play --mode stereo`): the window is split in
two halves, one an eye; everything else (navigation, tours, picking) works as in a plain window."""
from __future__ import annotations

from engine.display.side_by_side import SideBySide, on_mono_camera
from engine.display.stereo_rig import DEFAULT_IPD_M
from engine.display.window import WindowDisplay


class StereoDisplay(WindowDisplay):
    kind = "stereo"

    def __init__(self, base, *, fullscreen: bool = False, title: str = "Ludao 鹭岛", owns_base: bool = False,
                 ipd_m: float = DEFAULT_IPD_M):
        super().__init__(base, fullscreen=fullscreen, title=title, owns_base=owns_base)
        self.pair: SideBySide = on_mono_camera(base, ipd_m)

    @classmethod
    def open(cls, size: tuple[int, int] = (1280, 720), *, fullscreen: bool = False,
             title: str = "Ludao 鹭岛", ipd_m: float = DEFAULT_IPD_M, quality: str = "fast") -> "StereoDisplay":
        display = super().open(size, fullscreen=fullscreen, title=title, quality=quality)
        display.pair.rig.set_ipd(ipd_m)
        return display

    @property
    def eye_lens_nodes(self):
        return list(self.pair.rig.eyes)

    def pick_lens(self, x_ndc: float, y_ndc: float):
        index, x, y = self.pair.eye_at(x_ndc, y_ndc)
        return self.pair.rig.eyes[index].node(), x, y

    def close(self) -> None:
        self.pair.close()
        super().close()
