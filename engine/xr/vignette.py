"""What each eye sees over the scene during motion: a dark ring at the edge of its view (the
vignette, its strength from engine.xr.comfort) and a black card for fades. Both hang in front of
each eye camera, so they follow the head exactly; each is seen only by its own eye (camera masks),
and drawn last, through everything.

The ring's alpha depends on the angle from the eye's forward axis, not on the card's size, so it
looks the same whatever field of view a headset has: clear inside RING_CLEAR_DEG, dark from
RING_DARK_DEG outwards.
"""
from __future__ import annotations

import math

import numpy as np
from panda3d.core import BitMask32, CardMaker, NodePath, Texture, TransparencyAttrib

DISTANCE_M = 0.15  # in front of the eye: past the near plane (0.1 m), inside anything else
HALF_ANGLE_DEG = 80.0  # the cards reach this far from forward: beyond any headset's view
RING_CLEAR_DEG, RING_DARK_DEG = 28.0, 50.0
TEXTURE_PX = 128
EYE_BITS = (24, 25)  # camera-mask bits: left eye, right eye


def ring_texture() -> Texture:
    """Black, with alpha rising from the centre's clear disc to the edge (smoothstep in angle)."""
    half = DISTANCE_M * math.tan(math.radians(HALF_ANGLE_DEG))
    c = (np.arange(TEXTURE_PX) + 0.5) / TEXTURE_PX * 2 - 1
    r = np.hypot(c[None, :], c[:, None]) * half
    angle = np.degrees(np.arctan2(r, DISTANCE_M))
    t = np.clip((angle - RING_CLEAR_DEG) / (RING_DARK_DEG - RING_CLEAR_DEG), 0, 1)
    alpha = (t * t * (3 - 2 * t) * 255).astype(np.uint8)
    bgra = np.zeros((TEXTURE_PX, TEXTURE_PX, 4), np.uint8)
    bgra[..., 3] = alpha
    texture = Texture("xr-vignette")
    texture.setup_2d_texture(TEXTURE_PX, TEXTURE_PX, Texture.T_unsigned_byte, Texture.F_rgba8)
    texture.set_ram_image(bgra.tobytes())
    texture.set_wrap_u(Texture.WM_clamp)
    texture.set_wrap_v(Texture.WM_clamp)
    return texture


class EyeShades:
    def __init__(self, eyes):
        half = DISTANCE_M * math.tan(math.radians(HALF_ANGLE_DEG))
        maker = CardMaker("xr-shade")
        maker.set_frame(-half, half, -half, half)
        texture = ring_texture()
        self.rings: list[NodePath] = []
        self.blacks: list[NodePath] = []
        for i, eye in enumerate(eyes):
            eye.node().set_camera_mask(BitMask32.bit(EYE_BITS[i]))
            others = BitMask32.all_off()
            for j, bit in enumerate(EYE_BITS):
                if j != i:
                    others.set_bit(bit)
            ring = self._card(eye, maker, others, sort=100)
            ring.set_texture(texture)
            black = self._card(eye, maker, others, sort=101)
            black.set_color(0, 0, 0, 1)
            self.rings.append(ring)
            self.blacks.append(black)

    @staticmethod
    def _card(eye: NodePath, maker: CardMaker, others: BitMask32, sort: int) -> NodePath:
        card = eye.attach_new_node(maker.generate())
        card.set_pos(0, DISTANCE_M, 0)
        card.hide(others)  # the other eye never sees it
        card.set_transparency(TransparencyAttrib.M_alpha)
        card.set_bin("fixed", sort)
        card.set_depth_test(False)
        card.set_depth_write(False)
        card.set_light_off(1)
        card.set_fog_off(1)
        card.stash()
        return card

    def show(self, vignette: float, fade: float) -> None:
        for cards, level in ((self.rings, vignette), (self.blacks, fade)):
            for card in cards:
                if level <= 0.0:
                    card.stash()
                else:
                    card.unstash()
                    card.set_alpha_scale(min(level, 1.0))

    def remove(self) -> None:
        for card in self.rings + self.blacks:
            card.remove_node()
