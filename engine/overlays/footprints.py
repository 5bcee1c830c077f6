"""Where an event's props stand, as footprints: what cameras keep clear of, on screen (the props
layer carries them) and in a headless tour (added to the scene's floor). Kept apart from the
planning of meshes, so a headless tour reads them without a mesh library."""
from __future__ import annotations

import numpy as np

from engine.geo import within_square
from engine.manifest.scene_schema import SceneManifest
from engine.overlays.loader import Event
from engine.world.plan.heightfield import Heightfield
from engine.world.plan.plan_facts import landmark_footprint


def props_in(event: Event, scene: SceneManifest, proj) -> list:
    """The event's props that stand inside the scene's square."""
    return [p for p in event.overlay.props
            if within_square(proj, scene.extent_m, *((p.lat, p.lon) if p.lat is not None else tuple(p.path[0])))]


def prop_footprints(props: list, proj, ground: Heightfield) -> np.ndarray:
    """(x, y, radius, top) of each prop."""
    found = [f for f in (landmark_footprint(p, proj, ground) for p in props) if f is not None]
    return np.array(found, dtype=np.float64).reshape(-1, 4)


def event_footprints(events: list[Event], scene: SceneManifest, proj, ground: Heightfield) -> list[np.ndarray]:
    """The footprints of every event's props in this scene, one array an event."""
    return [prop_footprints(props_in(e, scene, proj), proj, ground) for e in events]
