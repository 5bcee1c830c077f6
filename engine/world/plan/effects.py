"""Night effects an event brings: spotlight beams sweeping the sky and fireworks bursting over a
stage. Pure: where each beam points and where each spark is at time t; the node stage
(engine.world.nodes.effects) draws them unlit and blended, and moves them every frame."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

BEAM_LENGTH_M = 420.0
BEAM_RADIUS_M = 14.0  # at its far end; the beam starts as a point at the lamp
SPARKS_PER_BURST = 90
BURST_S = 2.6  # a burst's life: rise, flash, fall and fade
GRAVITY = 9.81


@dataclass
class BeamPlan:
    origin: tuple[float, float, float]
    colour: tuple[float, float, float, float]
    phase: float  # radians: beams sweep out of step

    def direction(self, t: float) -> tuple[float, float]:
        """(heading, pitch) in degrees at time t: a slow sweep around and a nod up and down."""
        heading = np.degrees(self.phase) + 25.0 * np.sin(0.35 * t + self.phase)
        pitch = 62.0 + 14.0 * np.sin(0.5 * t + 2.0 * self.phase)
        return float(heading), float(pitch)


@dataclass
class FireworksPlan:
    centre: tuple[float, float, float]  # above the stage
    bursts: int  # this many going off in turn
    seed: int

    @cached_property
    def _bursts(self) -> tuple[np.ndarray, ...]:
        """Where each burst goes off, its colour, when, and its sparks' directions and speeds: drawn
        once from the seed (sparks() runs every frame)."""
        rng = np.random.default_rng(self.seed)
        centres = np.array(self.centre) + np.column_stack([rng.uniform(-60, 60, self.bursts),
                                                           rng.uniform(-60, 60, self.bursts),
                                                           rng.uniform(-10, 50, self.bursts)])
        hues = rng.uniform(0, 1, self.bursts)
        offsets = rng.uniform(0, BURST_S, self.bursts)  # bursts go off one after another
        directions = rng.normal(size=(self.bursts, SPARKS_PER_BURST, 3))
        directions /= np.linalg.norm(directions, axis=2, keepdims=True)
        speeds = rng.uniform(18, 30, (self.bursts, SPARKS_PER_BURST, 1))
        rgb = np.stack([_hue(h) for h in hues])[:, None, :] * np.ones((1, SPARKS_PER_BURST, 1))
        return centres, offsets, directions * speeds, rgb

    def sparks(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """(bursts * SPARKS_PER_BURST, 3) spark positions and (same, 4) colours with fading alpha."""
        centres, offsets, velocities, rgb = self._bursts
        age = ((t + offsets) % BURST_S)[:, None, None]
        pos = centres[:, None, :] + velocities * age
        pos[..., 2] -= 0.5 * GRAVITY * age[..., 0] ** 2
        fade = np.broadcast_to(np.clip(1.0 - age[..., 0] / BURST_S, 0, 1), (self.bursts, SPARKS_PER_BURST))
        colours = np.concatenate([rgb, fade[..., None]], axis=2)
        return pos.reshape(-1, 3), colours.reshape(-1, 4)


def _hue(h: float) -> np.ndarray:
    """A bright firework colour around the colour wheel."""
    k = (np.array([5.0, 3.0, 1.0]) + h * 6.0) % 6.0
    return 1.0 - 0.75 * np.clip(np.minimum(k, 4.0 - k), 0, 1)
