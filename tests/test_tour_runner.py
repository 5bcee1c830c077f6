"""The tour interpreter on the test islet: flow, branches, visitor controls, camera quality."""
from __future__ import annotations

import numpy as np
import pytest

from engine.errors import StepNotReached
from engine.manifest.scene_loader import load_scene
from engine.tour.headless import run_tour
from engine.tour.loader import load_tour
from engine.tour.runner import TourRunner
from engine.tour_worlds import tour_world_of
from tests.conftest import DATA
from tests.tour_checks import assert_never_underground, assert_smooth_and_comfortable, camera_track, steps_run

SCENES = DATA / "scenes"
TOUR = DATA / "tours" / "islet-basics.tour.yaml"


@pytest.fixture(scope="module")
def islet():
    tour, _, warnings = load_tour(TOUR, SCENES)
    assert warnings == []
    scene, _ = load_scene(SCENES / "islet" / "scene.yaml")
    return tour, tour_world_of(scene)


def run(islet, **kwargs):
    tour, world = islet
    return run_tour(tour, TOUR, world, **kwargs)


def test_a_whole_run_follows_the_script(islet):
    result = run(islet, lang="en", answers={"quiz_chapel": "white"})
    assert result.finished
    events = result.events
    assert events[0]["type"] == "tour_start" and events[-1]["type"] == "tour_end"
    assert steps_run(events) == ["arrive", "welcome", "to_summit", "around", "face_chapel", "quiz", "right",
                                 "skip_wrong", "chapel_visit", "chapel_card", "pulse", "dusk", "pause_a_moment",
                                 "back_up", "roam"]
    lines = [e for e in events if e["type"] == "narrate"]
    assert [e["text"] for e in lines][:2] == ["Welcome to the islet.", "This is the islet's highest point."]
    assert all(e["lang"] == "en" for e in lines)
    # every event inside a step names it; times never run backwards
    assert all("step" in e for e in events if e["type"] in ("narrate", "card", "choice", "action", "step_end"))
    times = [e["t"] for e in events]
    assert times == sorted(times)


def test_choices_branch_by_option_id_and_time_out_to_the_default(islet):
    wrong = run(islet, answers={"quiz_chapel": "red"}).events
    assert "wrong" in steps_run(wrong) and "right" not in steps_run(wrong)
    unattended = run(islet).events
    choice = next(e for e in unattended if e["type"] == "choice")
    assert (choice["option"], choice["by"]) == ("white", "timeout")
    question = next(e for e in unattended if e["type"] == "question")
    assert choice["t"] - question["t"] == pytest.approx(20.0, abs=0.11)


def test_chinese_run_shows_chinese_text(islet):
    lines = [e for e in run(islet, lang="zh").events if e["type"] == "narrate"]
    assert lines[0]["text"] == "欢迎来到小岛。" and lines[0]["lang"] == "zh"


def test_camera_is_smooth_comfortable_and_above_ground(islet):
    events = run(islet).events
    assert_smooth_and_comfortable(events)
    assert_never_underground(events, islet[1])


def test_camera_reaches_what_it_flies_to(islet):
    tour, world = islet
    events = run(islet).events
    t, pos, _ = camera_track(events)
    ends = {e["step"]: e["t"] for e in events if e["type"] == "step_end"}
    eye, _ = world.viewpoint_pose("above")
    assert np.linalg.norm(pos[np.searchsorted(t, ends["arrive"])] - eye) < 1.0
    summit = world.poi_point("summit")
    at = pos[np.searchsorted(t, ends["to_summit"])]
    assert np.linalg.norm(at[:2] - summit[:2]) == pytest.approx(150, abs=5)  # distance_m


def test_a_fast_turn_is_stretched_to_the_comfort_limit_and_logged(islet):
    comfort = [e for e in run(islet).events if e["type"] == "comfort"]
    assert comfort and all(e["used_s"] > e["authored_s"] for e in comfort)


def test_pause_skip_back_and_roaming(islet):
    tour, world = islet
    events = []
    runner = TourRunner(tour, world, log=events.append, lang="en")
    runner.start()
    for _ in range(20):
        runner.tick(0.1)
    runner.pause()
    t_paused = runner.state.t
    for _ in range(50):
        runner.tick(0.1)
    assert runner.state.t == t_paused and steps_run(events) == ["arrive"]
    runner.resume()
    runner.skip()  # the flight ends at once, the welcome line starts
    assert steps_run(events) == ["arrive", "welcome"]
    eye, _ = world.viewpoint_pose("above")
    assert np.linalg.norm(runner.pose.pos - eye) < 1e-6
    runner.back()  # to the flight again
    assert steps_run(events)[-1] == "arrive"
    runner.skip()
    runner.leave()
    for _ in range(30):
        runner.tick(0.1)
    assert steps_run(events)[-1] == "welcome"  # roaming: the tour waits
    from engine.tour.camera_path import Pose
    runner.rejoin(Pose(np.array([0.0, -300.0, 80.0]), 0.0, -10.0))
    assert steps_run(events)[-1] == "welcome" and [e["type"] for e in events].count("rejoin") == 1
    while not runner.state.finished:
        if runner.pending_choice is not None:
            runner.answer("red")
        runner.tick(0.1)
    assert "wrong" in steps_run(events)


