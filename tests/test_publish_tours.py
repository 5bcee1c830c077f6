"""A published tour plays as the kiosk does: its questions as buttons with a countdown, an answer
taking its option's branch, a timeout the default's time-up line; its recordings from the site.

The tree builder is tested on its own (headless runs of the islet's quiz tour, no browser); the page
in Debian's Chromium on tests/web_site.py's fixtures, with tests/data/web_tours/islet-questions, a
tour whose first question comes 1.6 s in and times out after 6 s (Playwright's click waits for a
few of a software-rendered page's frames: a second or two)."""
from __future__ import annotations

import hashlib
import json
import time

import pytest

from engine.manifest.scene_loader import load_scene
from engine.publish.tour_audio import SiteAudio
from engine.publish.tour_tracks import headless_runs, node_track
from engine.publish.tour_tree import build_tree, thin_keys
from engine.tour.loader import load_tour
from engine.tour.time_up import time_up_text
from engine.tour_worlds import tour_world_of
from tests.conftest import DATA
from tests.web_site import SCENES, wait_until

TOURS = DATA / "web_tours"
TOUR_ID = "islet-questions"
TOUR_PATH = TOURS / f"{TOUR_ID}.tour.yaml"
RECORDING = TOURS / "voice" / "welcome.wav"
RIGHT = {"quiz_chapel": "white", "quiz_hill": "m40"}  # the islet game's quizzes (tests/data/scenes/islet/game.yaml)


@pytest.fixture(scope="module")
def islet_quiz():
    tour, _, _ = load_tour(TOUR_PATH, SCENES)
    scene, _ = load_scene(SCENES / "islet" / "scene.yaml")
    return tour, tour_world_of(scene)


def _steps(tour) -> dict:
    return {s.id: s for s in tour.steps} | {p.id: p for s in tour.steps for p in (s.parallel or [])}


def _tree(tour, world, site, lang="en", max_runs=32):
    runs = []
    run = headless_runs(tour, TOUR_PATH, world, lang, RIGHT, [])

    def counted(answers):
        runs.append(answers)
        return run(answers)

    audio = SiteAudio(site)
    return build_tree(counted, lambda result, start: node_track(result, start, audio), tour, lang, max_runs), runs


# --- the tree of runs ------------------------------------------------------------------------------

def test_every_way_of_answering_is_a_node_and_a_branch_starts_with_its_options_line(islet_quiz, tmp_path):
    tour, world = islet_quiz
    nodes, runs = _tree(tour, world, tmp_path)
    # nobody answers; each of the 2 answers to the first question; each of the second's with the first
    # timed out; each of the second's after each answer to the first: 1 + 2 + 2 + 4
    assert len(nodes) == len(runs) == 9
    root = nodes[0]
    assert [q["id"] for q in root["questions"]] == ["quiz_chapel", "quiz_hill"]
    chapel = root["questions"][0]
    assert chapel["options"] == [{"id": "white", "text": "White"}, {"id": "red", "text": "Red"}]
    assert (chapel["timeout_s"], chapel["default"]) == (6.0, "white")
    steps = _steps(tour)
    red = nodes[chapel["branches"]["red"]]
    assert red["start"] == chapel["t"]
    assert red["cues"][0]["text"] == steps["wrong_line_step"].narrate.en  # the option's own narration first
    assert nodes[chapel["branches"]["white"]]["cues"][0]["text"] == steps["right"].narrate.en
    # the unanswered run says the answer and goes on past both branches, as on the kiosk
    said = [c["text"] for c in root["cues"]]
    assert time_up_text(steps["quiz"], "white", "en") in said
    assert steps["right"].narrate.en not in said and steps["wrong_line_step"].narrate.en not in said
    # a node starts where it leaves its parent: the shared part is not repeated
    assert all(c["start"] >= red["start"] for c in red["cues"]) and red["camera"][0][0] <= red["start"]
    assert [q["id"] for q in red["questions"]] == ["quiz_hill"]


def test_past_the_cap_deeper_questions_only_time_out(islet_quiz, tmp_path):
    tour, world = islet_quiz
    nodes, runs = _tree(tour, world, tmp_path, max_runs=5)
    assert len(nodes) == len(runs) == 5  # the root and both questions of the unanswered run
    assert all(not node["questions"] for node in nodes[1:])
    nodes, _ = _tree(tour, world, tmp_path, max_runs=4)  # the second question's options no longer fit whole
    assert len(nodes) == 3 and [q["id"] for q in nodes[0]["questions"]] == ["quiz_chapel"]


def _pose_at(keys, t):
    """The camera keys interpolated as the page does."""
    b = next(i for i, k in enumerate(keys) if k[0] >= t or i == len(keys) - 1)
    a = max(b - 1, 0)
    u = (t - keys[a][0]) / (keys[b][0] - keys[a][0]) if keys[b][0] > keys[a][0] else 0.0
    return [keys[a][i] + (keys[b][i] - keys[a][i]) * min(max(u, 0.0), 1.0) for i in range(1, 7)]


