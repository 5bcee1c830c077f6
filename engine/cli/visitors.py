"""souvenir, leaderboard and stats: what visits left behind."""
from __future__ import annotations

import argparse
import sys

from engine.cli.exit_codes import EXIT_OK
from engine.errors import UsageError
from engine.files import check_output_file
from engine.settings import Settings


def cmd_souvenir(args: argparse.Namespace, settings: Settings) -> int:
    from engine.souvenir import EXIT_CODES
    from engine.souvenir.keys import Keyring, KeyringError
    from engine.souvenir.report import report_lines
    from engine.souvenir.verify_file import verify_file
    try:
        result = verify_file(args.file, Keyring(settings.data_dir))
    except KeyringError as exc:
        raise UsageError(str(exc)) from None
    # the verdict line first, as before; then what the certificate holds (a postcard's print is unsigned)
    print("\n".join(report_lines(result)), file=sys.stdout if result.genuine else sys.stderr)
    return EXIT_CODES[result.status]


def cmd_leaderboard(args: argparse.Namespace, settings: Settings) -> int:
    from engine.visit import open_store
    scope, key = (("scene", args.scene) if args.scene else ("kiosk", settings.kiosk_id) if args.kiosk
                  else ("day", args.day))
    store = open_store(settings)
    try:
        rows = store.leaderboard(scope, key, limit=args.limit)
    except ValueError as exc:  # the store's own check of a day or a limit the user typed
        raise UsageError(str(exc)) from None
    finally:
        store.close()
    for row in rows:
        print(f"{row.rank}\t{row.nickname}\t{row.score}\t{row.scene}")
    if not rows:
        print(f"no entries for {scope} {key}")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    check_output_file(args.out, "CSV file")
    from engine.visit import open_store
    store = open_store(settings)
    try:
        store.purge()  # rows past the retention go before anything is exported
        rows = store.export_stats(args.out)
    finally:
        store.close()
    print(f"{rows} row(s) written to {args.out}")
    return EXIT_OK
