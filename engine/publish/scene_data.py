"""scene.json, what the web viewer shows besides the model: the scene's name, its POIs as hotspots
with their bilingual cards, its viewpoints and its tours. Read from the same plan, manifests and
tours as the engine and the .glb export, so the page and the kiosk never disagree.

Positions are in the export's glTF axes: (east, up, -north) metres from the scene origin, so a
hotspot sits exactly on the pin drawn in scene.glb."""
from __future__ import annotations

from pathlib import Path

from engine.export.gltf import Overlay, to_y_up, viewpoint_target
from engine.i18n.card_text import card_body
from engine.manifest.common import Text
from engine.manifest.scene_schema import Poi, Viewpoint
from engine.world.plan.anchors import marker_anchor
from engine.world.plan.layers import WorldPlan

LANGS = ("zh", "en")


def bilingual(text: Text) -> dict[str, str]:
    return {lang: getattr(text, lang) for lang in LANGS}


def _point(scene_xyz) -> list[float]:
    return [round(float(v), 3) for v in to_y_up([scene_xyz])[0]]


def poi_entry(poi: Poi, plan: WorldPlan) -> dict:
    return {"id": poi.id, "kind": poi.kind, "name": bilingual(poi.name),
            "card": {lang: card_body(poi, lang) for lang in LANGS},
            "position": _point(marker_anchor(poi, plan.projection, plan.facts.ground))}


def viewpoint_entry(vp: Viewpoint, plan: WorldPlan, pois: dict[str, Poi]) -> dict:
    eye = plan.projection.to_local(vp.lat, vp.lon, vp.height_m)
    return {"id": vp.id, "name": bilingual(vp.name), "position": _point(eye),
            "target": _point(viewpoint_target(vp, plan, pois)), "fov_deg": vp.fov_deg}


def scene_tours(scene_id: str, scripts_dir: Path, scenes_dir: Path, event_ids: list[str]) -> tuple[list[tuple], list[str]]:
    """(tour, path) of each tour of this scene the site can show, and a line for each it cannot: a
    tour of an event (its `event:`) goes only into a site published with that event, whose props
    and people it talks about and steers around. A tour's id begins with its scene's (validation
    checks it), so only those files are read."""
    from engine.tour.loader import load_tour, tour_files
    tours, left_out = [], []
    for path in tour_files(scripts_dir):
        if path.name.startswith(f"{scene_id}-"):
            tour, _, _ = load_tour(path, scenes_dir)
            if tour.scene != scene_id:
                continue
            if tour.event and tour.event not in event_ids:
                left_out.append(f"tour '{tour.id}' shows the event '{tour.event}': publish with --event {tour.event}")
                continue
            tours.append((tour, path))
    return tours, left_out


def tour_entry(tour) -> dict:
    """A tour as the page lists it; its tracks are tours/<id>.<lang>.json and .vtt."""
    return {"id": tour.id, "title": bilingual(tour.title)}


def scene_data(plan: WorldPlan, overlays: list[Overlay], tours: list[dict]) -> dict:
    """The whole of scene.json: the scene's POIs first, then each forced event's, in the order the
    engine applies them; the same for viewpoints."""
    scene = plan.scene
    poi_list = list(scene.pois) + [p for o in overlays for layer in o.layers for p in layer.pois]
    pois = {p.id: p for p in poi_list}
    views = list(scene.viewpoints) + [vp for o in overlays for vp in o.viewpoints]
    return {
        "format": 1,
        "scene": {"id": scene.id, "name": bilingual(scene.name),
                  "origin": {"lat": scene.origin.lat, "lon": scene.origin.lon},
                  "extent_m": scene.extent_m, "axes": "glTF: +X east, +Y up, +Z south; metres",
                  "credits": list(scene.credits)},  # shown on the page: OpenStreetMap's licence asks for it
        "events": [o.event_id for o in overlays],
        "pois": [poi_entry(p, plan) for p in pois.values()],
        "viewpoints": [viewpoint_entry(vp, plan, pois) for vp in views],
        "tours": tours,
    }
