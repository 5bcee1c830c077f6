import numpy as np
import pytest

from engine.geo import LocalProjection, haversine_m


@pytest.mark.parametrize("origin", [(24.4475, 118.0619), (24.4395, 118.0870), (24.4753, 118.0847), (-33.9, 151.2)])
def test_round_trip_within_a_centimetre(origin):
    proj = LocalProjection(*origin)
    rng = np.random.default_rng(7)
    lat = origin[0] + rng.uniform(-0.05, 0.05, 2000)
    lon = origin[1] + rng.uniform(-0.05, 0.05, 2000)
    h = rng.uniform(-10, 400, 2000)
    local = proj.to_local_many(lat, lon, h)
    back = proj.to_geodetic_many(local[:, 0], local[:, 1], local[:, 2])
    again = proj.to_local_many(back[:, 0], back[:, 1], back[:, 2])
    assert np.abs(again - local).max() < 0.01
    # and in degrees: 1 cm is about 9e-8 degrees of latitude
    assert np.abs(back[:, 0] - lat).max() < 9e-8
    assert np.abs(back[:, 1] - lon).max() < 1e-7


def test_axes_and_distances_match_the_real_world():
    proj = LocalProjection(24.4475, 118.0619)
    assert proj.to_local(24.4475, 118.0619, 0) == pytest.approx((0, 0, 0), abs=1e-6)
    east = proj.to_local(24.4475, 118.0719)
    north = proj.to_local(24.4575, 118.0619)
    assert east[0] > 1000 and abs(east[1]) < 1.0  # 0.01 degrees of longitude here is ~1013 m east
    assert east[0] == pytest.approx(1013.5, abs=2)
    assert north[1] == pytest.approx(1107.9, abs=2) and abs(north[0]) < 0.01
    # Sunlight Rock from the centre vs. an independent great-circle distance; the sphere differs
    # from the ellipsoid by up to ~0.5% at this latitude (the meridian radius is smaller)
    e, n, _ = proj.to_local(24.44463, 118.06226)
    assert np.hypot(e, n) == pytest.approx(haversine_m(24.4475, 118.0619, 24.44463, 118.06226), rel=6e-3)


def test_height_passes_through_unchanged():
    proj = LocalProjection(24.4475, 118.0619)
    assert proj.to_local(24.44463, 118.06226, 92.68)[2] == 92.68
