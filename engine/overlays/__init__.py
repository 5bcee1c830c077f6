"""Event overlays: what an event adds to a scene and when, and switching overlays on and off on a
live scene as the injected clock passes their dates (see docs/ARCHITECTURE.md)."""