def test_a_branch_starts_where_its_parent_stands_at_the_question(islet_quiz, tmp_path):
    tour, world = islet_quiz
    nodes, _ = _tree(tour, world, tmp_path)
    root = nodes[0]
    question = root["questions"][0]
    child = nodes[question["branches"]["red"]]
    assert _pose_at(child["camera"], question["t"]) == pytest.approx(_pose_at(root["camera"], question["t"]), abs=0.1)
    assert _pose_at(child["camera"], child["duration_s"]) != \
        pytest.approx(_pose_at(root["camera"], child["duration_s"]), abs=1)  # the red branch turned to the chapel


def test_thinning_keeps_the_corners_and_drops_what_a_straight_line_gives():
    line = [[t / 10, t, 0, 0, t, 0, -50] for t in range(50)]
    assert thin_keys(line) == [line[0], line[-1]]
    corner = line[:25] + [[2.5 + t / 10, 24, t + 1, 0, 24, t + 1, -50] for t in range(25)]
    assert thin_keys(corner) == [corner[0], corner[24], corner[-1]]
    wobble = [[t / 10, t, 0.2 * (t % 2), 0, t, 0, -50] for t in range(10)]
    assert len(thin_keys(wobble)) == 10  # over the tolerance: every key stays


def test_the_site_holds_each_recording_once_under_its_content_hash(published):
    site = published("islet", scripts=TOURS)
    digest = hashlib.sha256(RECORDING.read_bytes()).hexdigest()[:16]
    assert sorted(p.name for p in (site / "audio").iterdir()) == [f"{digest}.wav"]  # narration twice, sound once
    assert (site / "audio" / f"{digest}.wav").read_bytes() == RECORDING.read_bytes()
    for lang in ("zh", "en"):
        text = (site / "tours" / f"{TOUR_ID}.{lang}.json").read_text(encoding="utf-8")
        assert "voice/" not in text and str(TOURS) not in text  # no author's path reaches the site
        root = json.loads(text)["nodes"][0]
        assert root["cues"][0]["audio"] == f"audio/{digest}.wav"
        assert [s["audio"] for s in root["sounds"]] == [f"audio/{digest}.wav"]
        vtt = (site / "tours" / f"{TOUR_ID}.{lang}.vtt").read_text(encoding="utf-8")
        assert vtt.startswith("WEBVTT\n\nwelcome_line\n00:00:00.000 --> ") and "audio" not in vtt


# --- in a real browser -----------------------------------------------------------------------------

QUESTION_SHOWN = "!document.querySelector('#question').hidden"
# Notes the first time the tour's clock goes back ([from, to], seconds), as an answer sets it to its question's time.
CLOCK_WATCH = """() => { let last = window.ludao.tourTime(); window.clockWentBack = null;
    const watch = setInterval(() => { const t = window.ludao.tourTime();
        if (t !== null && t < last) { window.clockWentBack = [last, t]; clearInterval(watch); } last = t; }, 20); }"""
SMALL = {"width": 800, "height": 450}  # software rendering draws a tour's frames faster, and the page answers sooner


def _start(open_site, site, lang):
    page, origin, requested = open_site(site, viewport=SMALL)
    if lang == "en":
        page.click("#lang")
    page.click(f'#tours button[data-tour="{TOUR_ID}"]')
    wait_until(page, QUESTION_SHOWN, 10, "the question did not appear")
    return page, origin, requested


def _panel(page) -> dict:
    return page.evaluate("""() => ({
        prompt: document.querySelector('#question-prompt').textContent,
        options: [...document.querySelectorAll('#question-options button')].map(b => [b.dataset.option, b.textContent]),
        focused: document.activeElement.dataset.option || null,
        time: document.querySelector('#question-time').textContent,
        t: window.ludao.tourTime()})""")


