"""A tour for the web page: run headless in simulated time, as `play --headless` runs it, per
language (narration sets each step's length, so the timelines differ), and kept as what the page
plays back: tours/<id>.<lang>.json, the tree of its runs, one per way of answering its questions
(engine.publish.tour_tree), each node with its camera keys (times, eye points and points looked at,
in the export's glTF axes), its narration cues (with the site path of their recording, if any:
engine.publish.tour_audio), its sounds and its questions; and the unanswered run's narration as
WebVTT subtitles (tours/<id>.<lang>.vtt).

An unanswered question times out as on an unattended kiosk (engine.tour.time_up), saying the right
answer from the scene's game when it has a quiz of the same id; the page shows no stamps yet."""
from __future__ import annotations

import json
from pathlib import Path

from engine.export.gltf import to_y_up
from engine.publish.scene_data import LANGS
from engine.publish.tour_audio import SiteAudio, SoundsHeard, with_audio
from engine.publish.tour_tree import build_tree, thin_keys
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


def cue_entries(paired: list[tuple[dict, dict | None]], start: float, audio: SiteAudio) -> list[dict]:
    """The narration lines from `start` on (of with_audio's pairs), as the page shows them: {id, start,
    end, text} and the site path of the recording, when there is one the site could take."""
    cues = []
    for event, heard in paired:
        if event["type"] == "narrate" and event["t"] >= start:
            cue = {"id": event["id"], "start": event["t"], "end": round(event["t"] + event["duration"], 3),
                   "text": event["text"]}
            src = audio.add(Path(heard["path"])) if heard else None
            if src:
                cue["audio"] = src
            cues.append(cue)
    return cues


def sound_entries(paired: list[tuple[dict, dict | None]], start: float, audio: SiteAudio) -> list[dict]:
    """The `play_sound` steps from `start` on (of with_audio's pairs): {t, audio, volume}."""
    sounds = []
    for event, heard in paired:
        if event["type"] == "sound" and heard and event["t"] >= start:
            src = audio.add(Path(heard["path"]))
            if src:
                sounds.append({"t": event["t"], "audio": src, "volume": heard["volume"]})
    return sounds


def node_track(result, start: float, audio: SiteAudio) -> dict:
    """One run's track from `start` on; its camera from the last key at or before `start`, so the
    page's interpolation is exact from there."""
    keys = camera_keys(result.events)
    first = max((i for i, key in enumerate(keys) if key[0] <= start), default=0)
    paired = with_audio([e for e in result.events if e["type"] != "camera"])
    return {"duration_s": result.duration_s, "finished": result.finished, "camera": thin_keys(keys[first:]),
            "cues": cue_entries(paired, start, audio), "sounds": sound_entries(paired, start, audio)}


def headless_runs(tour, tour_path: Path, world: TourWorld, lang: str, right_answers: dict | None, kept: list):
    """run(answers) for the tree builder: one headless run, listening for the sounds it plays; the
    unanswered run is also put in `kept` (its subtitles are the .vtt)."""
    from engine.tour.headless import run_tour

    def run(answers: dict):
        heard = SoundsHeard()
        result = run_tour(tour, tour_path, world, lang=lang, answers=answers, stage=heard, on_event=heard.on_event,
                          right_answers=right_answers)
        if not answers:
            kept.append(result)
        return result
    return run


def write_tour_tracks(tour, tour_path: Path, world: TourWorld, folder: Path, audio: SiteAudio | None = None,
                      right_answers: dict | None = None) -> float:
    """Both languages' tracks of one tour into `folder` (the site's tours/; `audio` the site's audio
    files); returns the unanswered zh run's length in seconds."""
    folder.mkdir(exist_ok=True)
    audio = audio or SiteAudio(folder.parent)
    lengths = {}
    for lang in LANGS:
        unanswered: list = []
        nodes = build_tree(headless_runs(tour, tour_path, world, lang, right_answers, unanswered),
                           lambda result, start: node_track(result, start, audio), tour, lang)
        lengths[lang] = nodes[0]["duration_s"]
        track = {"format": 2, "tour": tour.id, "lang": lang, "nodes": nodes}
        (folder / f"{tour.id}.{lang}.json").write_text(json.dumps(track, ensure_ascii=False, separators=(",", ":")),
                                                       encoding="utf-8")
        (folder / f"{tour.id}.{lang}.vtt").write_text(webvtt(unanswered[0].events), encoding="utf-8")
    return lengths["zh"]
