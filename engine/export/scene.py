"""`export SCENE [--event ID ...] --out F.glb`: a scene's plan (from the cache, or planned) and the
forced events' overlay layers, written whole as one .glb (engine.export.gltf) or not at all."""
from __future__ import annotations

from pathlib import Path

from engine.errors import UsageError
from engine.export.gltf import ExportSummary, Overlay, scene_glb
from engine.files import atomic_path
from engine.geo import within_square
from engine.settings import Settings
from engine.world.plan.layers import WorldPlan


def chosen_overlays(plan: WorldPlan, event_ids: list[str], scenes_dir: Path) -> list[Overlay]:
    """The named events' layers for this scene, in the order the engine applies them ('none': no
    overlay). An unknown event, or one that does not dress this scene, is the user's mistake."""
    ids = [i for i in event_ids if i != "none"]
    if not ids:
        return []
    from engine.overlays.choose import forced_for_scene, usable_events
    from engine.overlays.plan import overlay_layers
    from engine.overlays.resolve import ordered
    scene = plan.scene
    forced_for_scene(scenes_dir, scene.id, tuple(ids), strict=True)
    events, _ = usable_events(scenes_dir, scene.id)  # only those dressing the scene; a broken one is logged and skipped
    known = {e.id: e for e in events}
    for event_id in ids:
        if event_id not in known:  # its file is there but the event does not load
            raise UsageError(f"no event '{event_id}'; known events: {', '.join(sorted(known)) or 'none'}")
    overlays = []
    for event in ordered([known[i] for i in dict.fromkeys(ids)]):
        layers = overlay_layers(event, scene, plan.projection, plan.facts.ground)
        views = [vp for vp in event.overlay.viewpoints
                 if within_square(plan.projection, scene.extent_m, vp.lat, vp.lon)]
        overlays.append(Overlay(event.id, layers, views))
    return overlays


def export_scene(settings: Settings, scene: str, event_ids: list[str], out: Path, *,
                 per_object: bool = False) -> ExportSummary:
    """The scene as one .glb at `out`. `per_object`: one node per building, tree and landmark,
    planned afresh (the cache holds only the engine's batched plan)."""
    from engine.scene_library import find_scene
    from engine.world.cache import SceneCache
    from engine.world.plans import load_plan
    cache = SceneCache(settings.cache_dir) if settings.use_cache else None
    manifest = find_scene(scene, settings.scenes_dir)
    if per_object:
        from engine.manifest.scene_loader import load_scene
        from engine.world.plan.build import plan_world
        plan = plan_world(load_scene(manifest)[0], manifest, per_object=True)
    else:
        plan, _ = load_plan(manifest, cache)
    data, summary = scene_glb(plan, chosen_overlays(plan, event_ids, settings.scenes_dir))
    with atomic_path(out) as tmp:
        tmp.write_bytes(data)
    return summary
