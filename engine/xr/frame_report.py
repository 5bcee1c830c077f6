"""What a VR run tells about its frames: protocol lines through `report` (the visit's stdout lines,
kind `xr`), frame times, and with a read-back folder the swapchain images as the runtime received
them (the first rendered frame's and the last's, both eyes) for tests and for checking a setup.

    xr  state     NAME                                  each session state as it is entered
    xr  session   RUNTIME  SYSTEM  glx|egl  STAGE|LOCAL  WxH WxH
    xr  readback  first|last  FRAME  LEFT.png  RIGHT.png  x,y,z  w,x,y,z  IPD
                  (the head pose in Panda3D axes, the eyes' distance apart in metres)
    xr  anchor    FRAME  x,y,z  HEADING              where the visitor's play area stands in the scene
                                                        (engine.xr.comfort), on the first frame and each
                                                        frame it moved (a fade's jump, a teleport, a turn)
    xr  comfort   HEADING  FADES  TELEPORTS  TURNS      at the end: the anchor's heading in degrees, and
                                                        how often it was faded, teleported, snap-turned
    xr  hands     left=S  right=S                       at the end: each controller absent, active (bound,
                                                        not tracked) or tracked (its grip pose located)
    xr  frames    N  MEAN_MS  WORK_MS                   at the end: submitted frames, mean frame time
                                                        and the part of it that was ours (not xrWaitFrame)
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from engine.xr.poses import Pose


class FrameReport:
    def __init__(self, report: Callable[..., None] | None, readback_dir: Path | None):
        self.report = report or (lambda *fields: None)
        self.readback_dir = Path(readback_dir) if readback_dir is not None else None
        self.waits: list[float] = []
        self.works: list[float] = []
        self.head: Pose | None = None
        self.ipd = 0.0
        self.first: tuple | None = None
        self.last: tuple | None = None
        self.anchor_at = None  # the anchor last reported

    def wants_readback(self, frame_no: int, exiting: bool) -> bool:
        return self.readback_dir is not None

    def pose(self, head: Pose, eyes: list[Pose]) -> None:
        self.head = head
        self.ipd = float(np.linalg.norm(np.subtract(eyes[0].pos, eyes[-1].pos)))

    def frame(self, frame_no: int, frame, waited_s: float, worked_s: float, pictures: list[np.ndarray]) -> None:
        self.waits.append(waited_s)
        self.works.append(worked_s)
        if pictures and self.head is not None:
            shot = (frame_no, pictures, self.head, self.ipd)
            if self.first is None:
                self.first = shot
            else:
                self.last = shot

    def anchor(self, frame_no: int, view) -> None:
        """view: this frame's ComfortView (None before the visitor is placed)."""
        if view is None or view.anchor == self.anchor_at:
            return
        self.anchor_at = a = view.anchor
        self.report("anchor", frame_no, f"{a.x:.3f},{a.y:.3f},{a.z:.3f}", f"{a.heading:.3f}")

    def comfort(self, policy) -> None:
        heading = policy.anchor.heading if policy.anchor is not None else 0.0
        c = policy.counts
        self.report("comfort", f"{heading:.3f}", c.fades, c.teleports, c.turns)

    def finished(self, frames: int, controllers: dict) -> None:
        for tag, shot in (("first", self.first), ("last", self.last)):
            if shot is not None and self.readback_dir is not None:
                self._write(tag, *shot)
        # the first frames include the runtime's start: the mean is over the rest
        steady = slice(2, None) if len(self.works) > 4 else slice(None)
        work = float(np.mean(self.works[steady]) * 1000) if self.works else 0.0
        total = float(np.mean(np.add(self.waits, self.works)[steady]) * 1000) if self.works else 0.0
        self.report("hands", *(f"{hand}={_hand(controllers.get(hand))}" for hand in ("left", "right")))
        self.report("frames", frames, f"{total:.1f}", f"{work:.1f}")

    def _write(self, tag: str, frame_no: int, pictures: list[np.ndarray], head: Pose, ipd: float) -> None:
        from PIL import Image
        self.readback_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for eye, picture in zip(("left", "right"), pictures):
            path = self.readback_dir / f"{tag}-{eye}.png"
            Image.fromarray(picture[:, :, :3]).save(path)
            paths.append(path)
        self.report("readback", tag, frame_no, *paths, ",".join(f"{v:.5f}" for v in head.pos),
                    ",".join(f"{v:.6f}" for v in head.quat), f"{ipd:.4f}")


def _hand(state) -> str:
    if state is None or not state.active:
        return "absent"
    return "tracked" if state.grip_pose is not None else "active"
