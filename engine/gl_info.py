"""What is drawing the frames: the GL renderer's own name (llvmpipe, a real GPU, ...)."""


def renderer_description(base) -> str:
    gsg = base.win.get_gsg() if base.win else None
    if gsg is None:
        return "unknown"
    return f"{gsg.get_driver_vendor()} {gsg.get_driver_renderer()} (GL {gsg.get_driver_version()})"