def test_from_step_fast_forwards_to_the_state_a_visitor_would_have(islet):
    full = run(islet).events
    tail = run(islet, from_step="chapel_visit").events
    assert tail[0]["type"] == "fast_forward" and steps_run(tail)[0] == "chapel_visit"
    start_full = next(e for e in full if e["type"] == "step_start" and e["step"] == "chapel_visit")
    assert tail[0]["t"] == start_full["t"]  # simulated time already spent on the earlier steps
    # the camera starts where the earlier steps left it
    before = [e for e in full if e["type"] == "camera" and e["t"] <= start_full["t"]][-1]
    assert tail[1]["pos"] == before["pos"]
    with pytest.raises(StepNotReached, match="never reached"):
        run(islet, from_step="wrong")  # unattended, the quiz takes 'white' and skips 'wrong'


def test_a_saved_position_whose_step_is_gone_resumes_at_its_section(islet):
    tour, world = islet
    events = []
    runner = TourRunner(tour, world, log=events.append)
    runner.start(at=[s.id for s in tour.steps].index("chapel_card"))
    saved = runner.saved_position()
    assert saved == {"tour": "islet-basics", "step": "chapel_card", "section": "chapel_section"}
    # the content changes: that step is renamed; the section's label stays
    edited = tour.model_copy(update={"steps": [s.model_copy(update={"id": "chapel_info"}) if s.id == "chapel_card"
                                               else s for s in tour.steps]})
    events = []
    TourRunner(edited, world, log=events.append).start(resume=saved)
    notice = next(e for e in events if e["type"] == "notice")
    assert "chapel_section" in notice["text"]
    assert steps_run(events)[0] == "chapel_visit"  # the start of the section, not a dead end
    events = []
    TourRunner(edited, world, log=events.append).start(resume={"step": "gone", "section": "gone_too"})
    assert steps_run(events)[0] == "arrive"


class RecordingStage:
    """Remembers what the tour asked the stage to do."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *args: self.calls.append((name, args))


def test_time_of_day_fades_over_its_duration_and_the_stage_hears_everything(islet):
    tour, world = islet
    stage = RecordingStage()
    run_tour(tour, TOUR, world, stage=stage, lang="en")
    hours = [args[0] for name, args in stage.calls if name == "time_of_day"]
    assert hours[0] > world.scene.sky.time_of_day and hours[-1] == pytest.approx(18.0)
    assert len(hours) >= 15 and hours == sorted(hours)  # a fade over 2 s at 10 ticks a second
    subtitles = [args[0] for name, args in stage.calls if name == "subtitle"]
    assert "Welcome to the islet." in subtitles and None in subtitles  # shown, then cleared
    assert ("card", ("chapel",)) in stage.calls and ("card", (None,)) in stage.calls
    assert ("highlight", ("chapel", 3)) in stage.calls
    assert any(name == "camera" for name, _ in stage.calls)


def test_narration_audio_found_by_convention_sets_the_line_length(islet, tmp_path):
    import shutil
    import wave
    tour, world = islet
    path = tmp_path / "islet-basics.tour.yaml"
    shutil.copy(TOUR, path)
    audio = tmp_path / "audio" / "islet-basics" / "welcome_line.en.wav"
    audio.parent.mkdir(parents=True)
    with wave.open(str(audio), "wb") as f:  # 3 s of silence, 16 kHz mono
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(16000)
        f.writeframes(b"\0\0" * 48000)
    stage = RecordingStage()
    events = run_tour(tour, path, world, lang="en", stage=stage).events
    welcome = next(e for e in events if e["type"] == "narrate" and e["id"] == "welcome_line")
    assert welcome["duration"] == pytest.approx(3.8, abs=0.01)  # the recording plus a breath
    assert ("sound", (audio.resolve(), 1.0)) in stage.calls
    chinese = run_tour(tour, path, world, lang="zh").events  # no zh recording: read from text
    line = next(e for e in chinese if e["type"] == "narrate" and e["id"] == "welcome_line")
    assert line["duration"] == pytest.approx(6 / 4.5 + 0.8, abs=0.01)  # six characters at 4.5 a second


@pytest.mark.parametrize("heading_deg, side", [(90.0, (-1, 0)), (180.0, (0, 1)), (-90.0, (1, 0)), (0.0, (0, -1))])
def test_fly_to_a_poi_arrives_facing_the_heading_asked_for(islet, heading_deg, side):
    """heading_deg: the camera ends on the POI's far side from that bearing, facing along it (90: it
    faces east, so it stands west of the POI), whichever side it came from."""
    from engine.tour.schema import Tour
    _, world = islet
    text = {"zh": "测试", "en": "Test"}
    tour = Tour.model_validate({"id": "heading", "scene": "islet", "title": text, "summary": text, "duration_min": 1,
                                "steps": [{"id": "go", "fly_to": {"target": "summit", "heading_deg": heading_deg,
                                                                  "distance_m": 100.0}}]})
    camera = [e for e in run_tour(tour, TOUR, world).events if e["type"] == "camera"][-1]
    poi = world.poi_point("summit")
    offset = np.asarray(camera["pos"][:2]) - poi[:2]
    assert np.allclose(offset / np.hypot(*offset), side, atol=0.02), offset
    assert np.hypot(*offset) == pytest.approx(100.0, abs=1.0)
    # the view's heading is counter-clockwise from north: facing bearing b is heading -b
    assert abs((camera["hpr"][0] + heading_deg + 180) % 360 - 180) < 2.0, camera["hpr"]
