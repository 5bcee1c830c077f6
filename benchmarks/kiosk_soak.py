"""A soak of the kiosk (a benchmark, not a test): the real kiosk in a real window for --minutes (30
by default) of attract loop and scripted visits, its resident memory sampled every 10 s.

    python benchmarks/kiosk_soak.py [--minutes 30] [--size 1280x720] [--out out/soak.json]   (or: make soak)

Without $DISPLAY it starts an Xvfb of its own on a free display of :100-:109. The kiosk is
engine/kiosk/run.py's own composition (kiosk.yaml's scenes, one store, the start screen's cards);
a scripted visitor drives it from a task, in real time, cycle after cycle:
  attract loop (--attract-s) -> a touch -> the start screen -> a language -> a scene (the kiosk's
  scenes in turn) -> the centre of the view tapped, pins opened and their cards closed -> part of a
  tour of that scene -> the end-of-visit screen when the flow has one -> walking away: the idle
  prompt and its countdown (--idle-s, --countdown-s, short for the soak) end the visit -> attract.
Each sample: RSS, the flow's state, Python objects (gc), Panda3D nodes under render and aspect2d,
textures (the pool, under render and aspect2d, prepared on the GPU), render and transform states.
Warm-up (excluded from the growth): until the end of the first visit that ends after --warmup-min
minutes (3) and after every scene has been visited in every language (the script turns to the next
language after each round of the scenes). The second half's growth is reported as well. Writes
the samples and the summary to --out (JSON), the Python types that grew most after warm-up
included, and prints a markdown summary line. The visit's protocol
lines go to --lines (out/soak-lines.tsv)."""
from __future__ import annotations

import argparse
import collections
import contextlib
import gc
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.kiosk.config import CONFIG_FILE, load_kiosk  # noqa: E402
from engine.settings import Settings  # noqa: E402

SAMPLE_S = 10.0
DISPLAYS = range(100, 110)  # this benchmark's Xvfb displays (the tests use others)
PAGE = os.sysconf("SC_PAGE_SIZE")
TASK = "kiosk-soak"


def rss_mb() -> float:
    """This process's resident memory (psutil when installed, else /proc/self/statm)."""
    try:
        import psutil
        return psutil.Process().memory_info().rss / 2**20
    except ImportError:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * PAGE / 2**20


def panda_counts(base) -> dict:
    from panda3d.core import RenderState, TexturePool, TransformState
    counts = {"render_nodes": base.render.find_all_matches("**").get_num_paths(),
              "aspect2d_nodes": base.aspect2d.find_all_matches("**").get_num_paths(),
              "textures_pool": TexturePool.find_all_textures().get_num_textures(),
              "textures_render": base.render.find_all_textures().get_num_textures(),
              "textures_aspect2d": base.aspect2d.find_all_textures().get_num_textures(),
              "render_states": RenderState.get_num_states(), "transform_states": TransformState.get_num_states()}
    gsg = base.win.get_gsg() if base.win is not None else None
    if gsg is not None:
        prepared = gsg.get_prepared_objects()
        counts.update(prepared_textures=prepared.get_num_prepared_textures(),
                      prepared_vertex_buffers=prepared.get_num_prepared_vertex_buffers())
    return counts


def type_counts() -> collections.Counter:
    return collections.Counter(type(o).__qualname__ for o in gc.get_objects())


def tours_by_scene(settings: Settings) -> dict[str, list]:
    """scene id -> [(tour, path)] of the shipped tours that load."""
    from engine.tour.loader import load_tour, tour_files
    out: dict[str, list] = collections.defaultdict(list)
    for path in tour_files(settings.scripts_dir):
        try:
            tour, _, _ = load_tour(path, settings.scenes_dir)
        except Exception:  # noqa: BLE001 - a tour that does not load is simply not played
            continue
        out[tour.scene].append((tour, path))
    return out


