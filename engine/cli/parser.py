"""Every argparse definition of the command line, in one place so that `--help` lists the commands in
one deliberate order and the shared options (--data, --scenes, ...) are declared once. The commands
themselves live in one module per group (content, render, play, visitors, bench); main.py maps the
parsed command to them."""
from __future__ import annotations

import argparse
from pathlib import Path


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT like 1280x720, got '{text}'") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"size {w}x{h} is out of range (16-8192)")
    return w, h


def _day(text: str) -> str:
    from datetime import date
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a day like 2026-11-10, got '{text}'") from None


def _moment(text: str) -> str:
    from datetime import datetime
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a moment like 2026-11-09T23:59:50, got '{text}'") from None
    return text


MAX_IPD_MM = 1000.0  # beyond a person's 50-80 mm on purpose: a wider base shows the depth of far-off land


def _ipd_mm(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected millimetres like 63, got '{text}'") from None
    if not 0 <= value <= MAX_IPD_MM:  # also refuses nan
        raise argparse.ArgumentTypeError(f"--ipd {text} mm is out of range (0-{MAX_IPD_MM:.0f})")
    return value


def _add_stereo_options(p: argparse.ArgumentParser, stereo_is: str) -> None:
    p.add_argument("--ipd", type=_ipd_mm, metavar="MM",
                   help=f"with {stereo_is}: the distance between the two eyes in millimetres (default 63, an "
                        "adult's average; 0 makes both halves the same picture)")


def _snap_turn_deg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected degrees like 30, got '{text}'") from None
    if not 0 <= value <= 180:  # also refuses nan
        raise argparse.ArgumentTypeError(f"--snap-turn {text} is out of range (0-180 degrees; 0: no snap turn)")
    return value


def _add_vr_options(p: argparse.ArgumentParser) -> None:
    """The comfort options of --mode vr (engine.xr.comfort); README "In a VR headset"."""
    p.add_argument("--snap-turn", type=_snap_turn_deg, metavar="DEG",
                   help="with --mode vr: how far a flick of the thumbstick turns the view (default 30; 0: never)")
    p.add_argument("--no-vignette", action="store_true",
                   help="with --mode vr: no dark ring at the edge of the view during fades and turns")
    p.add_argument("--vr-pose", choices=("standing", "seated"),
                   help="with --mode vr: standing (default) or seated; seated lifts the view by the difference "
                        "in eye height (1.6 m standing, 1.2 m seated) so the eyes are at a viewpoint's height")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", type=Path, help="folder for the database, signing key and scene cache "
                                                  "(default: LUDAO_DATA or the user data folder)")
    common.add_argument("--no-cache", action="store_true", help="always rebuild scenes; never read or write the cache")
    common.add_argument("--scenes", type=Path, help="the scenes folder (default: LUDAO_SCENES or scenes/ here)")
    common.add_argument("--scripts", type=Path, help="the tours folder (default: LUDAO_SCRIPTS or scripts/ here)")
    events = argparse.ArgumentParser(add_help=False)
    events.add_argument("--event", dest="event_ids", action="append", metavar="ID",
                        help="show this event's overlay whatever the date (repeat for several; 'none': no overlay)")
    events.add_argument("--date", dest="preview_date", type=_day, metavar="YYYY-MM-DD",
                        help="read the event calendar for this day (Beijing time) instead of today")
    drawing = argparse.ArgumentParser(add_help=False)  # the commands that draw frames
    drawing.add_argument("--quality", choices=("auto", "fast", "pbr"),
                         help="lighting: fast (fixed-function, for software GL and weak kiosks), pbr (physically "
                              "based, with shadows, for a GPU) or auto (default; fast on a software renderer such "
                              "as llvmpipe, pbr otherwise); also LUDAO_QUALITY")
    unattended = argparse.ArgumentParser(add_help=False)  # the kiosk's and the hall's screen
    unattended.add_argument("--windowed", action="store_true",
                            help="in a window (with its title bar and cursor), not fullscreen")
    unattended.add_argument("--size", type=_size,
                            help="the window (or screen mode) size (default 1920x1080, windowed 1280x720)")
    unattended.add_argument("--max-frames", type=int, default=0,
                            help="quit after this many frames (0: run until the operator stops it)")
    unattended.add_argument("--mute", action="store_true", help="no sound; also LUDAO_MUTE=1")
    parser = argparse.ArgumentParser(prog="run_tour.py", description="Ludao 鹭岛 virtual-tour engine")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("list", parents=[common, events], help="scenes, event overlays (and when each is next on) and tours")

    p = sub.add_parser("validate", parents=[common], help="check content files; prints FILE:LINE:COL: message")
    p.add_argument("paths", nargs="*", type=Path)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--explain", metavar="CODE", help="what a diagnostic code (like S006) means, with a wrong and a "
                                                     "right example ('all': every code); see docs/diagnostics.md")

    p = sub.add_parser("tag", parents=[common], help="add missing stable ids to tours, keeping comments and layout")
    p.add_argument("paths", nargs="+", type=Path)

    p = sub.add_parser("strings", parents=[common], help="translation tables: export texts, import translations")
    p.add_argument("action", choices=("export", "import"))
    p.add_argument("file", type=Path, help="the CSV table")
    p.add_argument("--lang", choices=("zh", "en"), required=True, help="the language translated into")

    p = sub.add_parser("souvenir", parents=[common], help="check a souvenir: its certificate or its postcard PNG")
    p.add_argument("action", choices=("verify",))
    p.add_argument("file", type=Path)

    p = sub.add_parser("leaderboard", parents=[common], help="the best visits: by scene, on this kiosk, or on a day")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--scene")
    group.add_argument("--kiosk", action="store_true", help="this kiosk (LUDAO_KIOSK)")
    group.add_argument("--day", metavar="YYYY-MM-DD")
    p.add_argument("--limit", type=int, default=10)

    p = sub.add_parser("stats", parents=[common], help="anonymous visit statistics")
    p.add_argument("action", choices=("export",))
    p.add_argument("--out", type=Path, required=True, help="the CSV file to write")

    p = sub.add_parser("render", parents=[common, events, drawing], help="render one offscreen frame to a PNG")
    p.add_argument("scene")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--size", type=_size, default=(1280, 720))
    p.add_argument("--view", help="viewpoint id (default: the scene's default view)")
    p.add_argument("--lang", choices=("zh", "en"))
    p.add_argument("--stereo", action="store_true",
                   help="a side-by-side stereo pair, left eye on the left: each half is --size, so the PNG is "
                        "twice as wide (1280x720 gives 2560x720)")
    _add_stereo_options(p, "--stereo")

    p = sub.add_parser("showcase", parents=[common, events, drawing], help="render every viewpoint of every scene to a folder")
    p.add_argument("--out", type=Path, default=Path("out"))
    p.add_argument("--size", type=_size, default=(1280, 720))

    p = sub.add_parser("export", parents=[common],
                       help="the built scene as one binary glTF 2.0 file (.glb) for Blender, web viewers and baselines")
    p.add_argument("scene")
    p.add_argument("--event", dest="event_ids", action="append", metavar="ID",
                   help="add this event's overlay layers (repeat for several); without it, the scene alone")
    p.add_argument("--out", type=Path, required=True, help="the .glb file to write")
    p.add_argument("--per-object", action="store_true",
                   help="one node per building, tree and landmark (for editing in Blender) instead of the "
                        "engine's batches of one mesh per map tile; a bigger file, slower to draw")

    p = sub.add_parser("publish", parents=[common],
                       help="the scene as a self-contained static web site: 3D view, hotspots with their cards, "
                            "viewpoints, in Chinese and English (needs Node and `make web-tools`)")
    p.add_argument("scene")
    p.add_argument("--event", dest="event_ids", action="append", metavar="ID",
                   help="add this event's overlay layers and POIs (repeat for several)")
    p.add_argument("--out", type=Path, required=True,
                   help="the site's folder: new, empty, or an earlier publish's (replaced whole)")
    p.add_argument("--key", dest="key_files", action="append", type=Path, metavar="FILE",
                   help="a kiosk's public key (its DATA/keys/installation.pub) whose souvenirs the site's "
                        "verification page shows as genuine, beside this installation's own and trusted keys "
                        "(repeat for several)")

    p = sub.add_parser("play", parents=[common, events, drawing], help="open a scene in a window for free navigation")
    p.add_argument("scene")
    p.add_argument("--view")
    p.add_argument("--lang", choices=("zh", "en"))
    p.add_argument("--size", type=_size, default=(1280, 720))
    p.add_argument("--mode", choices=("window", "kiosk", "stereo", "vr"), default="window",
                   help="window; kiosk (fullscreen); stereo (a window of --size split in two halves, one an "
                        "eye: left eye on the left); vr: in an OpenXR headset (needs the vr extra and a "
                        "runtime: SteamVR, Monado, ...)")
    _add_stereo_options(p, "--mode stereo")
    p.add_argument("--clock-from", metavar="YYYY-MM-DDTHH:MM", type=_moment,
                   help="start the event calendar at this moment (Beijing time) and let it run on: rehearse an "
                        "event's start")
    p.add_argument("--max-frames", type=int, default=0, help="quit after this many frames (0: run until closed)")
    p.add_argument("--mute", action="store_true", help="no sound (an event's ambience, a tour's sounds); "
                                                       "also LUDAO_MUTE=1")
    p.add_argument("--stats", action="store_true", help="show the frame time (ms) in the window's top right corner")
    p.add_argument("--frame-times", type=Path, metavar="FILE",
                   help="write every frame's time (ms) to this JSON file when the window closes: measure a tour "
                        "on the kiosk PC itself")
    p.add_argument("--xr-readback", type=Path, metavar="DIR",
                   help="with --mode vr: write what the headset received (both eyes, first and last frame) as PNGs")
    _add_vr_options(p)
    p.add_argument("--tour", help="run this guided tour (its id: scripts/<id>.tour.yaml)")
    p.add_argument("--headless", action="store_true", help="no window: run the tour in simulated time")
    p.add_argument("--log", type=Path, help="with --headless: write every event to this JSON Lines file")
    p.add_argument("--from", dest="from_step", metavar="STEP_ID",
                   help="start the tour at this step, earlier steps fast-forwarded")
    p.add_argument("--answer", action="append", default=[], metavar="QUESTION=OPTION",
                   help="with --headless: the option to pick for a question (by ids); others time out")
    p.add_argument("--frames", dest="frames_dir", type=Path,
                   help="with --headless: render a frame at every step and at --fps into this folder")
    p.add_argument("--fps", type=float, default=2.0, help="frames per second of tour time for --frames")
    p.add_argument("--preview", type=Path, help="with --frames: an animated WebP of the run (default FRAMES/preview.webp)")
    p.add_argument("--resume", metavar="CODE", help="continue an earlier visit on this kiosk by its resume code")
    p.add_argument("--nickname", help="with --headless: put the visit on the leaderboards under this nickname")
    p.add_argument("--souvenir", type=Path, metavar="DIR",
                   help="with --headless: write the visit's postcard and signed certificate into DIR")
    p.add_argument("--postcard-view", metavar="VIEWPOINT",
                   help="the view on the postcard (default: the tour's postcard_view, else the scene's main view)")

    p = sub.add_parser("kiosk", parents=[common, events, unattended, drawing],
                       help="a touch kiosk: start screen, attract loop, idle reset, operator exit with a PIN")
    p.add_argument("--config", type=Path, default=None, metavar="FILE.yaml",
                   help="the kiosk's kiosk.yaml (default: kiosk.yaml beside the scenes folder)")
    p.add_argument("--idle-s", type=float, metavar="SECONDS", help="override kiosk.yaml's idle_s")
    p.add_argument("--countdown-s", type=float, metavar="SECONDS", help="override kiosk.yaml's countdown_s")
    p.add_argument("--clock-from", metavar="YYYY-MM-DDTHH:MM", type=_moment,
                   help="start the event calendar at this moment (Beijing time) and let it run on")

    p = sub.add_parser("hall", parents=[common, events, unattended, drawing],
                       help="an exhibition hall: tours in a loop all day, a still screen when closed or quiet")
    p.add_argument("--config", type=Path, default=None, metavar="FILE.yaml",
                   help="the hall's hall.yaml (default: hall.yaml beside the scenes folder)")
    p.add_argument("--clock-from", metavar="YYYY-MM-DDTHH:MM", type=_moment,
                   help="start the hall's clock (schedule and events) at this moment (Beijing time) and let it run on")

    p = sub.add_parser("probe", parents=[common],
                       help="what is at a place: ground height, land or water, area, nearest POI and landmark")
    p.add_argument("scene")
    p.add_argument("lat", type=float, help="latitude in degrees (north-south; about 24.5 around Xiamen)")
    p.add_argument("lon", type=float, help="longitude in degrees (east-west; about 118.1 around Xiamen)")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("schema", parents=[common], help="write the JSON Schemas for editors to schemas/")

    p = sub.add_parser("bench", parents=[common, drawing], help="measure scene load and frame times")
    p.add_argument("--out", type=Path, help="the JSON (and beside it the .md table) to write")
    p.add_argument("--size", type=_size, default=(1920, 1080), help="the mono frames' size (default 1920x1080)")
    return parser
