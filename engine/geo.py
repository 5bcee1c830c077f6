"""WGS-84 latitude/longitude <-> local east/north/up metres around a scene origin.

East and north are the exact east/north components of a point on the ellipsoid in the origin's
local tangent frame (through ECEF); up is the height above sea level as given, so the sea stays a
flat plane at up = 0 across the scene instead of curving away (3 km out the Earth drops 0.7 m).
The inverse solves for lat/lon by Newton's method and round-trips to well under a millimetre.
"""
from __future__ import annotations

import math

import numpy as np

WGS84_A = 6378137.0
WGS84_F = 1 / 298.257223563
WGS84_E2 = WGS84_F * (2 - WGS84_F)


def _ecef(lat_rad, lon_rad):
    sin_lat = np.sin(lat_rad)
    n = WGS84_A / np.sqrt(1 - WGS84_E2 * sin_lat * sin_lat)
    cos_lat = np.cos(lat_rad)
    return (n * cos_lat * np.cos(lon_rad), n * cos_lat * np.sin(lon_rad), n * (1 - WGS84_E2) * sin_lat)


class LocalProjection:
    """Projects WGS-84 positions into a scene's local frame (metres, x east, y north, z up)."""

    def __init__(self, lat0: float, lon0: float):
        self.lat0, self.lon0 = float(lat0), float(lon0)
        phi, lam = math.radians(lat0), math.radians(lon0)
        self._origin = np.array(_ecef(phi, lam), dtype=np.float64)
        sp, cp, sl, cl = math.sin(phi), math.cos(phi), math.sin(lam), math.cos(lam)
        self._east = np.array([-sl, cl, 0.0])
        self._north = np.array([-sp * cl, -sp * sl, cp])

    def to_local_many(self, lat, lon, height=0.0) -> np.ndarray:
        """Arrays of lat/lon (degrees) and heights -> an (N, 3) float64 array of east, north, up."""
        lat = np.radians(np.asarray(lat, dtype=np.float64))
        lon = np.radians(np.asarray(lon, dtype=np.float64))
        x, y, z = _ecef(lat, lon)
        d = np.stack([x, y, z], axis=-1) - self._origin
        east = d @ self._east
        north = d @ self._north
        up = np.broadcast_to(np.asarray(height, dtype=np.float64), east.shape)
        return np.stack([east, north, up], axis=-1)

    def to_local(self, lat: float, lon: float, height: float = 0.0) -> tuple[float, float, float]:
        e, n, u = self.to_local_many([lat], [lon], [height])[0]
        return float(e), float(n), float(u)

    def to_geodetic_many(self, east, north, up=0.0, *, iterations: int = 6) -> np.ndarray:
        """Inverse of to_local_many: (N, 3) of lat, lon (degrees) and height."""
        east = np.asarray(east, dtype=np.float64)
        north = np.asarray(north, dtype=np.float64)
        lat = np.full(east.shape, math.radians(self.lat0))
        lon = np.full(east.shape, math.radians(self.lon0))
        for _ in range(iterations):
            x, y, z = _ecef(lat, lon)
            d = np.stack([x, y, z], axis=-1) - self._origin
            de = east - d @ self._east
            dn = north - d @ self._north
            sin_lat = np.sin(lat)
            w = np.sqrt(1 - WGS84_E2 * sin_lat * sin_lat)
            prime_vertical = WGS84_A / w
            meridian = WGS84_A * (1 - WGS84_E2) / w**3
            # The tangent-plane axes tilt slowly away from the local ones; Newton's step with the
            # local radii converges in a few iterations over a scene's few kilometres.
            lat = lat + dn / meridian
            lon = lon + de / (prime_vertical * np.cos(lat))
        up = np.broadcast_to(np.asarray(up, dtype=np.float64), east.shape)
        return np.stack([np.degrees(lat), np.degrees(lon), up], axis=-1)

    def to_geodetic(self, east: float, north: float, up: float = 0.0) -> tuple[float, float, float]:
        lat, lon, h = self.to_geodetic_many([east], [north], [up])[0]
        return float(lat), float(lon), float(h)


def within_square(proj: LocalProjection, half_m: float, lat: float, lon: float) -> bool:
    """Whether a place lies in the square of +-half_m metres east and north of the projection's
    origin (a scene's square: `extent_m` around its origin)."""
    e, n, _ = proj.to_local(lat, lon)
    return abs(e) <= half_m and abs(n) <= half_m


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the WGS-84 mean radius (for sanity checks)."""
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))
