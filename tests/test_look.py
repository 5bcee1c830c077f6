"""The fast path's look: small soft pins that stay tappable and never hide a landmark in a default
view, walls that keep their colour in shade, water that shines towards the sun, beaches only at the
shore, and baked shade under buildings."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine.scene_library import scene_manifests
from engine.settings import PROJECT_ROOT
from engine.world.nodes import markers as pins
from engine.world.plan.ground_shade import ground_shade
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.sky import sky_colours
from engine.world.plan.water import water_colours

SHIPPED = scene_manifests(PROJECT_ROOT / "scenes")


@pytest.mark.parametrize("fov", [32.0, 45.0, 60.0, 90.0])
@pytest.mark.parametrize("distance", [20.0, 150.0, 400.0, 1200.0, 4000.0])
def test_a_pins_tap_target_stays_finger_sized_at_1080p(distance, fov):
    radius_m = pins.PICK_RADIUS * pins.tap_scale(distance, fov)
    px = 2 * radius_m / (2 * distance * math.tan(math.radians(fov) / 2)) * 1080
    assert px >= 48, f"{px:.0f} px at {distance} m, fov {fov}"
    assert pins.tap_scale(distance, fov) >= pins.pin_scale(distance)  # the drawn pin is inside it


def test_pins_are_a_third_of_the_first_size_and_shrink_far_away():
    assert pins.pin_scale(pins.REFERENCE_DISTANCE) == pytest.approx(3.0 / 3)
    on_screen = [pins.pin_scale(d) / d for d in (200.0, 500.0, 1500.0, 4000.0)]
    assert on_screen[0] == pytest.approx(on_screen[1])
    assert on_screen[1] > on_screen[2] > on_screen[3]


@pytest.mark.parametrize("hour", [8.0, 10.5, 16.0, 17.0])
def test_a_wall_facing_away_from_the_sun_keeps_most_of_its_colour(hour):
    sky = sky_colours(hour, 0.3)
    away = np.array(sky.sun_dir[:2] + (0.0,))  # the wall's normal points where the light goes
    away /= np.linalg.norm(away)
    fill = max(0.0, float(-np.dot(sky.fill_dir, away)))
    light = np.array(sky.ambient) + np.array(sky.fill) * fill
    assert light.mean() >= 0.7, f"a shaded wall gets {light} at {hour}h"
    lit_ground = np.array(sky.ambient) + np.array(sky.sun) * max(0.0, -sky.sun_dir[2]) + np.array(sky.fill) * 0.42
    assert lit_ground.mean() <= 1.3, "sunlit ground washes out"


def test_water_shines_towards_the_sun_and_follows_the_hour():
    base = np.array([0.2, 0.45, 0.5, 1.0])
    morning_sun = sky_colours(8.0, 0.3)
    towards = -np.array(morning_sun.sun_dir[:2]) / np.hypot(*morning_sun.sun_dir[:2])
    assert towards[0] > 0.5  # the morning sun is in the east
    grid = np.array([[*(3000.0 * towards), 0.0], [*(-3000.0 * towards), 0.0]])
    morning = water_colours(grid, base, morning_sun, 1500.0)
    evening = water_colours(grid, base, sky_colours(17.0, 0.3), 1500.0)
    assert morning[0, :3].sum() > morning[1, :3].sum() + 0.3
    assert np.allclose(morning[1], base)  # away from the sun: the water's own colour
    assert evening[0, :3].sum() < morning[0, :3].sum() - 0.3  # the path moves with the sun
    near = water_colours(np.array([[50.0, 0.0, 0.0]]), base, sky_colours(8.0, 0.3), 1500.0)
    assert np.allclose(near[0], base)  # no glint right under the viewer: not an even brightening


def test_buildings_darken_the_ground_under_them_only():
    field = Heightfield(np.zeros((41, 41)), np.ones((41, 41), dtype=bool), -200.0, -200.0, 10.0)
    shade = ground_shade(field, np.array([[0.0, 0.0, 12.0, 20.0]]))
    assert shade[20, 20] < 0.75
    assert shade[0, 0] == 1.0 and shade[20, 30] == 1.0


def test_sand_lies_only_next_to_the_water(open_view):
    from scipy import ndimage

    from engine.world.plan.terrain import SAND
    view = open_view(SHIPPED["gulangyu"])  # Gangzaihou beach; the other scenes' coasts are walled
    plan, ground = view.built.plan, view.built.ground
    dist = ndimage.distance_transform_edt(ground.land) * ground.cell
    xy = []
    for batch in plan.layer("terrain").batches:
        ratio = batch.mesh.colours[:, :3] / SAND[:3]  # sand, or sand in a building's baked shade
        is_sand = (np.ptp(ratio, axis=1) < 0.01) & (ratio[:, 0] > 0.69) & (ratio[:, 0] < 1.01)
        xy.append(batch.mesh.vertices[is_sand, :2])
    xy = np.concatenate(xy)
    assert len(xy) > 50, "no beach at all"
    j = np.round((xy[:, 0] - ground.x0) / ground.cell).astype(int)
    i = np.round((xy[:, 1] - ground.y0) / ground.cell).astype(int)
    assert dist[i, j].max() <= 24.0 + 1e-6, "sand far from the shore"


@pytest.mark.parametrize("scene_id", list(SHIPPED))
def test_pins_never_hide_a_landmark_in_the_default_view(open_view, scene_id):
    view = open_view(SHIPPED[scene_id])
    scene = view.built
    markers, landmarks = scene.nodes["markers"], scene.nodes["landmarks"]
    full = view.pixels()
    markers.hide()
    no_pins = view.pixels()
    landmarks.hide()
    bare = view.pixels()
    landmarks.show()
    markers.show()
    pin_px = np.any(full != no_pins, axis=-1)
    landmark_px = np.any(no_pins != bare, axis=-1)
    assert pin_px.any(), "no pin in the default view"
    assert landmark_px.any(), "no landmark in the default view"
    hidden = int((pin_px & landmark_px).sum())
    assert hidden <= max(2, 0.02 * landmark_px.sum()), f"pins cover {hidden} of {landmark_px.sum()} landmark pixels"


def test_flat_land_has_no_stripes(open_view):
    """Grass colours change gently between neighbouring vertices away from the shore and rocks
    (a threshold on the noise drew hard yellow stripes that read as sand)."""
    from scipy import ndimage

    from engine.world.plan.terrain import ROCK_COLOUR, terrain_mesh
    view = open_view(SHIPPED["yundang"])
    ground = view.built.ground
    mesh = terrain_mesh(ground, view.built.manifest, view.built.projection)  # without the baked shade
    grid = ground.heights.size  # the grid's vertices come first, the coast's cut cells after them
    colours = mesh.colours[:grid].reshape(*ground.heights.shape, 4)[..., :3]
    inland = ndimage.distance_transform_edt(ground.land) * ground.cell > 40.0
    grass = inland & ~np.all(np.abs(colours - ROCK_COLOUR[:3]) < 1e-3, axis=-1)
    both = grass[:, 1:] & grass[:, :-1]
    steps = np.abs(np.diff(colours, axis=1)).max(axis=-1)[both]
    assert both.sum() > 1000
    assert steps.max() < 0.06, f"a colour step of {steps.max():.2f} between neighbouring grass vertices"


def test_a_tours_time_of_day_moves_the_waters_sheen(open_view):
    from panda3d.core import GeomVertexReader

    view = open_view(SHIPPED["gulangyu"])
    water = view.built.nodes["water"].find("water").node()

    def colours() -> np.ndarray:
        reader = GeomVertexReader(water.get_geom(0).get_vertex_data(), "color")
        out = []
        while not reader.is_at_end():
            c = reader.get_data4()
            out.append((c[0], c[1], c[2]))
        return np.array(out)

    planned = colours()
    view.set_time_of_day(7.0)
    morning = colours()
    view.set_time_of_day(view.built.manifest.sky.time_of_day)
    assert np.abs(morning - planned).max() > 0.1, "the sheen did not move with the sun"
    assert np.allclose(colours(), planned, atol=1 / 255), "back at the scene's hour, the planned colours"
