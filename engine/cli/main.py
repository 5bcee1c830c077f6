"""Arguments -> Settings -> the command, and the one place where an exception becomes an exit code:
0 done; 2 the user's own input (ContentError, UsageError, argparse's own errors); 3 something this
machine lacks (MissingCapability); 130 Ctrl+C; 1 anything else, which is a bug of ours: one line on
stderr, the traceback in DATA/logs/crash-*.txt. A user never sees a traceback for their own mistake."""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path
from typing import Callable

from engine.cli import bench, content, export, hall, kiosk, places, play, publish, render, visitors
from engine.cli.exit_codes import (EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_INTERRUPTED,
                                   EXIT_MISSING_CAPABILITY)
from engine.cli.parser import build_parser
from engine.diagnostics import ContentError, format_all
from engine.errors import MissingCapability, UsageError
from engine.files import check_output_folder
from engine.logs import setup_logging
from engine.manifest.read_once import files_read_once
from engine.settings import Settings

Command = Callable[[argparse.Namespace, Settings], int]

COMMANDS: dict[str, Command] = {
    "list": content.cmd_list, "validate": content.cmd_validate, "tag": content.cmd_tag,
    "strings": content.cmd_strings, "schema": content.cmd_schema,
    "render": render.cmd_render, "showcase": render.cmd_showcase, "export": export.cmd_export,
    "publish": publish.cmd_publish,
    "play": play.cmd_play, "probe": places.cmd_probe,
    "souvenir": visitors.cmd_souvenir, "leaderboard": visitors.cmd_leaderboard, "stats": visitors.cmd_stats,
    "bench": bench.cmd_bench, "kiosk": kiosk.cmd_kiosk, "hall": hall.cmd_hall,
}
# One-shot commands that only read content: each content file is parsed once however many parts ask for
# it (a render reads its scene for the view, then again for each event overlay's checks).
READ_ONLY_RUNS = {"render", "showcase", "export", "publish"}
# Commands that keep something in the data folder (the database, the signing key, the scene cache).
USES_DATA = {"render", "showcase", "export", "publish", "play", "leaderboard", "stats", "bench", "kiosk", "hall"}


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from LUDAO_* variables, overridden by the options this command has (--lang, --size, ...)."""
    settings = Settings.from_environment(data_dir=args.data, lang=getattr(args, "lang", None),
                                         size=getattr(args, "size", None), scenes_dir=args.scenes,
                                         scripts_dir=args.scripts, quality=getattr(args, "quality", None))
    settings.use_cache = not args.no_cache
    settings.event_ids = tuple(getattr(args, "event_ids", None) or ())
    settings.preview_date = getattr(args, "preview_date", None)
    settings.clock_from = getattr(args, "clock_from", None)
    settings.mute = settings.mute or bool(getattr(args, "mute", False))
    settings.stats = bool(getattr(args, "stats", False))
    settings.frame_times = getattr(args, "frame_times", None)
    return settings


def main(argv: list[str] | None = None, *, quick_exit: bool = False) -> int:
    """Run one command and return its exit code. With `quick_exit` (run_tour.py, never a test calling
    in-process), a one-shot command (READ_ONLY_RUNS, whose outputs are written whole before it
    returns) ends the process itself: atexit's handlers (the log's flush among them), then stdout and
    stderr flushed, then os._exit, skipping the interpreter's teardown of every module and object
    (0.1 s of a 1.3 s warm `render`)."""
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 prints escaped, not as a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)  # argparse prints its own message and exits 2
    settings = settings_from_args(args)
    setup_logging(settings.data_dir)
    code = _run(args, settings)
    if quick_exit and args.command in READ_ONLY_RUNS:
        _exit_now(code)
    return code


def _exit_now(code: int) -> None:
    import atexit
    import os
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say there
            pass
    os._exit(code)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        if args.command in USES_DATA:  # an unusable --data is the user's to fix, named before any work
            check_output_folder(settings.data_dir, "data folder")
        if args.command in READ_ONLY_RUNS:
            with files_read_once():
                return COMMANDS[args.command](args, settings)
        return COMMANDS[args.command](args, settings)
    except ContentError as exc:
        print(format_all(exc.diagnostics), file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        print(f"run_tour.py: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except MissingCapability as exc:
        print(f"run_tour.py: {exc}", file=sys.stderr)
        return EXIT_MISSING_CAPABILITY
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug of ours: say so in one line, keep the details in a file
        try:
            details = f"details in {_write_crash_report(settings)}"
        except OSError as why:  # the data folder itself is unusable: still one line, no traceback
            details = f"no crash report: {why.strerror or why}"
        print(f"run_tour.py: internal error: {type(exc).__name__}: {exc} ({details})", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


def _write_crash_report(settings: Settings) -> Path:
    folder = settings.data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    path.write_text(traceback.format_exc(), encoding="utf-8")
    return path
