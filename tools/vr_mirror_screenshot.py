"""The README's picture of the VR mirror window: `play SCENE --mode vr` against an OpenXR runtime
(Monado's simulated headset, as the tests use it: XR_RUNTIME_JSON set), in a window on the current
DISPLAY (Xvfb is enough), grabbed once the visit has run for a while.

    XR_RUNTIME_JSON=~/.local/share/ludao/xr/monado-598080453/share/openxr/1/openxr_monado.json \\
        xvfb-run -a -s '-screen 0 1600x900x24' .venv/bin/python tools/vr_mirror_screenshot.py
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PIL import ImageGrab

ROOT = Path(__file__).resolve().parents[1]


def main(scene: str = "gulangyu", out: Path = ROOT / "docs" / "images" / "vr-mirror.png", wait_s: float = 25.0) -> int:
    env = {**os.environ, "XRT_LOG": "warn", "XR_LOADER_DEBUG": "none", "LUDAO_MUTE": "1"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "run_tour.py"), "play", scene, "--mode", "vr",
                             "--size", "1280x720", "--lang", "en"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(wait_s)
        if proc.poll() is not None:
            print(f"play --mode vr ended with {proc.returncode}", file=sys.stderr)
            return 1
        ImageGrab.grab(bbox=(0, 0, 1280, 720), xdisplay=os.environ["DISPLAY"]).save(out)
        print(out)
        return 0
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
