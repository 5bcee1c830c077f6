"""`publish SCENE [--event ID ...] --out DIR`: the scene as a self-contained static web site, written
into a temporary folder and moved into place whole (engine.files.atomic_folder).

The folder: index.html (strict CSP), style.css, viewer.js (the viewer and three.js, one script),
fonts/ (the engine's own UI font with its licence: the page's text looks the same on every
machine and needs no font from elsewhere),
scene.glb (the export's model, meshopt-compressed when that is smaller) and scene.json (names,
hotspots with their cards, viewpoints, tours: engine.publish.scene_data), and tours/ with each
tour's tracks per language, a tree of runs for its questions, and subtitles (engine.publish.tour_tracks),
audio/ with the recordings they play (engine.publish.tour_audio), and the souvenir verification
page: verify.html, verify.css, verify.js and keys.json (engine.publish.verify_page)."""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from engine.export.gltf import scene_glb
from engine.export.scene import chosen_overlays
from engine.errors import UsageError
from engine.files import atomic_folder
from engine.manifest.gltf_container import read_gltf
from engine.publish.page import index_html
from engine.publish.tour_audio import SiteAudio
from engine.publish.scene_data import scene_data, scene_tours, tour_entry
from engine.publish.tour_tracks import write_tour_tracks
from engine.publish.verify_page import keys_json, site_keys, verify_html
from engine.publish.web_tools import VERIFIER, VIEWER, WebTools
from engine.settings import UI_FONT, Settings
from engine.souvenir.keys import Keyring

@dataclass
class SiteSummary:
    sizes: dict[str, int] = field(default_factory=dict)  # each file's path in the site -> bytes
    glb_bytes_before: int = 0  # the export's model before compression
    pois: int = 0
    viewpoints: int = 0
    tours: int = 0
    keys: list[str] = field(default_factory=list)  # the installations' key ids the verification page trusts
    left_out: list[str] = field(default_factory=list)


def is_published_site(folder: Path) -> bool:
    """An earlier publish's output, which a new one may replace."""
    return all((folder / name).is_file() for name in ("index.html", "scene.json", "viewer.js"))


def write_model(tools: WebTools, data: bytes, site: Path) -> None:
    """scene.glb: the export with its textures as WebP (only a model baked from an author's glTF has
    any) and its geometry meshopt-compressed, each step kept only where it makes the file smaller:
    a step that does not help is not worth a decoder pass in every visitor's browser."""
    raw = site / "scene.raw.glb"
    raw.write_bytes(data)
    best = raw
    if read_gltf(raw)[0].get("images"):
        webp = site / "scene.webp.glb"
        tools.webp(raw, webp)
        best = webp if webp.stat().st_size < raw.stat().st_size else raw
    tools.meshopt(best, site / "scene.glb")
    if (site / "scene.glb").stat().st_size >= best.stat().st_size:
        best.replace(site / "scene.glb")
    for step in (raw, site / "scene.webp.glb"):
        step.unlink(missing_ok=True)


def published_events(settings: Settings, scene_id: str, event_ids: list[str]) -> list:
    """The published events (engine.overlays.loader.Event), read once for the tours' world and game."""
    if not event_ids:
        return []
    from engine.overlays.choose import usable_events
    return [e for e in usable_events(settings.scenes_dir, scene_id)[0] if e.id in event_ids]


def published_tour_world(manifest: Path, cache, events: list):
    """The tour world a headless visit uses (engine.visit), dressed with the published events' props
    so the camera keeps clear of them as on screen."""
    from engine.overlays.footprints import event_footprints
    from engine.tour_worlds import tour_world
    if not events:
        return tour_world(manifest, cache)
    return tour_world(manifest, cache, dressed_by=lambda scene, facts: event_footprints(
        events, scene, facts.projection, facts.ground))


def quiz_answers(settings: Settings, manifest: Path, scene, events: list) -> dict[str, str]:
    """Question id -> its right option, from the game a visit would play (the scene's joined by the
    published events', engine.overlays.game_dress): a question left to time out on the page says its
    answer as on the kiosk."""
    from engine.game.session import game_for
    from engine.overlays.game_dress import dressed_game
    content, _ = dressed_game(game_for(manifest, settings.scenes_dir), scene, events)
    return {q.id: q.answer for q in content.quizzes} if content is not None else {}


def publish_site(settings: Settings, find_tools: Callable[[], WebTools], scene: str, event_ids: list[str],
                 out: Path, key_files: list[Path] = ()) -> SiteSummary:
    """`find_tools` is asked once the scene and events are known good: the user's own mistakes are
    said first (exit 2), a machine without the tools after (exit 3), both before anything is written."""
    from engine.scene_library import find_scene
    from engine.world.cache import SceneCache
    from engine.world.plans import load_plan
    manifest = find_scene(scene, settings.scenes_dir)
    cache = SceneCache(settings.cache_dir) if settings.use_cache else None
    plan, _ = load_plan(manifest, cache)
    overlays = chosen_overlays(plan, event_ids, settings.scenes_dir)  # an unknown event: exit 2, nothing written
    event_ids = [o.event_id for o in overlays]  # known and dressing this scene, in the order applied
    tours, tours_left_out = scene_tours(plan.scene.id, settings.scripts_dir, settings.scenes_dir, event_ids)
    data = scene_data(plan, overlays, [tour_entry(tour) for tour, _ in tours])
    try:
        keys = site_keys(Keyring(settings.data_dir), list(key_files))
    except ValueError as exc:  # a --key file that holds no public key
        raise UsageError(f"--key: {exc}") from None
    tools = find_tools()
    glb, export = scene_glb(plan, overlays)
    with atomic_folder(out, replaceable=is_published_site) as site:
        (site / "index.html").write_text(index_html(plan.scene.name.zh), encoding="utf-8")
        shutil.copyfile(VIEWER / "style.css", site / "style.css")
        (site / "fonts").mkdir()
        for font_file in (UI_FONT, UI_FONT.with_name("OFL.txt")):  # the SIL OFL travels with the font
            shutil.copyfile(font_file, site / "fonts" / font_file.name)
        tools.bundle_viewer(site / "viewer.js")
        (site / "verify.html").write_text(verify_html(plan.scene.name.zh), encoding="utf-8")
        shutil.copyfile(VERIFIER / "verify.css", site / "verify.css")
        tools.bundle_verifier(site / "verify.js")
        (site / "keys.json").write_text(json.dumps(keys_json(keys), indent=1), encoding="utf-8")
        (site / "scene.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        write_model(tools, glb, site)
        if tours:
            events = published_events(settings, plan.scene.id, event_ids)
            world = published_tour_world(manifest, cache, events)
            answers = quiz_answers(settings, manifest, plan.scene, events)
            audio = SiteAudio(site)
            for tour, path in tours:
                write_tour_tracks(tour, path, world, site / "tours", audio, answers)
        sizes = {str(path.relative_to(site)): path.stat().st_size for path in sorted(site.rglob("*")) if path.is_file()}
    return SiteSummary(sizes, len(glb), len(data["pois"]), len(data["viewpoints"]), len(data["tours"]),
                       sorted(keys), tours_left_out + export.left_out)
