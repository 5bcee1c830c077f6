"""render and showcase: offscreen pictures of scene viewpoints."""
from __future__ import annotations

import argparse
import sys

from engine.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from engine.diagnostics import format_all
from engine.files import check_output_file, check_output_folder
from engine.settings import Settings


def cmd_render(args: argparse.Namespace, settings: Settings) -> int:
    check_output_file(args.out, "PNG file")  # before the scene is built, not after
    from engine.rendering import render_views
    written = render_views(settings, args.scene, [(args.view, args.out)])  # --lang arrives as settings.lang
    print(written[0])
    return EXIT_OK


def cmd_showcase(args: argparse.Namespace, settings: Settings) -> int:
    check_output_folder(args.out)
    from engine.rendering import render_showcase
    written, problems = render_showcase(settings, args.out)
    for path in written:
        print(path)
    print(f"{len(written)} images written to {args.out.resolve()}")
    if problems:
        print(format_all(problems), file=sys.stderr)
        print(f"skipped {len({d.file for d in problems})} broken scene(s); see the messages above", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
