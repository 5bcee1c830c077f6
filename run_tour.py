#!/usr/bin/env python3
"""Ludao 鹭岛 command line. See README.md, or run `python run_tour.py --help`."""
import sys

from engine.cli import main

if __name__ == "__main__":
    sys.exit(main(quick_exit=True))
