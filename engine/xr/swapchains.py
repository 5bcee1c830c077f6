"""One swapchain an eye at the runtime's recommended size, and the copy of Panda3D's eye texture
into the image the runtime hands out each frame.

Panda3D keeps its own record of the GL state: whatever we bind we put back. Monado's GL client
binds the new images while creating a swapchain (so the 2D texture binding is restored around it),
and the blit binds framebuffers (restored after). Panda3D also leaves the scissor test on, boxed to
the last display region it drew (the desktop window's): a blit obeys the scissor test, so it is off
around the blit, or only a window-sized corner of each eye would arrive. glBlitFramebuffer, not glCopyImageSubData:
Panda3D's render texture is RGB8 and the swapchain RGBA8, and a blit converts.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GL_RGBA8, GL_SRGB8_ALPHA8 = 0x8058, 0x8C43


@dataclass
class EyeSwapchain:
    handle: object
    width: int
    height: int
    images: list[int]  # GL texture names, owned by the runtime


def pick_format(formats: list[int]) -> int:
    """Linear RGBA8: Panda3D renders without sRGB conversion (framebuffer-srgb is off)."""
    return GL_RGBA8 if GL_RGBA8 in formats else formats[0]


def create_swapchains(xr, session, sizes: list[tuple[int, int]]) -> list[EyeSwapchain]:
    from OpenGL import GL
    fmt = pick_format(list(xr.enumerate_swapchain_formats(session)))
    usage = (xr.SwapchainUsageFlags.COLOR_ATTACHMENT_BIT | xr.SwapchainUsageFlags.SAMPLED_BIT
             | xr.SwapchainUsageFlags.TRANSFER_DST_BIT)
    chains = []
    for width, height in sizes:
        unit, texture = GL.glGetIntegerv(GL.GL_ACTIVE_TEXTURE), GL.glGetIntegerv(GL.GL_TEXTURE_BINDING_2D)
        try:
            handle = xr.create_swapchain(session, xr.SwapchainCreateInfo(
                usage_flags=usage, format=fmt, sample_count=1, width=width, height=height, face_count=1,
                array_size=1, mip_count=1))
            images = [int(image.image) for image in xr.enumerate_swapchain_images(handle, xr.SwapchainImageOpenGLKHR)]
        finally:
            GL.glActiveTexture(unit)
            GL.glBindTexture(GL.GL_TEXTURE_2D, texture)
        chains.append(EyeSwapchain(handle, width, height, images))
    return chains


class Blitter:
    """Copies a GL texture into a swapchain image with two framebuffers of our own."""

    def __init__(self):
        from OpenGL import GL
        self.gl = GL
        self.read_fbo, self.draw_fbo = (int(f) for f in GL.glGenFramebuffers(2))

    def blit(self, source: int, size: tuple[int, int], target: int, target_size: tuple[int, int],
             read_back: bool = False) -> np.ndarray | None:
        """Source texture (its used region `size`) -> target texture, scaled to fill it. With read_back:
        the target's pixels afterwards, (height, width, 4) uint8, top row first."""
        GL = self.gl
        previous_read = GL.glGetIntegerv(GL.GL_READ_FRAMEBUFFER_BINDING)
        previous_draw = GL.glGetIntegerv(GL.GL_DRAW_FRAMEBUFFER_BINDING)
        scissor = GL.glIsEnabled(GL.GL_SCISSOR_TEST)
        pixels = None
        try:
            GL.glDisable(GL.GL_SCISSOR_TEST)
            GL.glBindFramebuffer(GL.GL_READ_FRAMEBUFFER, self.read_fbo)
            GL.glFramebufferTexture2D(GL.GL_READ_FRAMEBUFFER, GL.GL_COLOR_ATTACHMENT0, GL.GL_TEXTURE_2D, source, 0)
            GL.glBindFramebuffer(GL.GL_DRAW_FRAMEBUFFER, self.draw_fbo)
            GL.glFramebufferTexture2D(GL.GL_DRAW_FRAMEBUFFER, GL.GL_COLOR_ATTACHMENT0, GL.GL_TEXTURE_2D, target, 0)
            (sw, sh), (tw, th) = size, target_size
            GL.glBlitFramebuffer(0, 0, sw, sh, 0, 0, tw, th, GL.GL_COLOR_BUFFER_BIT,
                                 GL.GL_NEAREST if (sw, sh) == (tw, th) else GL.GL_LINEAR)
            if read_back:
                GL.glBindFramebuffer(GL.GL_READ_FRAMEBUFFER, self.draw_fbo)
                data = GL.glReadPixels(0, 0, tw, th, GL.GL_RGBA, GL.GL_UNSIGNED_BYTE)
                pixels = np.frombuffer(bytes(data), dtype=np.uint8).reshape(th, tw, 4)[::-1].copy()
        finally:
            if scissor:
                GL.glEnable(GL.GL_SCISSOR_TEST)
            GL.glBindFramebuffer(GL.GL_READ_FRAMEBUFFER, previous_read)
            GL.glBindFramebuffer(GL.GL_DRAW_FRAMEBUFFER, previous_draw)
        return pixels

    def close(self) -> None:
        self.gl.glDeleteFramebuffers(2, [self.read_fbo, self.draw_fbo])
