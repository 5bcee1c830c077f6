"""`run_tour.py` for the VR tests' subprocesses: the same command line, with the stereo rig's
stand-in (tests/stereo_stand_in.py) in place while the engine has none of its own."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.stereo_stand_in import install  # noqa: E402

install()
from engine.cli.main import main  # noqa: E402

sys.exit(main())
