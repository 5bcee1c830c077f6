"""The command line, one module per command group; `main` is what run_tour.py calls.

main.py: arguments -> Settings -> the command, and the one place exceptions become exit codes.
parser.py: every argparse definition. content.py, render.py, play.py, visitors.py, bench.py: the
commands, each parsing nothing and deciding nothing, only calling the library and printing.
"""
from engine.cli.exit_codes import (EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_INTERRUPTED, EXIT_MISSING_CAPABILITY,
                                   EXIT_OK)
from engine.cli.main import main, settings_from_args
from engine.cli.parser import build_parser

__all__ = ["main", "build_parser", "settings_from_args", "EXIT_OK", "EXIT_INTERNAL_ERROR", "EXIT_BAD_INPUT",
           "EXIT_MISSING_CAPABILITY", "EXIT_INTERRUPTED"]
