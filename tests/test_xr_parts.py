"""engine.xr's parts that need no runtime: OpenXR's axes to Panda3D's, the binding chosen from the
Panda3D pipe, the reference space's fallback, and the refusals (exit 3) without pyopenxr, without a
runtime, without a headset."""
from __future__ import annotations

import math
import sys
import types

import pytest

from engine.errors import MissingCapability
from engine.xr import runtime
from engine.xr.binding import EGL, OPENGL, binding_kind
from engine.xr.poses import Pose, mean_pose, orientation_to_panda, position_to_panda


def _xr_pose(pos, quat_xyzw):
    vec = types.SimpleNamespace
    return vec(position=vec(x=pos[0], y=pos[1], z=pos[2]), orientation=vec(x=quat_xyzw[0], y=quat_xyzw[1],
                                                                             z=quat_xyzw[2], w=quat_xyzw[3]))


def test_openxr_axes_become_panda3d_axes():
    # OpenXR: 1 m up is +Y, 1 m ahead is -Z; Panda3D: up +Z, ahead +Y
    assert position_to_panda(0, 1, 0) == (0, 0, 1)
    assert position_to_panda(0, 0, -1) == (0, 1, 0)
    assert position_to_panda(1, 0, 0) == (1, 0, 0)
    # turning left 90 degrees about OpenXR's up (+Y) is turning left about Panda3D's up (+Z): heading +90
    s = math.sin(math.pi / 4)
    assert orientation_to_panda(0, s, 0, s) == pytest.approx((s, 0, 0, s))


def test_panda3d_agrees_with_the_conversion():
    from panda3d.core import Quat
    s = math.sin(math.pi / 8)  # 45 degrees
    turned = Pose.from_xr(_xr_pose((0, 1.6, 0), (0, s, 0, math.cos(math.pi / 8))))
    assert turned.pos == (0, 0, 1.6)
    assert Quat(*turned.quat).get_hpr()[0] == pytest.approx(45, abs=1e-4)
    looked_up = Pose.from_xr(_xr_pose((0, 0, 0), (s, 0, 0, math.cos(math.pi / 8))))  # about OpenXR's +X
    assert Quat(*looked_up.quat).get_hpr()[1] == pytest.approx(45, abs=1e-4)  # pitch up in Panda3D


def test_an_eye_relative_to_the_head_between_the_eyes():
    s, c = math.sin(math.pi / 4), math.cos(math.pi / 4)  # the head turned 90 degrees left
    left = Pose((0.0, -0.0315, 1.6), (c, 0, 0, s))
    right = Pose((0.0, 0.0315, 1.6), (c, 0, 0, s))
    head = mean_pose(left, right)
    assert head.pos == pytest.approx((0, 0, 1.6)) and head.quat == pytest.approx((c, 0, 0, s))
    eye = left.relative_to(head)
    assert eye.pos == pytest.approx((-0.0315, 0, 0), abs=1e-9)  # the left eye is to the head's left
    assert eye.quat == pytest.approx((1, 0, 0, 0))


def test_the_binding_follows_the_panda3d_pipe():
    assert binding_kind("glxGraphicsPipe").extensions == (OPENGL,)
    assert binding_kind("eglGraphicsPipe").extensions == (OPENGL, EGL)
    with pytest.raises(MissingCapability, match="--mode stereo"):
        binding_kind("wglGraphicsPipe")


def test_stage_space_or_local_where_the_runtime_has_no_stage():
    from engine.xr.session import XrSession
    made = []
    for offered, expected in ((["VIEW", "LOCAL", "STAGE"], "STAGE"), (["VIEW", "LOCAL"], "LOCAL")):
        kinds = types.SimpleNamespace(VIEW=_Kind("VIEW"), LOCAL=_Kind("LOCAL"), STAGE=_Kind("STAGE"))
        fake = types.SimpleNamespace(
            ReferenceSpaceType=kinds, ReferenceSpaceCreateInfo=lambda reference_space_type: reference_space_type,
            enumerate_reference_spaces=lambda session, o=offered, k=kinds: [getattr(k, n) for n in o],
            create_reference_space=lambda session, info: made.append(info) or f"space:{info.name}")
        session = XrSession.__new__(XrSession)
        session.xr, session.session = fake, object()
        assert session._reference_space() == (f"space:{expected}", expected)


class _Kind:
    def __init__(self, name):
        self.name = name


def test_no_pyopenxr_is_a_missing_capability(monkeypatch):
    monkeypatch.setitem(sys.modules, "xr", None)  # import xr raises ImportError
    with pytest.raises(MissingCapability, match=r"pyopenxr.*--mode stereo"):
        runtime.import_xr()


def _fake_xr(**behaviour):
    class Unavailable(Exception):
        pass

    class FormFactorUnavailable(Exception):
        pass

    def raise_(exc):
        raise exc

    fake = types.SimpleNamespace(
        RuntimeUnavailableError=Unavailable, FormFactorUnavailableError=FormFactorUnavailable,
        FormFactorUnsupportedError=FormFactorUnavailable,
        enumerate_instance_extension_properties=lambda: [types.SimpleNamespace(extension_name=b"XR_KHR_opengl_enable")],
        InstanceCreateInfo=lambda **kw: kw, ApplicationInfo=lambda **kw: kw, Version=lambda *a: a,
        create_instance=lambda info: "instance", destroy_instance=lambda i: behaviour.setdefault("destroyed", True),
        SystemGetInfo=lambda **kw: kw, FormFactor=types.SimpleNamespace(HEAD_MOUNTED_DISPLAY=1),
        get_system=lambda instance, info: raise_(FormFactorUnavailable()))
    if behaviour.get("no_runtime"):
        fake.enumerate_instance_extension_properties = lambda: raise_(Unavailable())
    return fake, behaviour


def test_no_runtime_and_no_headset_and_no_extension_are_missing_capabilities(monkeypatch):
    fake, _ = _fake_xr(no_runtime=True)
    monkeypatch.setattr(runtime, "import_xr", lambda: fake)
    with pytest.raises(MissingCapability, match=r"no OpenXR runtime found.*--mode stereo"):
        runtime.open_runtime([OPENGL])
    fake, seen = _fake_xr()
    monkeypatch.setattr(runtime, "import_xr", lambda: fake)
    with pytest.raises(MissingCapability, match=r"no VR headset connected.*--mode stereo"):
        runtime.open_runtime([OPENGL])
    assert seen["destroyed"]  # the instance is not left behind
    with pytest.raises(MissingCapability, match=r"lacks XR_MNDX_egl_enable"):
        runtime.open_runtime([OPENGL, EGL])


def test_the_loader_is_kept_quiet_unless_asked(monkeypatch):
    monkeypatch.delenv("XR_LOADER_DEBUG", raising=False)
    monkeypatch.setitem(sys.modules, "xr", types.ModuleType("xr"))
    runtime.import_xr()
    import os
    assert os.environ["XR_LOADER_DEBUG"] == "none"
