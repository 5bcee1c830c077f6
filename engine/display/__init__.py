"""Outputs and input: a Display per kind of screen (base.py says how to add one), the camera rig,
the scene seen through it (scene_view), free navigation, picking, and pointer/keys -> intents."""
