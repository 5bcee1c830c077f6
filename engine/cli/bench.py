"""bench: the performance figures. The harness lives in the source checkout's benchmarks/ folder,
not in the installed package, so it is loaded from the project folder when it is there."""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from types import ModuleType

from engine import settings as settings_module
from engine.cli.exit_codes import EXIT_OK
from engine.errors import MissingCapability
from engine.files import check_output_file
from engine.settings import Settings

HARNESS = Path("benchmarks") / "scene_load.py"


def load_harness(project_root: Path) -> ModuleType:
    """benchmarks/scene_load.py of the project folder, or MissingCapability when this is no checkout."""
    path = project_root / HARNESS
    if not path.is_file():
        raise MissingCapability(f"the benchmark harness ({HARNESS}) is not here: bench runs from a source "
                                "checkout of Ludao (`make bench` there), not from an installed package")
    if str(project_root) not in sys.path:  # the harness imports its siblings as benchmarks.*
        sys.path.insert(0, str(project_root))
    return importlib.import_module("benchmarks.scene_load")


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    if args.out is not None:
        check_output_file(args.out, "JSON file")  # before minutes of measuring, not after
    harness = load_harness(settings_module.PROJECT_ROOT)  # read at call time so tests can point it elsewhere
    harness.run_benchmarks(settings, args.out, args.size)
    return EXIT_OK
