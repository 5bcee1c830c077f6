"""Every shipped tour, run whole in simulated time down every branch, in both languages."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
import yaml

from engine.manifest.scene_loader import load_scene
from engine.settings import PROJECT_ROOT
from engine.tour.checks import walk
from engine.tour.headless import run_tour
from engine.tour.loader import load_tour, tour_files
from engine.tour.time_up import TIME_UP_NO_ANSWER
from engine.tour_worlds import tour_world_of
from tests.tour_checks import (assert_never_inside_buildings, assert_never_underground,
                               assert_smooth_and_comfortable, camera_track, steps_run)

SCENES = PROJECT_ROOT / "scenes"
TOURS = {p.name.removesuffix(".tour.yaml"): p for p in tour_files(PROJECT_ROOT / "scripts")}
TRANSCRIPTS = PROJECT_ROOT / "tests" / "transcripts"

# each test loads its tour, and each tour its scene again
pytestmark = pytest.mark.usefixtures("content_parsed_once")


def test_every_scene_has_a_tour():
    scenes = {p.parent.name for p in SCENES.glob("*/scene.yaml")}
    toured = {name.split("-")[0] for name in TOURS}
    assert scenes <= toured, f"scenes without a tour: {sorted(scenes - toured)}"


@pytest.fixture(scope="module")
def worlds():
    cache = {}

    def world(scene_id):
        if scene_id not in cache:
            scene, _ = load_scene(SCENES / scene_id / "scene.yaml")
            cache[scene_id] = tour_world_of(scene)
        return cache[scene_id]
    return world


def answer_plans(tour):
    """One plan per option of every question (other questions left to their defaults)."""
    plans = [{}]
    for _, step in walk(tour.steps):
        if step.choice:
            plans += [{step.choice.id: option.id} for option in step.choice.options]
    return plans


@pytest.mark.parametrize("name", sorted(TOURS))
def test_tour_validates_cleanly_and_names_its_schema(name):
    path = TOURS[name]
    assert path.read_text(encoding="utf-8").splitlines()[0] == \
        "# yaml-language-server: $schema=../schemas/tour.schema.json"
    tour, _, warnings = load_tour(path, SCENES)
    assert [w.format() for w in warnings] == []


@pytest.mark.parametrize("name, lang", list(itertools.product(sorted(TOURS), ["zh", "en"])))
def test_tour_runs_to_the_end_down_every_branch(name, lang, worlds):
    path = TOURS[name]
    tour, _, _ = load_tour(path, SCENES)
    world = worlds(tour.scene)
    texts = {s.narrate.id: getattr(s.narrate, lang) for _, s in walk(tour.steps) if s.narrate}
    ran = set()
    for plan in answer_plans(tour):
        result = run_tour(tour, path, world, lang=lang, answers=plan)
        assert result.finished
        events = result.events
        assert 3 * 60 <= result.duration_s <= 8 * 60, f"{result.duration_s:.0f} s is not a 3-8 minute tour"
        ran |= set(steps_run(events))
        for e in (e for e in events if e["type"] == "narrate"):
            if e["id"].endswith(".time_up"):  # an unanswered question's neutral line, never praise
                assert e["lang"] == lang and e["text"].startswith(TIME_UP_NO_ANSWER[lang].rstrip("。."))
                continue
            assert e["lang"] == lang and e["text"] == texts[e["id"]]
        for question, option in plan.items():  # the branch taken is the option picked, by id
            chosen = next(e for e in events if e["type"] == "choice" and e["id"] == question)
            assert chosen["option"] == option and chosen["by"] == "visitor"
        _assert_reaches_targets(tour, world, events)
        assert_never_underground(events, world)
        assert_never_inside_buildings(events, world)
        assert_smooth_and_comfortable(events)
    top_level = {s.id for s in tour.steps}
    assert top_level <= ran, f"steps never run on any branch: {sorted(top_level - ran)}"
    assert events[-1]["type"] == "tour_end"


def _assert_reaches_targets(tour, world, events):
    t, pos, _ = camera_track(events)
    ends = {}
    for e in events:
        if e["type"] == "step_end":
            ends.setdefault(e["step"], e["t"])
    for _, step in walk(tour.steps):
        if not step.fly_to:
            continue
        owner = next((s.id for s in tour.steps if s is step or (s.parallel and step in s.parallel)), None)
        if owner not in ends:
            continue  # a branch this run did not take
        at = pos[min(np.searchsorted(t, ends[owner]), len(pos) - 1)]
        target = step.fly_to.target
        if target in world.viewpoints:
            eye, _ = world.viewpoint_pose(target)
            assert np.linalg.norm(at - eye) < 2.0, f"{step.id}: camera {np.linalg.norm(at - eye):.0f} m from {target}"
        else:
            reach = np.hypot(step.fly_to.distance_m or 120.0, step.fly_to.height_m or 60.0) + 30.0
            assert np.linalg.norm(at - world.poi_point(target)) < reach, f"{step.id}: never came near {target}"


@pytest.mark.parametrize("name", sorted(TOURS))
def test_transcript_replays(name, worlds):
    """Expected narrations and choices, by id and in order, for each recorded path through the tour."""
    path = TRANSCRIPTS / f"{name}.transcript.yaml"
    assert path.is_file(), f"no transcript for {name}: write {path.relative_to(PROJECT_ROOT)}"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    tour, _, _ = load_tour(TOURS[name], SCENES)
    for case in spec["runs"]:
        result = run_tour(tour, TOURS[name], worlds(tour.scene), lang=spec.get("lang", "zh"),
                          answers=case.get("answers", {}))
        got = []
        for e in result.events:
            if e["type"] == "narrate":
                got.append(f"narrate {e['id']}")
            elif e["type"] == "choice":
                got.append(f"choice {e['id']}={e['option']}")
        assert got == case["expect"], f"{name}, answers {case.get('answers')}"
