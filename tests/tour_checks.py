"""What every tour run must show in its event log: shared by the runner tests and the shipped tours."""
from __future__ import annotations

import weakref

import numpy as np

from engine.tour.world import TourWorld

_FOOTPRINTS: "weakref.WeakKeyDictionary[TourWorld, np.ndarray]" = weakref.WeakKeyDictionary()

MAX_DV_PER_TICK = 12.0  # m/s of velocity change between two 0.1 s frames: 120 m/s^2, no jumps
MAX_TURN_DEG_PER_S = 41.0  # the comfort limit (40) plus rounding


def camera_track(events: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    cams = [e for e in events if e["type"] == "camera"]
    t = np.array([e["t"] for e in cams])
    pos = np.array([e["pos"] for e in cams], dtype=float)
    hpr = np.array([e["hpr"] for e in cams], dtype=float)
    keep = np.concatenate([[True], np.diff(t) > 1e-9])  # several events can share a time stamp
    return t[keep], pos[keep], hpr[keep]


def assert_smooth_and_comfortable(events: list[dict]) -> None:
    t, pos, hpr = camera_track(events)
    dt = np.diff(t)
    velocity = np.diff(pos, axis=0) / dt[:, None]
    jumps = np.linalg.norm(np.diff(velocity, axis=0), axis=1)
    assert jumps.max() < MAX_DV_PER_TICK, f"velocity jumps by {jumps.max():.1f} m/s at t={t[1:-1][jumps.argmax()]}"
    yaw = (np.diff(hpr[:, 0]) + 180) % 360 - 180
    rate = np.hypot(yaw, np.diff(hpr[:, 1])) / dt
    assert rate.max() < MAX_TURN_DEG_PER_S, f"turns at {rate.max():.0f} deg/s at t={t[1:][rate.argmax()]}"


def assert_never_underground(events: list[dict], world: TourWorld) -> None:
    t, pos, _ = camera_track(events)
    ground = np.array([world.ground_at(x, y) for x, y in pos[:, :2]])
    clearance = pos[:, 2] - ground
    assert clearance.min() > 0.5, f"camera {clearance.min():.1f} m above ground at t={t[clearance.argmin()]}"
    half = world.scene.extent_m
    assert np.abs(pos[:, :2]).max() <= half + 1, "camera left the scene"


def assert_never_inside_buildings(events: list[dict], world: TourWorld) -> None:
    """No camera sample inside the circle of a generated building below its roof."""
    footprints = _footprints(world)
    t, pos, _ = camera_track(events)
    if not len(footprints):
        return
    for x, y, radius, top in footprints:
        inside = (pos[:, 0] - x) ** 2 + (pos[:, 1] - y) ** 2 < radius * radius
        below = inside & (pos[:, 2] < top)
        assert not below.any(), f"camera inside a building at ({x:.0f}, {y:.0f}) at t={t[below][0]}"


def steps_run(events: list[dict]) -> list[str]:
    return [e["step"] for e in events if e["type"] == "step_start"]


def _footprints(world: TourWorld) -> np.ndarray:
    """(x, y, radius, top) of every generated building, planned once a world (a tour is run down
    each of its branches in each language: planning the layout took longer than the runs)."""
    if world not in _FOOTPRINTS:
        from engine.world.plan.layout import plan_layout
        _FOOTPRINTS[world] = np.array(plan_layout(world.scene, world.proj, world.ground).footprints()).reshape(-1, 4)
    return _FOOTPRINTS[world]
