"""A tour for the web page: run headless in simulated time, as `play --headless` runs it, once per
language (narration sets each step's length, so the timelines differ), and kept as what the page
plays back: the camera's path (tours/<id>.<lang>.json: times, eye points and points looked at, in
the export's glTF axes) and the narration as WebVTT subtitles (tours/<id>.<lang>.vtt).

Questions take their default after their timeout, as on an unattended kiosk; the page shows no
questions, stamps or narration audio yet."""
from __future__ import annotations

import json
from pathlib import Path

from engine.export.gltf import to_y_up
from engine.publish.scene_data import LANGS
from engine.tour.camera_path import ahead
from engine.tour.world import TourWorld

LOOK_AHEAD_M = 50.0  # how far in front of the eye the looked-at point is put (only its direction matters)


def look_point(pos, hpr) -> tuple[float, float, float]:
    """The point LOOK_AHEAD_M in front of a Panda3D pose: heading 0 looks north, positive turns left."""
    forward = ahead(hpr[0], hpr[1])
    return tuple(pos[i] + LOOK_AHEAD_M * forward[i] for i in range(3))


def camera_keys(events: list[dict]) -> list[list[float]]:
    """[t, eye x, y, z, target x, y, z] a camera event, in glTF axes."""
    keys = []
    for event in events:
        if event["type"] == "camera":
            eye, target = to_y_up([event["pos"], look_point(event["pos"], event["hpr"])])
            keys.append([round(event["t"], 2), *(round(float(v), 2) for v in (*eye, *target))])
    return keys


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


def webvtt(events: list[dict]) -> str:
    """The narration lines as WebVTT cues, each shown for its reading time."""
    cues = ["WEBVTT", ""]
    for event in events:
        if event["type"] == "narrate":
            text = event["text"].replace("-->", "->")  # the cue timing's arrow may not appear in its text
            cues += [event["id"], f"{_stamp(event['t'])} --> {_stamp(event['t'] + event['duration'])}", text, ""]
    return "\n".join(cues)


def write_tour_tracks(tour, tour_path: Path, world: TourWorld, folder: Path) -> float:
    """Both languages' tracks of one tour into `folder`; returns the zh run's length in seconds."""
    from engine.tour.headless import run_tour
    folder.mkdir(exist_ok=True)
    lengths = {}
    for lang in LANGS:
        result = run_tour(tour, tour_path, world, lang=lang)
        lengths[lang] = result.duration_s
        track = {"tour": tour.id, "lang": lang, "duration_s": result.duration_s, "finished": result.finished,
                 "camera": camera_keys(result.events)}
        (folder / f"{tour.id}.{lang}.json").write_text(json.dumps(track, separators=(",", ":")), encoding="utf-8")
        (folder / f"{tour.id}.{lang}.vtt").write_text(webvtt(result.events), encoding="utf-8")
    return lengths["zh"]
