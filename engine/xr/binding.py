"""The graphics binding: hands Panda3D's own OpenGL context to the OpenXR runtime, so the runtime's
swapchain images are GL textures in the context Panda3D renders with.

Chosen from the Panda3D pipe: a GLX window (pandagl on X11) -> XR_KHR_opengl_enable with
XrGraphicsBindingOpenGLXlibKHR; EGL with no display (p3headlessgl) -> XR_MNDX_egl_enable with
XrGraphicsBindingEGLMNDX. Both read the context Panda3D left current after a rendered frame (its
pipeline is single-threaded). pyopenxr sets PyOpenGL's platform to GLX; under GLVND the GL calls
still reach a current EGL context, so PyOpenGL works for both.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass

from engine.errors import MissingCapability

OPENGL = "XR_KHR_opengl_enable"
EGL = "XR_MNDX_egl_enable"
EGL_CONFIG_ID, EGL_NONE = 0x3028, 0x3038


@dataclass(frozen=True)
class BindingKind:
    name: str  # "glx" or "egl"
    extensions: tuple[str, ...]  # to enable on the instance (the GL requirements call needs OPENGL)


def binding_kind(pipe_type_name: str) -> BindingKind:
    """Which binding a Panda3D pipe needs, by its type name (base.pipe.get_type().get_name())."""
    name = pipe_type_name.lower()
    if name.startswith("glx"):
        return BindingKind("glx", (OPENGL,))
    if name.startswith("egl"):
        return BindingKind("egl", (OPENGL, EGL))
    raise MissingCapability(f"VR needs Panda3D's OpenGL on X11 (GLX) or EGL, not {pipe_type_name}; "
                            "use --mode stereo")


def make_binding(xr, kind: BindingKind):
    """The XrGraphicsBinding* struct for the GL context current now (Panda3D's)."""
    return _glx_binding(xr) if kind.name == "glx" else _egl_binding(xr)


def _glx_binding(xr):
    from OpenGL import GLX
    ctx, dpy, drawable = GLX.glXGetCurrentContext(), GLX.glXGetCurrentDisplay(), GLX.glXGetCurrentDrawable()
    if not ctx:
        raise RuntimeError("no current GLX context after Panda3D's first frame")
    fbc_id = ctypes.c_int(0)
    GLX.glXQueryContext(dpy, ctx, GLX.GLX_FBCONFIG_ID, ctypes.byref(fbc_id))
    count = ctypes.c_int(0)
    configs = GLX.glXChooseFBConfig(dpy, 0, (ctypes.c_int * 3)(GLX.GLX_FBCONFIG_ID, fbc_id.value, 0),
                                    ctypes.byref(count))
    config = configs[0] if count.value > 0 else None
    visual = ctypes.c_int(0)
    if config is not None:
        GLX.glXGetFBConfigAttrib(dpy, config, GLX.GLX_VISUAL_ID, ctypes.byref(visual))
    return xr.GraphicsBindingOpenGLXlibKHR(x_display=dpy, visualid=visual.value, glx_fbconfig=config,
                                           glx_drawable=drawable, glx_context=ctx)


def _egl_binding(xr):
    egl = ctypes.CDLL("libEGL.so.1")
    egl.eglGetCurrentContext.restype = egl.eglGetCurrentDisplay.restype = ctypes.c_void_p
    egl.eglQueryContext.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    egl.eglChooseConfig.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_void_p),
                                    ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    ctx, dpy = egl.eglGetCurrentContext(), egl.eglGetCurrentDisplay()
    if not ctx:
        raise RuntimeError("no current EGL context after Panda3D's first frame")
    config_id, config, count = ctypes.c_int(0), ctypes.c_void_p(), ctypes.c_int(0)
    egl.eglQueryContext(dpy, ctx, EGL_CONFIG_ID, ctypes.byref(config_id))
    egl.eglChooseConfig(dpy, (ctypes.c_int * 3)(EGL_CONFIG_ID, config_id.value, EGL_NONE), ctypes.byref(config), 1,
                        ctypes.byref(count))
    # pyopenxr's struct wants PyOpenGL's EGL pointer types, not ints
    types = dict(xr.GraphicsBindingEGLMNDX._fields_)
    return xr.GraphicsBindingEGLMNDX(
        get_proc_address=xr.PFN_xrEglGetProcAddressMNDX(("eglGetProcAddress", egl)),
        display=ctypes.cast(dpy, types["display"]), config=ctypes.cast(config.value, types["config"]),
        context=ctypes.cast(ctx, types["context"]))
