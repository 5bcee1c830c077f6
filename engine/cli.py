"""The command line: parses arguments, fills Settings, calls the library. Thin on purpose.

Exit codes: 0 success; 2 bad input or usage (message names file and line); 3 a capability this
machine lacks (no display), with what to do instead. A user never sees a traceback for their own
mistake.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from engine.diagnostics import ContentError, format_all
from engine.errors import MissingCapability, UsageError
from engine.settings import Settings

EXIT_OK, EXIT_BAD_INPUT, EXIT_MISSING_CAPABILITY = 0, 2, 3


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT like 1280x720, got '{text}'") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"size {w}x{h} is out of range (16-8192)")
    return w, h


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", type=Path, help="folder for the database, signing key and scene cache "
                                                  "(default: LUDAO_DATA or the user data folder)")
    common.add_argument("--no-cache", action="store_true", help="always rebuild scenes; never read or write the cache")
    common.add_argument("--scenes", type=Path, help="the scenes folder (default: LUDAO_SCENES or scenes/ here)")
    common.add_argument("--scripts", type=Path, help="the tours folder (default: LUDAO_SCRIPTS or scripts/ here)")
    parser = argparse.ArgumentParser(prog="run_tour.py", description="Ludao 鹭岛 virtual-tour engine")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("list", parents=[common], help="scenes found, one a line")

    p = sub.add_parser("validate", parents=[common], help="check content files; prints FILE:LINE:COL: message")
    p.add_argument("paths", nargs="*", type=Path)
    p.add_argument("--format", choices=("text", "json"), default="text")

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

    p = sub.add_parser("render", parents=[common], help="render one offscreen frame to a PNG")
    p.add_argument("scene")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--size", type=_size, default=(1280, 720))
    p.add_argument("--view", help="viewpoint id (default: the scene's default view)")
    p.add_argument("--lang", choices=("zh", "en"))

    p = sub.add_parser("showcase", parents=[common], help="render every viewpoint of every scene to a folder")
    p.add_argument("--out", type=Path, default=Path("out"))
    p.add_argument("--size", type=_size, default=(1280, 720))

    p = sub.add_parser("play", parents=[common], help="open a scene in a window for free navigation")
    p.add_argument("scene")
    p.add_argument("--view")
    p.add_argument("--lang", choices=("zh", "en"))
    p.add_argument("--size", type=_size, default=(1280, 720))
    p.add_argument("--mode", choices=("window", "kiosk"), default="window")
    p.add_argument("--max-frames", type=int, default=0, help="quit after this many frames (0: run until closed)")
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

    p = sub.add_parser("schema", parents=[common], help="write the JSON Schemas for editors to schemas/")

    p = sub.add_parser("bench", parents=[common], help="measure scene load and frame times")
    p.add_argument("--out", type=Path)
    p.add_argument("--size", type=_size, default=(1280, 720))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.from_environment(data_dir=args.data, lang=getattr(args, "lang", None),
                                         size=getattr(args, "size", None), scenes_dir=args.scenes,
                                         scripts_dir=args.scripts)
    settings.use_cache = not args.no_cache
    try:
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
        return 130
    except Exception as exc:  # a bug of ours: say so in one line, keep the details in a file
        report = _write_crash_report(settings)
        print(f"run_tour.py: internal error: {type(exc).__name__}: {exc} (details in {report})", file=sys.stderr)
        return 1


def _write_crash_report(settings: Settings) -> Path:
    import time
    import traceback
    folder = settings.data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    path.write_text(traceback.format_exc(), encoding="utf-8")
    return path


def cmd_list(args, settings: Settings) -> int:
    from engine.scene_library import scene_manifests
    from engine.tour.loader import TOUR_SUFFIX, tour_files
    for scene_id, path in scene_manifests(settings.scenes_dir).items():
        print(f"scene\t{scene_id}\t{os.path.relpath(path)}")
    for path in tour_files(settings.scripts_dir):
        print(f"tour\t{path.name.removesuffix(TOUR_SUFFIX)}\t{os.path.relpath(path)}")
    return EXIT_OK


def cmd_validate(args, settings: Settings) -> int:
    from engine.content_check import validate_paths
    diagnostics, checked = validate_paths(args.paths, settings)
    if args.format == "json":
        print(format_all(diagnostics, "json"))
    elif diagnostics:
        print(format_all(diagnostics), file=sys.stderr, flush=True)
    errors = sum(d.severity == "error" for d in diagnostics)
    if args.format == "text":
        print(f"{checked} file(s) checked, {errors} error(s), {len(diagnostics) - errors} warning(s)")
    return EXIT_BAD_INPUT if errors else EXIT_OK


def cmd_tag(args, settings: Settings) -> int:
    from engine.manifest.yaml_loader import load_yaml
    from engine.tour.tagging import tag_file
    for path in args.paths:
        load_yaml(path)  # refuse broken or hostile YAML before the round-trip parser sees it
        added = tag_file(path)
        print(f"{path}: {added} id(s) added" if added else f"{path}: every id present, unchanged")
    return EXIT_OK


def cmd_strings(args, settings: Settings) -> int:
    from engine.i18n.string_table import export_table, import_table
    if args.action == "export":
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


def cmd_souvenir(args, settings: Settings) -> int:
    from engine.souvenir import EXIT_CODES
    from engine.souvenir.keys import Keyring, KeyringError
    from engine.souvenir.verify_file import verify_file
    try:
        result = verify_file(args.file, Keyring(settings.data_dir))
    except KeyringError as exc:
        raise UsageError(str(exc)) from None
    print(result.message, file=sys.stdout if result.genuine else sys.stderr)
    return EXIT_CODES[result.status]


def cmd_leaderboard(args, settings: Settings) -> int:
    from engine.visit import open_store
    scope, key = (("scene", args.scene) if args.scene else ("kiosk", settings.kiosk_id) if args.kiosk
                  else ("day", args.day))
    store = open_store(settings)
    try:
        rows = store.leaderboard(scope, key, limit=args.limit)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    finally:
        store.close()
    for row in rows:
        print(f"{row.rank}\t{row.nickname}\t{row.score}\t{row.scene}")
    if not rows:
        print(f"no entries for {scope} {key}")
    return EXIT_OK


def cmd_stats(args, settings: Settings) -> int:
    from engine.visit import open_store
    store = open_store(settings)
    try:
        store.purge()  # rows past the retention go before anything is exported
        rows = store.export_stats(args.out)
    finally:
        store.close()
    print(f"{rows} row(s) written to {args.out}")
    return EXIT_OK


def cmd_render(args, settings: Settings) -> int:
    from engine.rendering import render_views
    written = render_views(settings, args.scene, [(args.view, args.out)])
    print(written[0])
    return EXIT_OK


def cmd_showcase(args, settings: Settings) -> int:
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


def cmd_play(args, settings: Settings) -> int:
    if args.headless:
        return _play_headless(args, settings)
    if args.answer or args.frames_dir:
        raise UsageError("--answer and --frames go with --headless")
    if args.from_step and not args.tour:
        raise UsageError("--from needs --tour")
    tour = None
    if args.tour:
        found, path = _tour_for(args, settings)
        if args.from_step and args.from_step not in {s.id for s in found.steps}:
            raise UsageError(f"tour '{found.id}' has no top-level step '{args.from_step}'")
        tour = (found, path, args.log, args.from_step)
    from engine.app import play
    from engine.game.session import ResumeRefused
    try:
        return play(settings, args.scene, view=args.view, mode=args.mode, max_frames=args.max_frames, tour=tour,
                    resume_code=args.resume)
    except ResumeRefused as exc:
        raise UsageError(str(exc)) from None


def _tour_for(args, settings: Settings):
    """The tour named by --tour, checked to belong to the scene being played; warnings printed."""
    from engine.scene_library import find_scene
    from engine.tour.library import find_tour
    tour, path, warnings = find_tour(args.tour, settings.scripts_dir, settings.scenes_dir)
    scene_id = find_scene(args.scene, settings.scenes_dir).parent.name
    if tour.scene != scene_id:
        raise UsageError(f"tour '{tour.id}' is a tour of '{tour.scene}', not of '{scene_id}'")
    for warning in warnings:
        print(warning.format(), file=sys.stderr)
    return tour, path


def _headless_visit(args, settings: Settings, tour):
    from engine.game.session import ResumeRefused
    from engine.visit import HeadlessVisit
    try:
        return HeadlessVisit.open(settings, args.scene, tour.scene, resume_code=args.resume)
    except ResumeRefused as exc:
        raise UsageError(str(exc)) from None


def _check_souvenir_request(args, settings: Settings, tour) -> None:
    from engine.game.loader import GAME_FILE
    from engine.manifest.scene_loader import load_scene
    from engine.scene_library import find_scene
    manifest = find_scene(args.scene, settings.scenes_dir)
    if not (manifest.parent / GAME_FILE).is_file():
        raise UsageError(f"scene '{tour.scene}' has no game content, so there is no souvenir to write")
    chosen = args.postcard_view or tour.postcard_view
    known = [vp.id for vp in load_scene(manifest)[0].viewpoints]
    if chosen and chosen not in known:
        raise UsageError(f"scene '{tour.scene}' has no viewpoint '{chosen}' (it has: {', '.join(known)})")


def _write_souvenir(visit, settings: Settings, args, tour) -> None:
    from engine.rendering import OffscreenRenderer
    renderer = OffscreenRenderer(settings)  # the postcard shows the scene's main view
    try:
        view, _ = renderer.open(args.scene)
        chosen = args.postcard_view or tour.postcard_view  # checked before the visit ran
        if chosen:
            view.go_to_view(view.viewpoint(chosen))
        picture = args.souvenir / "view.png"
        view.save_png(picture)
        view.detach()
    finally:
        renderer.close()
    postcard, certificate = visit.write_souvenir(settings, args.souvenir, picture)
    print(f"souvenir\t{postcard}\t{certificate}")


def _play_headless(args, settings: Settings) -> int:
    import time

    if args.nickname is not None:  # refuse a bad nickname before the visit, not after it
        from engine.store import NicknameRefused
        from engine.store.nickname import normalise_nickname
        try:
            normalise_nickname(args.nickname)
        except NicknameRefused as exc:
            raise UsageError(f"nickname refused: {exc.reason}") from None

    from engine.tour.headless import run_tour, write_log
    if not args.tour or not args.log:
        raise UsageError("--headless needs --tour ID and --log FILE.jsonl")
    answers = {}
    for item in args.answer:
        question, sep, option = item.partition("=")
        if not sep:
            raise UsageError(f"--answer expects QUESTION=OPTION, got '{item}'")
        answers[question] = option
    tour, path = _tour_for(args, settings)
    if args.souvenir:  # refuse before the visit (and its database rows) what would stop the souvenir after it
        _check_souvenir_request(args, settings, tour)
    visit = _headless_visit(args, settings, tour)
    started = time.perf_counter()
    try:
        if args.frames_dir:
            from engine.play.frames import run_with_frames
            preview = args.preview or args.frames_dir / "preview.webp"
            result, frames = run_with_frames(settings, tour, path, args.frames_dir, fps=args.fps, answers=answers,
                                             from_step=args.from_step, preview=preview, on_event=visit.on_event)
            print(f"frames\t{len(frames)} in {args.frames_dir}\tpreview {preview}")
        else:
            result = run_tour(tour, path, settings.scenes_dir, lang=settings.lang, answers=answers,
                              from_step=args.from_step, on_event=visit.on_event, world=visit.world)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    visit.finish()
    write_log(result.events, args.log)
    if args.nickname is not None:
        visit.sign(args.nickname)
    if args.souvenir:
        _write_souvenir(visit, settings, args, tour)
    print(f"tour\t{tour.id}\t{'finished' if result.finished else 'stopped'}\t{result.duration_s:.1f} s simulated"
          f"\t{time.perf_counter() - started:.2f} s\t{len(result.events)} events -> {args.log}")
    visit.report()
    return EXIT_OK if result.finished else EXIT_BAD_INPUT


def cmd_schema(args, settings: Settings) -> int:
    from engine.manifest.json_schema import export_schemas
    for path in export_schemas():
        print(os.path.relpath(path))
    return EXIT_OK


def cmd_bench(args, settings: Settings) -> int:
    from benchmarks.scene_load import run_benchmarks
    run_benchmarks(settings, args.out, args.size)
    return EXIT_OK


COMMANDS = {"list": cmd_list, "validate": cmd_validate, "tag": cmd_tag, "strings": cmd_strings, "stats": cmd_stats, "souvenir": cmd_souvenir, "leaderboard": cmd_leaderboard, "render": cmd_render, "showcase": cmd_showcase,
            "play": cmd_play, "schema": cmd_schema, "bench": cmd_bench}
