"""What is drawing the frames: the GL renderer's own name (llvmpipe, a real GPU, ...), and the
lighting path that suits it (`choose_quality`, pure: it reads only the name)."""
from __future__ import annotations

QUALITIES = ("auto", "fast", "pbr")
# Renderers that draw on the CPU: PBR with shadows takes 0.45-0.9 s a 1080p frame there (docs/PERFORMANCE.md).
SOFTWARE_RENDERERS = ("llvmpipe", "softpipe", "swiftshader", "software rasterizer", "microsoft basic render",
                      "swrast", "lavapipe")


def renderer_description(base) -> str:
    gsg = base.win.get_gsg() if base.win else None
    if gsg is None:
        return "unknown"
    return f"{gsg.get_driver_vendor()} {gsg.get_driver_renderer()} (GL {gsg.get_driver_version()})"


def is_software_renderer(renderer: str) -> bool:
    name = renderer.lower()
    return any(soft in name for soft in SOFTWARE_RENDERERS)


def choose_quality(requested: str, renderer: str) -> tuple[str, str]:
    """(the lighting path, why): `fast` (fixed-function lights, baked looks) or `pbr` (simplepbr
    with the sun's shadows). auto: fast on a software renderer (or one whose name is unknown), pbr
    on a GPU."""
    if requested not in QUALITIES:
        raise ValueError(f"unknown quality '{requested}' (one of {', '.join(QUALITIES)})")
    if requested == "fast":
        return "fast", "asked for"
    if requested == "pbr":
        return "pbr", "asked for"
    if renderer.strip().lower() in ("", "unknown"):
        return "fast", "auto: the renderer is unknown"
    if is_software_renderer(renderer):
        return "fast", "auto: software renderer"
    return "pbr", "auto: GPU renderer"
