"""export: a scene (and forced event overlays) as one binary glTF file (engine.export)."""
from __future__ import annotations

import argparse
import sys

from engine.cli.exit_codes import EXIT_OK
from engine.errors import UsageError
from engine.files import check_output_file
from engine.settings import Settings


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    if args.out.suffix.lower() != ".glb":
        raise UsageError(f"--out {args.out}: the export is binary glTF; give a file name ending in .glb")
    check_output_file(args.out, ".glb file")  # before the scene is planned, not after
    from engine.export.scene import export_scene
    summary = export_scene(settings, args.scene, list(args.event_ids or ()), args.out,
                           per_object=args.per_object)
    for line in summary.left_out:
        print(f"run_tour.py: not exported: {line}", file=sys.stderr)
    size = args.out.stat().st_size
    print(f"{args.out}: {summary.triangles} triangles, {summary.nodes} nodes, {summary.cameras} cameras, "
          f"{size / 1e6:.1f} MB")
    return EXIT_OK
