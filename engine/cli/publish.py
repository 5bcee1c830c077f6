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
    summary = publish_site(settings, find_web_tools, args.scene, list(args.event_ids or ()), args.out,
                           list(args.key_files or ()))
    for line in summary.left_out:
        print(f"run_tour.py: not published: {line}", file=sys.stderr)
    total = sum(summary.sizes.values())
    print(f"{args.out}: {summary.pois} hotspots, {summary.viewpoints} viewpoints, {summary.tours} tours; "
          f"scene.glb {summary.sizes['scene.glb'] / 1e6:.1f} MB (export {summary.glb_bytes_before / 1e6:.1f} MB), "
          f"site {total / 1e6:.1f} MB")
    if summary.keys:
        print(f"{args.out / 'verify.html'}: souvenirs signed by {', '.join(summary.keys)} are shown as genuine")
    else:
        print(f"run_tour.py: warning: {args.out / 'verify.html'} lists no installation's key, so it can confirm no "
              "souvenir: publish where the kiosk's data is (--data), or name its installation.pub with --key",
              file=sys.stderr)
    return EXIT_OK
