"""Frames of a tour run: one at the start of every step and more at a fixed rate of tour time,
plus an animated preview (WebP) made from them."""
from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from engine.files import atomic_path, atomic_write


class FrameRecorder:
    def __init__(self, view, stage, folder: Path, fps: float = 2.0):
        self.view, self.stage = view, stage
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.interval = 1.0 / fps
        self.next_t = 0.0
        self.last_step = None
        self.last_t = 0.0
        self.started: list[str] = []  # steps begun since the last picture
        self.frames: list[dict] = []

    def on_event(self, event: dict) -> None:
        if event["type"] == "step_start":
            self.started.append(event["step"])

    def tick(self, runner) -> None:
        t = runner.state.t
        self.stage.advance(t - self.last_t)
        self.last_t = t
        # A picture for every step that began (an instant step such as a goto shows what follows it)...
        for step_id in self.started:
            self.capture(t, step_id, True)
        self.started = []
        # ...and one at the fixed rate of tour time.
        if t + 1e-9 >= self.next_t:
            current = runner.tour.steps[runner.state.pc].id if runner.state.pc is not None else None
            self.capture(t, current, False)
            self.next_t = t + self.interval

    def capture(self, t: float, step_id, step_start: bool) -> Path:
        path = self.folder / f"frame_{len(self.frames):05d}.png"
        self.view.animation_time = t  # crowds and fireworks at the tour's time: the same frames every run
        self.view.save_png(path)
        self.frames.append({"file": path.name, "t": round(t, 2), "step": step_id, "step_start": step_start})
        return path

    def finish(self) -> Path:
        index = self.folder / "frames.json"
        with atomic_write(index) as f:
            f.write(json.dumps(self.frames, indent=1))
        return index


def make_preview(folder: Path, frames: list[dict], out: Path, *, width: int = 480, seconds_per_frame: float = 0.25
                 ) -> Path:
    """An animated WebP of the frames taken at the fixed rate, small enough to share."""
    images = []
    for frame in frames:
        with Image.open(folder / frame["file"]) as im:
            ratio = width / im.width
            images.append(im.convert("RGB").resize((width, round(im.height * ratio)), Image.LANCZOS))
    if not images:
        raise ValueError("no frames to make a preview from")
    with atomic_path(out) as tmp:
        images[0].save(tmp, save_all=True, append_images=images[1:],
                       duration=int(seconds_per_frame * 1000), loop=0, quality=70, method=4)
    return out


def run_with_frames(settings, tour, tour_path: Path, frames_dir: Path, *, fps: float, answers: dict,
                    from_step: str | None, preview: Path | None, on_event=None, right_answers: dict | None = None):
    """Run a tour headless with a real offscreen picture: frames, their index and a preview."""
    from engine.rendering import OffscreenRenderer
    from engine.tour.headless import run_tour
    from engine.play.stage import SceneStage
    from engine.tour.world import TourWorld

    renderer = OffscreenRenderer(settings)
    try:
        view, _ = renderer.open(tour.scene)
        stage = SceneStage(view, renderer.base.aspect2d, settings.lang, tour=tour)
        recorder = FrameRecorder(view, stage, frames_dir, fps)
        world = TourWorld(view.built.manifest, view.built)  # the floor of the scene on screen, layers and all
        result = run_tour(tour, tour_path, world, lang=settings.lang, answers=answers, right_answers=right_answers,
                          from_step=from_step, stage=stage, on_tick=recorder.tick,
                          on_event=lambda event: (recorder.on_event(event), on_event(event) if on_event else None)[1])
        recorder.capture(result.duration_s, None, False)  # the last picture, where the tour ends
        recorder.finish()
        if preview is not None:
            timed = [f for f in recorder.frames if not f["step_start"]]
            make_preview(frames_dir, timed or recorder.frames, preview, seconds_per_frame=0.5 / fps)
        stage.destroy()
        view.detach()
        return result, recorder.frames
    finally:
        renderer.close()
