"""publish: a scene as a self-contained static web site (engine.publish)."""
from __future__ import annotations

import argparse
import sys

from engine.cli.exit_codes import EXIT_OK
from engine.files import check_output_folder
from engine.settings import Settings


def cmd_publish(args: argparse.Namespace, settings: Settings) -> int:
    check_output_folder(args.out, "--out folder")  # before any work
    from engine.publish.site import publish_site
    from engine.publish.web_tools import find_web_tools
    summary = publish_site(settings, find_web_tools, args.scene, list(args.event_ids or ()), args.out)
    for line in summary.left_out:
        print(f"run_tour.py: not published: {line}", file=sys.stderr)
    total = sum(summary.sizes.values())
    print(f"{args.out}: {summary.pois} hotspots, {summary.viewpoints} viewpoints, {summary.tours} tours; "
          f"scene.glb {summary.sizes['scene.glb'] / 1e6:.1f} MB (export {summary.glb_bytes_before / 1e6:.1f} MB), "
          f"site {total / 1e6:.1f} MB")
    return EXIT_OK