class Soak:
    """The scripted visitor and the sampler, both stepped from one task of the kiosk's own loop."""

    def __init__(self, args, scenes: list[str], languages: list[str], tours: dict[str, list]):
        self.args, self.scenes, self.languages, self.tours = args, scenes, languages, tours
        self.flow = None
        self.samples: list[dict] = []
        self.frames = self.visits = self.tours_played = self.pins_opened = 0
        self.errors: list[str] = []
        self.scenes_visited: set[tuple[str, str]] = set()  # (scene, language) of the visits ended
        self.warmup_end: dict | None = None
        self.types_at_warmup: collections.Counter | None = None
        self.types_after_visit: collections.Counter | None = None
        self.after_visits: list[dict] = []  # RSS back in the attract loop after each visit: like against like
        self.started = self.next_sample = self.until = 0.0
        self.waiting: tuple[str, float, object] | None = None
        self.script = None
        self.gl_renderer = ""

    def attach(self, flow) -> None:
        """run_kiosk's script hook: called once with the KioskFlow before the first frame."""
        self.flow = flow
        gsg = flow.display.base.win.get_gsg()
        self.gl_renderer = gsg.get_driver_renderer() if gsg is not None else ""
        self.started = time.monotonic()
        self.next_sample = self.started
        self.until = self.started + self.args.minutes * 60
        self.script = self.visitor()
        flow.display.task_mgr.add(self._step, TASK)

    # --- every frame --------------------------------------------------------------------------
    def _step(self, task):
        now = time.monotonic()
        self.frames += 1
        if now >= self.next_sample:
            self.sample(now)
            self.next_sample += SAMPLE_S
        if now >= self.until:
            self.sample(now)
            self.flow.display.request_stop()
            return task.done
        self._advance(now)
        return task.cont

    def _advance(self, now: float) -> None:
        """Runs the script until it waits: a number is seconds, a callable is a condition (with a limit)."""
        while True:
            if self.waiting is not None:
                kind, deadline, condition = self.waiting
                if kind == "for" and now < deadline:
                    return
                if kind == "until" and not condition():
                    if now < deadline:
                        return
                    self.errors.append(f"{now - self.started:.0f}s: waited in vain in state {self.flow.state}")
                self.waiting = None
            wait = next(self.script)
            if callable(wait):
                self.waiting = ("until", now + self.args.idle_s + self.args.countdown_s + 60, wait)
            else:
                self.waiting = ("for", now + wait, None)

    def visitor(self):
        from direct.showbase.MessengerGlobal import messenger
        from engine.play.session import TourRequest
        flow = self.flow

        def touch():  # a finger on the screen, as the window's pointer sends it (the idle timer hears it)
            messenger.send("mouse1")
            messenger.send("mouse1-up")

        k = 0
        while True:
            yield self.args.attract_s  # nobody at the kiosk
            scene_id = self.scenes[k % len(self.scenes)]
            lang = self.languages[(k // len(self.scenes)) % len(self.languages)]
            k += 1
            touch()
            yield lambda: flow.state == "start"
            yield 1.5
            touch()
            flow.choose_language(lang)
            yield 1.5
            touch()
            flow.start_visit(scene_id)
            session = flow.session
            if flow.state != "visit" or session is None:
                self.errors.append(f"{time.monotonic() - self.started:.0f}s: no visit of {scene_id}")
                continue
            for step in self.visit_steps(session, scene_id, k, touch, TourRequest):
                yield step
                if flow.session is not session:  # the visit ended under the script: a finding, not a crash
                    self.errors.append(f"{time.monotonic() - self.started:.0f}s: the visit of {scene_id} ended early")
                    break
            finish = getattr(flow, "finish_visit", None)  # the end-of-visit screen, where the flow has one
            if finish is not None and flow.session is session:
                touch()
                finish()
                yield 3.0
            yield lambda: flow.state == "attract"  # walked away: the prompt, its countdown, the visit's end
            self.scenes_visited.add((scene_id, lang))
            self.visits += 1
            yield 2.0  # the attract loop's scene is up
            self.after_visit()

    def visit_steps(self, session, scene_id: str, k: int, touch, tour_request):
        """One visitor's taps, each followed by the seconds until the next."""
        yield 2.0
        touch()
        session.tap(0.0, 0.0)  # whatever is under the centre of the view
        yield 2.0
        built = session.view.built
        pois = list(built.manifest.pois)
        for poi in (pois[(k + i) % len(pois)] for i in range(min(3, len(pois)))):
            touch()
            session.pick("poi", poi.id, orbit=True)  # as a tap on its pin: the card, the game's stamp
            self.pins_opened += 1
            yield 3.0
            touch()
            session.close_card()
            yield 1.0
        tours = self.tours.get(scene_id, [])
        if tours and self.args.tour_s > 0:
            tour, path = tours[(k // len(self.scenes)) % len(tours)]
            session._start_tour(tour_request(tour, path))  # as `play --tour` starts it
            self.tours_played += 1
            watched = 0.0
            while watched < self.args.tour_s:
                yield 3.0
                touch()  # the visitor is still there
                watched += 3.0
            session.stop_tour()
            built.restore_light()
            yield 1.0

    # --- samples ------------------------------------------------------------------------------
    def sample(self, now: float) -> dict:
        t = now - self.started
        row = {"t_s": round(t, 1), "state": self.flow.state, "rss_mb": round(rss_mb(), 1),
               "py_objects": len(gc.get_objects()), "frames": self.frames, "visits": self.visits,
               **panda_counts(self.flow.display.base)}
        self.samples.append(row)
        print(f"soak {t / 60:5.1f} min  {row['state']:7s} rss {row['rss_mb']:7.1f} MB  "
              f"objects {row['py_objects']:7d}  nodes {row['render_nodes']:6d}/{row['aspect2d_nodes']:4d}  "
              f"textures {row['textures_pool']:4d}  visits {self.visits}  frames {self.frames}", file=sys.stderr,
              flush=True)
        return row

    def after_visit(self) -> None:
        """Back in the attract loop: the warm-up ends here, at the end of a visit, once its minutes are
        over and every scene has been visited in every language (each language's texts and glyphs are
        a first-visit cost too: a 30-minute soak warmed up on one language grew 5.2 %, all of it before
        the second language's visits were over, and nothing in the 18 minutes after them)."""
        now = time.monotonic()
        t = now - self.started
        self.after_visits.append({"visit": self.visits, "t_s": round(t, 1), "rss_mb": round(rss_mb(), 1)})
        if self.warmup_end is not None:
            self.types_after_visit = type_counts()
        elif t >= self.args.warmup_min * 60 and self.scenes_visited >= {(s, lang) for s in self.scenes
                                                                         for lang in self.languages}:
            self.warmup_end = self.sample(now)
            self.types_at_warmup = type_counts()

    def summary(self) -> dict:
        last = self.samples[-1] if self.samples else None
        warm = self.warmup_end
        after = [s for s in self.samples if warm is not None and s["t_s"] >= warm["t_s"]]
        out = {"minutes": round(last["t_s"] / 60, 2) if last else 0, "visits": self.visits,
               "pins_opened": self.pins_opened, "tours_played": self.tours_played, "frames": self.frames,
               "fps_mean": round(self.frames / last["t_s"], 1) if last and last["t_s"] else None,
               "errors": self.errors, "warmup_end": warm, "end": last}
        if warm is not None and last is not None:
            out.update(rss_warmup_mb=warm["rss_mb"], rss_end_mb=last["rss_mb"],
                       rss_max_after_warmup_mb=max(s["rss_mb"] for s in after),
                       growth_pct=round(100 * (last["rss_mb"] - warm["rss_mb"]) / warm["rss_mb"], 2),
                       growth_max_pct=round(100 * (max(s["rss_mb"] for s in after) - warm["rss_mb"]) / warm["rss_mb"], 2),
                       counts_growth={k: last[k] - warm[k] for k in warm
                                      if isinstance(warm[k], int) and k not in ("frames", "visits")})
            if self.types_after_visit is not None:  # both in the attract loop, between visits
                grown = self.types_after_visit - self.types_at_warmup
                out["py_types_grown_attract_to_attract"] = dict(grown.most_common(15))
            later = [v for v in self.after_visits if v["t_s"] >= warm["t_s"]]
            if len(later) >= 3:  # least squares over the RSS after each visit: MB an hour
                n = len(later)
                mt = sum(v["t_s"] for v in later) / n
                mr = sum(v["rss_mb"] for v in later) / n
                slope = (sum((v["t_s"] - mt) * (v["rss_mb"] - mr) for v in later)
                         / sum((v["t_s"] - mt) ** 2 for v in later))
                out["rss_after_visit_slope_mb_per_h"] = round(slope * 3600, 1)
        if last is not None and last["t_s"] > 0:  # the second half on its own: flat when nothing leaks
            mid = next(s for s in self.samples if s["t_s"] >= last["t_s"] / 2)
            out["rss_second_half_growth_pct"] = round(100 * (last["rss_mb"] - mid["rss_mb"]) / mid["rss_mb"], 2)
        out["rss_after_each_visit"] = self.after_visits
        out["rss_max_mb"] = max((s["rss_mb"] for s in self.samples), default=None)
        return out


@contextlib.contextmanager
def a_display():
    """$DISPLAY as it is, or an Xvfb of our own on :100-:109 for as long as the soak runs."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    sys.path.insert(0, str(ROOT))
    from tests import xvfb
    started = xvfb.fixed_range_xvfb(DISPLAYS, screen="1920x1080x24")
    if started is None:
        raise SystemExit("no $DISPLAY, and no Xvfb would start on :100-:109")
    proc, name = started
    os.environ["DISPLAY"] = name
    try:
        yield name
    finally:
        del os.environ["DISPLAY"]
        xvfb.stop(proc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--warmup-min", type=float, default=3.0)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--config", type=Path, default=ROOT / CONFIG_FILE)
    parser.add_argument("--attract-s", type=float, default=20.0, help="attract loop between visits")
    parser.add_argument("--tour-s", type=float, default=15.0, help="of a tour in each visit (0: none)")
    parser.add_argument("--idle-s", type=float, default=10.0)
    parser.add_argument("--countdown-s", type=float, default=4.0)
    parser.add_argument("--data", type=Path, help="the kiosk's data directory (default: a fresh one whose "
                        "cache/ is the usual scene cache)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "soak.json")
    parser.add_argument("--lines", type=Path, default=ROOT / "out" / "soak-lines.tsv")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))

    settings = Settings.from_environment(size=size)
    settings.mute = True
    kiosk, _ = load_kiosk(args.config, settings.scenes_dir)
    scratch = None
    if args.data is not None:
        settings.data_dir = args.data
    else:  # the visits' store is a throwaway; the scenes' cache is shared, as a real kiosk's would be
        cache = settings.cache_dir
        scratch = Path(tempfile.mkdtemp(prefix="ludao-soak-"))
        settings.data_dir = scratch
        cache.mkdir(parents=True, exist_ok=True)
        (scratch / "cache").symlink_to(cache, target_is_directory=True)
    soak = Soak(args, list(kiosk.scenes), list(kiosk.config.languages), tours_by_scene(settings))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.lines.parent.mkdir(parents=True, exist_ok=True)
    from engine.kiosk.run import run_kiosk
    wall = time.monotonic()
    try:
        with a_display() as display_name, open(args.lines, "w", encoding="utf-8") as lines:
            saved, sys.stdout = sys.stdout, lines  # the visit's protocol lines
            try:
                run_kiosk(settings, kiosk, windowed=True, idle_s=args.idle_s, countdown_s=args.countdown_s,
                          script=soak.attach)
            finally:
                sys.stdout = saved
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    result = {"machine": {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
                          "gl_renderer": soak.gl_renderer, "display": display_name},
              "window": list(size), "scenes": soak.scenes, "wall_s": round(time.monotonic() - wall, 1),
              "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
              **soak.summary(), "samples": soak.samples}
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    s = result
    if s.get("growth_pct") is not None:
        print(f"| {s['minutes']:.1f} min | {size[0]}x{size[1]} | {s['visits']} visits | {s['frames']} frames "
              f"({s['fps_mean']} fps) | RSS {s['rss_warmup_mb']:.0f} MB after warm-up "
              f"({s['warmup_end']['t_s'] / 60:.1f} min), {s['rss_end_mb']:.0f} MB at the end, "
              f"max {s['rss_max_after_warmup_mb']:.0f} MB | growth {s['growth_pct']:+.1f} % |")
    else:
        print(f"soak of {s['minutes']:.1f} min ended before its warm-up did: {s['visits']} visits, "
              f"RSS max {s['rss_max_mb']} MB")
    if s["errors"]:
        print("errors: " + "; ".join(s["errors"]), file=sys.stderr)
    print(f"samples and summary: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
