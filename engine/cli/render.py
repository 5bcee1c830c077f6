"""render and showcase: offscreen pictures of scene viewpoints."""
from __future__ import annotations

import argparse
import sys

from engine import visit_requests
from engine.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from engine.diagnostics import format_all
from engine.errors import UsageError
from engine.files import check_output_file, check_output_folder
from engine.settings import Settings


def cmd_render(args: argparse.Namespace, settings: Settings) -> int:
    if args.ipd is not None and not args.stereo:
        raise UsageError("--ipd goes with --stereo")
    check_output_file(args.out, "PNG file")  # before the scene is built, not after
    visit_requests.check_events(settings, args.scene)  # a forced event must dress the scene
    from engine.display.stereo_rig import DEFAULT_IPD_M
    from engine.rendering import render_views
    ipd_m = (DEFAULT_IPD_M if args.ipd is None else args.ipd / 1000) if args.stereo else None
    written = render_views(settings, args.scene, [(args.view, args.out)],  # --lang arrives as settings.lang
                           stereo_ipd_m=ipd_m)
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
