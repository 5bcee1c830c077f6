"""play: a scene in a window (free or with a tour), or a tour run headless in simulated time. The
checks of what was asked (tour, answers, nickname, souvenir) live in engine.visit_requests."""
from __future__ import annotations

import argparse
import sys
import time

from engine import visit_requests
from engine.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from engine.errors import UsageError
from engine.files import check_output_file, check_output_folder
from engine.settings import Settings


def cmd_play(args: argparse.Namespace, settings: Settings) -> int:
    _check_outputs(args)
    if args.headless:
        return _play_headless(args, settings)
    if args.answer or args.frames_dir:
        raise UsageError("--answer and --frames go with --headless")
    if args.xr_readback and args.mode != "vr":
        raise UsageError("--xr-readback goes with --mode vr")
    if args.from_step and not args.tour:
        raise UsageError("--from needs --tour")
    if args.ipd is not None and args.mode != "stereo":
        raise UsageError("--ipd goes with --mode stereo")
    if args.mode != "vr" and (args.snap_turn is not None or args.no_vignette or args.vr_pose):
        raise UsageError("--snap-turn, --no-vignette and --vr-pose go with --mode vr")
    tour = None
    if args.tour:
        found, path = _tour_for(args, settings)
        if args.from_step:
            visit_requests.check_from_step(found, args.from_step)
        tour = (found, path, args.log, args.from_step)
    visit_requests.check_events(settings, args.scene)
    from engine.app import play
    from engine.game.session import ResumeRefused
    try:
        return play(settings, args.scene, view=args.view, mode=args.mode, max_frames=args.max_frames, tour=tour,
                    resume_code=args.resume, ipd_m=None if args.ipd is None else args.ipd / 1000,
                    xr_readback=args.xr_readback, comfort=_comfort(args))
    except ResumeRefused as exc:
        raise UsageError(str(exc)) from None


def _comfort(args: argparse.Namespace):
    """A VR visit's comfort settings (engine.xr.comfort) from the options; None for other modes."""
    if args.mode != "vr":
        return None
    from engine.xr.comfort import ComfortSettings
    return ComfortSettings(snap_turn_deg=30.0 if args.snap_turn is None else args.snap_turn,
                           vignette=not args.no_vignette, pose=args.vr_pose or "standing")


def _check_outputs(args: argparse.Namespace) -> None:
    """Every file and folder this run will write, refused before the visit when it cannot be written."""
    for path in (args.log, args.preview, args.frame_times):
        if path is not None:
            check_output_file(path)
    for folder in (args.frames_dir, args.souvenir, args.xr_readback):
        if folder is not None:
            check_output_folder(folder)


def _tour_for(args: argparse.Namespace, settings: Settings):
    tour, path, warnings = visit_requests.tour_for(settings, args.scene, args.tour)
    for warning in warnings:
        print(warning.format(), file=sys.stderr)
    if tour.event is not None and not settings.event_ids:  # the tour shows its event, whatever the date
        settings.event_ids = (tour.event,)
    return tour, path


def _play_headless(args: argparse.Namespace, settings: Settings) -> int:
    if args.nickname is not None:
        visit_requests.check_nickname(args.nickname)
    if not args.tour or not args.log:
        raise UsageError("--headless needs --tour ID and --log FILE.jsonl")
    answers = visit_requests.parse_answers(args.answer)
    tour, path = _tour_for(args, settings)
    visit_requests.check_events(settings, args.scene)
    if args.souvenir:  # refuse before the visit (and its database rows) what would stop the souvenir after it
        visit_requests.check_souvenir_request(settings, args.scene, tour, args.postcard_view)
    visit = visit_requests.open_headless_visit(settings, args.scene, tour, args.resume)
    started = time.perf_counter()
    # No blanket `except ValueError` here: an unreachable --from step is StepNotReached (a UsageError);
    # any other exception is a bug and must reach main's crash report.
    if args.frames_dir:
        from engine.play.frames import run_with_frames
        preview = args.preview or args.frames_dir / "preview.webp"
        result, frames = run_with_frames(settings, tour, path, args.frames_dir, fps=args.fps, answers=answers,
                                         from_step=args.from_step, preview=preview, on_event=visit.on_event,
                                         right_answers=visit.right_answers())
        print(f"frames\t{len(frames)} in {args.frames_dir}\tpreview {preview}")
    else:
        from engine.tour.headless import run_tour
        result = run_tour(tour, path, visit.world, lang=settings.lang, answers=answers, right_answers=visit.right_answers(),
                          from_step=args.from_step, on_event=visit.on_event)
    visit.finish()
    from engine.tour.headless import write_log
    write_log(result.events, args.log)
    if args.nickname is not None:
        visit.sign(args.nickname)
    if args.souvenir:
        postcard, certificate = visit_requests.write_souvenir(visit, settings, args.scene, tour, args.souvenir,
                                                        args.postcard_view)
        print(f"souvenir\t{postcard}\t{certificate}")
    print(f"tour\t{tour.id}\t{'finished' if result.finished else 'stopped'}\t{result.duration_s:.1f} s simulated"
          f"\t{time.perf_counter() - started:.2f} s\t{len(result.events)} events -> {args.log}")
    visit.report()
    return EXIT_OK if result.finished else EXIT_BAD_INPUT
