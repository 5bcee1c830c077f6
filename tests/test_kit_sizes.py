"""Every kit kind measures what the manifest asks: the top of its tallest part is exactly base + height,
and its width and depth match the size within 2% except where a part is meant to stick out."""
import typing

import numpy as np
import pytest

from engine.geo import LocalProjection
from engine.manifest.scene_schema import PATH_KINDS, Landmark, LandmarkKind
from engine.world.plan.landmarks import landmark_mesh
from engine.world.plan.plan_facts import landmark_footprint
from engine.world.plan.sizes import DEFAULT_SIZE

ORIGIN = (24.45, 118.07)
BASE = 3.0
KINDS = [k for k in typing.get_args(LandmarkKind) if k != "model"]
# metres a kind legitimately reaches past its width and depth (given w, d), and why
OVERHANG = {
    "church": lambda w, d: (1.0, 2.0),  # the nave roof's eaves; the tower's spire stands proud of the front
    "villa": lambda w, d: (1.2, 1.2),  # hip roof eaves, 0.6 m each side
    "hall": lambda w, d: (0.8, 0.8),  # hip roof eaves, 0.4 m each side
    "pavilion": lambda w, d: (0.36 * min(w, d),) * 2,  # a wide sheltering roof
    "temple": lambda w, d: (max(2.0, 0.3 * min(w, d)),) * 2,  # the stone plinth, 1 m each side, or the eaves
}

class FlatGround:
    def height_at(self, x, y):
        return np.zeros_like(np.asarray(x, dtype=float))


def _landmark(kind: str, size: tuple, **extra) -> Landmark:
    place = {"path": [list(ORIGIN), [ORIGIN[0] + 0.001, ORIGIN[1]]]} if kind in PATH_KINDS else \
        {"lat": ORIGIN[0], "lon": ORIGIN[1]}
    return Landmark(id=f"a_{kind}", kind=kind, size_m=list(size), base_m=BASE, **place, **extra)


def _mesh(lm: Landmark) -> np.ndarray:
    mesh = landmark_mesh(lm, LocalProjection(*ORIGIN), FlatGround())
    assert mesh is not None
    return mesh.vertices


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("scale", [1.0, 0.5, 2.5])
def test_a_kit_kind_reaches_exactly_its_height(kind, scale):
    w, d, h = (v * scale for v in DEFAULT_SIZE[kind])
    v = _mesh(_landmark(kind, (w, d, h)))
    assert v[:, 2].max() - BASE == pytest.approx(h, rel=1e-6)


@pytest.mark.parametrize("kind", sorted(set(KINDS) - PATH_KINDS))
def test_a_kit_kind_is_as_wide_and_deep_as_its_size(kind):
    w, d, h = DEFAULT_SIZE[kind]
    v = _mesh(_landmark(kind, (w, d, h)))
    width, depth = v[:, :2].max(axis=0) - v[:, :2].min(axis=0)
    more_w, more_d = OVERHANG[kind](w, d) if kind in OVERHANG else (0.0, 0.0)
    assert w * 0.98 <= width <= (w + more_w) * 1.02
    assert d * 0.98 <= depth <= (d + more_d) * 1.02


@pytest.mark.parametrize("kind, option", [("tower", {"top": "sail"}), ("statue", {"pose": "kneeling"}),
                                          ("fort_wall", {"path": [list(ORIGIN), [ORIGIN[0] + 0.0004, ORIGIN[1]]]}),
                                          ("boat", {"path": [list(ORIGIN), [ORIGIN[0] + 0.0004, ORIGIN[1]]]})])
@pytest.mark.parametrize("scale", [1.0, 0.5, 2.5])
def test_a_kit_option_reaches_exactly_its_height(kind, option, scale):
    w, d, h = (v * scale for v in DEFAULT_SIZE[kind])
    if "path" in option:
        lm = Landmark(id="a", kind=kind, size_m=[w, d, h], base_m=BASE, **option)
    else:
        lm = _landmark(kind, (w, d, h), **option)
    v = _mesh(lm)
    assert v[:, 2].max() - BASE == pytest.approx(h, rel=1e-6)
    if "path" not in option:
        assert (v[:, :2].max(axis=0) - v[:, :2].min(axis=0)) == pytest.approx([w, d], rel=0.02)


@pytest.mark.parametrize("kind", ["villa", "hall"])
def test_a_dome_crowns_the_roof_at_the_stated_height(kind):
    w, d, h = DEFAULT_SIZE[kind]
    v = _mesh(_landmark(kind, (w, d, h), dome=True))
    assert v[:, 2].max() - BASE == pytest.approx(h, rel=1e-6)
    assert (v[:, :2].max(axis=0) - v[:, :2].min(axis=0)) == pytest.approx([w, d], rel=0.02)


def test_every_kind_has_a_default_size():
    assert set(typing.get_args(LandmarkKind)) == set(DEFAULT_SIZE)


@pytest.mark.parametrize("kind", sorted(PATH_KINDS))
def test_path_kinds_are_flown_over_and_need_a_path(kind):
    lm = _landmark(kind, DEFAULT_SIZE[kind])
    assert landmark_footprint(lm, LocalProjection(*ORIGIN), FlatGround()) is None


@pytest.mark.parametrize("kind", ["fort_wall", "cannon", "gate"])
def test_new_standing_kinds_keep_the_camera_out(kind):
    w, d, h = DEFAULT_SIZE[kind]
    x, y, radius, top = landmark_footprint(_landmark(kind, (w, d, h)), LocalProjection(*ORIGIN), FlatGround())
    assert radius == pytest.approx(np.hypot(w, d) / 2) and top == pytest.approx(BASE + h)


def test_heading_turns_a_cannon_to_point_east():
    v = _mesh(_landmark("cannon", DEFAULT_SIZE["cannon"], heading_deg=90))
    width, depth = v[:, :2].max(axis=0) - v[:, :2].min(axis=0)
    assert width > depth  # the barrel (along depth at heading 0) now lies east-west
