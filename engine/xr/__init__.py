"""VR headset output through OpenXR (pyopenxr, the `vr` extra): runtime discovery and the refusal
(runtime.py), the graphics binding from Panda3D's GL context (binding.py), the session's states
(states.py, pure Python), poses and lenses from OpenXR's coordinates (poses.py), swapchains and the
blit into them (swapchains.py), controllers (actions.py), the frame loop (session.py), the
`Display` the visit runs in (display.py), comfort: how the visitor may move (comfort.py and its
pure parts; locomotion.py, vignette.py and arc_view.py put it on screen), the visit's widgets on a
panel in space (panels.py) and pointing by ray or gaze (pointing.py, pointer_visuals.py).

Above engine.display (it builds on Display and the stereo rig), below engine.play: a visit never
knows it runs in a headset. Nothing here imports `xr` at module level except the modules only
display.py loads, so the pure parts are testable without pyopenxr.
"""
