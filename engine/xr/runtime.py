"""Finding an OpenXR runtime and a headset, or saying in one line what is missing.

`open_runtime(extensions)` gives an XrInstance and the headset's system id; every way it can fail
for want of something on this machine becomes `MissingCapability` (exit 3 on the command line):
pyopenxr not installed, no runtime (XR_RUNTIME_JSON or the system's active runtime), no headset
connected, or a runtime without the graphics extension the display needs. The OpenXR loader's own
chatter on stderr is silenced (XR_LOADER_DEBUG=none) unless the user set it.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from engine.errors import MissingCapability

LOG = logging.getLogger("ludao.xr")
TRY_STEREO = "use --mode stereo for a side-by-side picture without a headset"
APP_NAME = "Ludao"


def import_xr():
    """pyopenxr, or MissingCapability naming the extra to install."""
    os.environ.setdefault("XR_LOADER_DEBUG", "none")
    try:
        import xr
    except ImportError:
        raise MissingCapability(f"VR needs pyopenxr: pip install 'ludao[vr]' (or pip install pyopenxr); "
                                f"{TRY_STEREO}") from None
    return xr


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


@dataclass
class Runtime:
    """An open XrInstance with the headset's system."""
    xr: object  # the pyopenxr module
    instance: object
    system_id: int
    runtime_name: str
    system_name: str
    extensions: tuple[str, ...]

    def close(self) -> None:
        if self.instance is not None:
            self.xr.destroy_instance(self.instance)
            self.instance = None


def available_extensions(xr) -> set[str]:
    try:
        return {_text(e.extension_name) for e in xr.enumerate_instance_extension_properties()}
    except xr.RuntimeUnavailableError:
        raise MissingCapability(f"no OpenXR runtime found (install SteamVR, Monado or your headset's PC "
                                f"software and make it the active OpenXR runtime, or set XR_RUNTIME_JSON); "
                                f"{TRY_STEREO}") from None


def open_runtime(wanted: list[str]) -> Runtime:
    """An instance with the `wanted` extensions (the first is the graphics binding's) and the
    head-mounted display's system."""
    xr = import_xr()
    offered = available_extensions(xr)
    missing = [name for name in wanted if name not in offered]
    if missing:
        raise MissingCapability(f"the OpenXR runtime lacks {', '.join(missing)} (needed to hand it OpenGL "
                                f"frames); {TRY_STEREO}")
    try:
        instance = xr.create_instance(xr.InstanceCreateInfo(
            # OpenXR 1.0: a 1.0 runtime (Monado 21) refuses the 1.1 that pyopenxr's headers carry
            application_info=xr.ApplicationInfo(application_name=APP_NAME, application_version=1,
                                                 engine_name="Panda3D", api_version=xr.Version(1, 0, 0)),
            enabled_extension_names=list(dict.fromkeys(wanted))))
    except xr.RuntimeUnavailableError:
        raise MissingCapability(f"the OpenXR runtime could not be started; {TRY_STEREO}") from None
    try:
        system_id = xr.get_system(instance, xr.SystemGetInfo(form_factor=xr.FormFactor.HEAD_MOUNTED_DISPLAY))
    except (xr.FormFactorUnavailableError, xr.FormFactorUnsupportedError):
        xr.destroy_instance(instance)
        raise MissingCapability(f"no VR headset connected (the OpenXR runtime found none); {TRY_STEREO}") from None
    props = xr.get_instance_properties(instance)
    system = xr.get_system_properties(instance, system_id)
    runtime = Runtime(xr, instance, system_id, _text(props.runtime_name), _text(system.system_name), tuple(wanted))
    LOG.info("OpenXR runtime %s %s, system %s", runtime.runtime_name, xr.Version(props.runtime_version),
             runtime.system_name)
    return runtime
