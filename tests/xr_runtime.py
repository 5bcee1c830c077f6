"""The OpenXR runtime the VR tests run against: Monado with a simulated headset, built once by
`make xr-runtime` (which `make test` runs) into DATA/xr/. Without it the VR tests skip, except
where CI is set: there they must really run, so its absence fails them."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

MONADO = "monado-598080453"  # the Makefile's XR_MONADO


def data_root() -> Path:
    """Where the Makefile puts it: $LUDAO_DATA, else ~/.local/share/ludao."""
    return Path(os.environ.get("LUDAO_DATA") or Path.home() / ".local" / "share" / "ludao")


def monado_manifest() -> Path:
    return data_root() / "xr" / MONADO / "share" / "openxr" / "1" / "openxr_monado.json"


def _missing(why: str):
    if os.environ.get("CI"):
        pytest.fail(f"{why}: CI must run the VR tests (make xr-runtime, and the vr extra)")
    pytest.skip(why)


def monado_env() -> dict[str, str]:
    """The environment for a process that should find Monado (and hear little from it)."""
    if importlib.util.find_spec("xr") is None:
        _missing("pyopenxr is not installed (the vr extra)")
    manifest = monado_manifest()
    if not (manifest.is_file() and (manifest.parents[3] / ".built").is_file()):
        _missing(f"no Monado build at {manifest.parents[3]} (make xr-runtime)")
    # PYTHONFAULTHANDLER: a crash in the runtime or the driver prints every thread's Python stack (once
    # seen here: a hall in the simulated headset died of SIGSEGV under load, with nothing to go on)
    env = {**os.environ, "XR_RUNTIME_JSON": str(manifest), "XRT_LOG": "warn", "XR_LOADER_DEBUG": "none",
           "PYTHONFAULTHANDLER": "1"}
    env.pop("DISPLAY", None)
    return env
