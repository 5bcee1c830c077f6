"""How a placed model is scaled to its manifest's size_m: shared by the node stage (which measures
the loaded model) and the glTF export (which measures the model file's own vertices). Pure."""
from __future__ import annotations


def fit_factors(extent, size_m: tuple[float, float, float]) -> tuple[float, float, float]:
    """The scale along east, north and up that makes a model of this extent (after its heading is
    applied) measure `size_m` metres. A flat model (no extent along an axis) keeps the smallest of
    the other factors there, so it is not stretched to nothing."""
    factors = [size / extent[i] if extent[i] > 1e-6 else None for i, size in enumerate(size_m)]
    known = [f for f in factors if f is not None] or [1.0]
    return tuple(f if f is not None else min(known) for f in factors)