def _subtitle_becomes(page, text: str, timeout_s: float = 8) -> None:
    wait_until(page, f"document.querySelector('#subtitle').textContent === {json.dumps(text)}", timeout_s,
               f"the subtitle never said {text!r}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_question_shows_its_options_and_a_click_takes_that_branch(published, open_site, islet_quiz, lang):
    tour, _ = islet_quiz
    steps = _steps(tour)
    quiz = steps["quiz"].choice
    site = published("islet", scripts=TOURS)
    question_t = json.loads((site / "tours" / f"{TOUR_ID}.{lang}.json").read_text(encoding="utf-8"))[
        "nodes"][0]["questions"][0]["t"]
    page, _, _ = _start(open_site, site, lang)
    shown = _panel(page)
    assert question_t <= shown["t"] < question_t + 1  # on time, by the page's own clock
    assert shown["prompt"] == getattr(quiz.prompt, lang)
    assert shown["options"] == [[o.id, getattr(o.text, lang)] for o in quiz.options]
    assert shown["focused"] == "white"  # the first option takes focus
    assert shown["time"] in ({"zh": "还剩 6 秒", "en": "6 s left"}[lang], {"zh": "还剩 5 秒", "en": "5 s left"}[lang])
    assert page.get_attribute("#question", "role") == "group"
    assert page.get_attribute("#question", "aria-labelledby") == "question-prompt"
    assert page.get_attribute("#question-prompt", "aria-live") == "polite"
    page.evaluate(CLOCK_WATCH)
    page.click('#question-options button[data-option="red"]')
    _subtitle_becomes(page, getattr(steps["wrong_line_step"].narrate, lang), 3)
    assert not page.is_visible("#question")
    went_back = page.evaluate("window.clockWentBack")  # the child's track lines up at the question's time
    assert went_back and went_back[1] < went_back[0] and went_back[1] == pytest.approx(question_t, abs=0.5)
    page.close()


def test_the_options_answer_by_keyboard_and_escape_skips_nothing(published, open_site, islet_quiz):
    tour, _ = islet_quiz
    steps = _steps(tour)
    page, _, _ = _start(open_site, published("islet", scripts=TOURS), "en")
    page.keyboard.press("Escape")
    assert page.is_visible("#question") and _panel(page)["focused"] == "white"
    page.keyboard.press("Tab")
    assert _panel(page)["focused"] == "red"
    page.keyboard.press("Enter")
    _subtitle_becomes(page, steps["wrong_line_step"].narrate.en, 3)
    page.close()


def test_an_unanswered_question_times_out_along_the_default(published, open_site, islet_quiz):
    tour, _ = islet_quiz
    steps = _steps(tour)
    page, _, _ = _start(open_site, published("islet", scripts=TOURS), "zh")
    wait_until(page, "document.querySelector('#question-time').textContent === '还剩 1 秒'", 7,
               "the countdown did not count down")
    said = set()
    deadline = time.monotonic() + 8
    while steps["to_hill"].narrate.zh not in said:  # past the question, to where the branches meet
        assert time.monotonic() < deadline, f"the tour did not go on after the timeout: {said}"
        said.add(page.text_content("#subtitle"))
        time.sleep(0.05)
    assert time_up_text(steps["quiz"], RIGHT["quiz_chapel"], "zh") in said  # the kiosk's line, the game's answer
    assert steps["right"].narrate.zh not in said and steps["wrong_line_step"].narrate.zh not in said
    page.close()


def test_the_recording_plays_from_the_site(published, open_site):
    site = published("islet", scripts=TOURS)
    page, origin, requested = open_site(site, viewport=SMALL)
    page.click(f'#tours button[data-tour="{TOUR_ID}"]')
    wait_until(page, "!!document.querySelector('audio.narration')", 5, "no audio element for the narration")
    audio = json.loads((site / "tours" / f"{TOUR_ID}.zh.json").read_text(encoding="utf-8"))["nodes"][0]["cues"][0]["audio"]
    assert page.get_attribute("audio.narration", "src") == audio
    wait_until(page, "(a => a.played.length > 0 && a.currentTime > 0)(document.querySelector('audio.narration'))", 5,
               "the narration's audio did not play")
    assert f"{origin}/{audio}" in requested
    assert all(url.startswith(origin + "/") for url in requested), requested
    page.click("#stop")
    assert page.evaluate("document.querySelectorAll('audio').length") == 0  # stopping the tour silences it
    page.close()


def test_on_a_phone_the_question_fits_and_its_options_take_a_finger(published, open_site, islet_quiz):
    tour, _ = islet_quiz
    # the phone's layout at 1 device pixel a CSS pixel: software rendering at 3 would outlast the question
    page, _, _ = open_site(published("islet", scripts=TOURS), viewport={"width": 390, "height": 844},
                           is_mobile=True, has_touch=True)
    page.tap(f'#tours button[data-tour="{TOUR_ID}"]')
    wait_until(page, QUESTION_SHOWN, 10, "the question did not appear")
    panel, *buttons = page.evaluate("""[...document.querySelectorAll('#question, #question-options button')]
        .map(e => e.getBoundingClientRect()).map(r => [r.left, r.top, r.right, r.bottom])""")
    assert panel[0] >= 0 and panel[1] >= 0 and panel[2] <= 390 and panel[3] <= 844
    assert len(buttons) == 2 and all(bottom - top >= 44 for _, top, _, bottom in buttons)
    page.tap('#question-options button[data-option="red"]')
    _subtitle_becomes(page, _steps(tour)["wrong_line_step"].narrate.zh, 3)
    page.close()
