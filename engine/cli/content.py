"""list, validate, tag, strings and schema: the commands a content author uses on YAML files."""
from __future__ import annotations

import argparse
import os
import sys

from engine.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from engine.diagnostics import format_all
from engine.errors import UsageError
from engine.files import check_output_file
from engine.settings import Settings


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    from engine.scene_library import scene_manifests
    from engine.tour.loader import TOUR_SUFFIX, tour_files
    from engine.overlays.choose import calendar_clock, usable_events, when_text
    for scene_id, path in scene_manifests(settings.scenes_dir).items():
        print(f"scene\t{scene_id}\t{os.path.relpath(path)}")
    events, problems = usable_events(settings.scenes_dir)
    now = calendar_clock(settings.preview_date)()
    for event in events:
        print(f"event\t{event.id}\t{os.path.relpath(event.path)}\t{','.join(event.overlay.scenes)}\t{when_text(event, now)}")
    for problem in problems:
        print(f"event overlay skipped: {problem.format()}", file=sys.stderr)
    for path in tour_files(settings.scripts_dir):
        print(f"tour\t{path.name.removesuffix(TOUR_SUFFIX)}\t{os.path.relpath(path)}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    if args.explain is not None:
        return _explain(args)
    from engine.content_check import validate_paths
    from engine.diagnostic_excerpt import format_with_excerpts
    diagnostics, checked = validate_paths(args.paths, settings)
    if args.format == "json":
        print(format_all(diagnostics, "json"))
    elif diagnostics:
        print(format_with_excerpts(diagnostics), file=sys.stderr, flush=True)
    errors = sum(d.severity == "error" for d in diagnostics)
    if args.format == "text":
        print(f"{checked} file(s) checked, {errors} error(s), {len(diagnostics) - errors} warning(s)")
    return EXIT_BAD_INPUT if errors else EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from engine.diagnostic_codes import CODES, explain, lookup
    from engine.diagnostics import did_you_mean
    if args.paths:
        raise UsageError("--explain takes a code, not files to check")
    if args.explain.lower() == "all":
        print("\n\n".join(explain(info) for info in CODES.values()))
        return EXIT_OK
    info = lookup(args.explain)
    if info is None:
        hint = did_you_mean(args.explain.upper(), CODES) or "see docs/diagnostics.md for every code"
        raise UsageError(f"no diagnostic code '{args.explain}' ({hint})")
    print(explain(info))
    return EXIT_OK


def cmd_tag(args: argparse.Namespace, settings: Settings) -> int:
    from engine.manifest.yaml_loader import load_yaml
    from engine.tour.tagging import tag_file
    for path in args.paths:
        load_yaml(path)  # refuse broken or hostile YAML before the round-trip parser sees it
        added = tag_file(path)
        print(f"{path}: {added} id(s) added" if added else f"{path}: every id present, unchanged")
    return EXIT_OK


def cmd_strings(args: argparse.Namespace, settings: Settings) -> int:
    from engine.i18n.string_table import export_table, import_table
    if args.action == "export":
        check_output_file(args.file, "CSV file")
        count = export_table(settings, args.lang, args.file)
        print(f"{count} texts written to {args.file} (source {'zh' if args.lang == 'en' else 'en'}, "
              f"translation {args.lang})")
        return EXIT_OK
    if not args.file.is_file():
        raise UsageError(f"no such table: {args.file}")
    report = import_table(settings, args.lang, args.file)
    print(f"{report.updated} translation(s) updated, {report.unchanged} unchanged")
    for key in report.unknown:
        print(f"{args.file}: unknown key '{key}' (its text was removed or its ids changed): skipped", file=sys.stderr)
    for key in report.stale:
        print(f"{args.file}: '{key}' was translated from an older source text: imported, flagged stale",
              file=sys.stderr)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    from engine.content_kinds import export_schemas
    for path in export_schemas():
        print(os.path.relpath(path))
    return EXIT_OK
