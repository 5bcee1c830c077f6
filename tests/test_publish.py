"""`publish`: a scene as a static web site, checked as files and in a real browser (Debian's
Chromium driven by Playwright, WebGL on its software renderer, served from 127.0.0.1).

The site, the static server and the browser are tests/web_site.py's fixtures."""
from __future__ import annotations

import json
import re
import shutil
import struct
import time
from pathlib import Path

import numpy as np
import pytest

from engine.cli.exit_codes import EXIT_BAD_INPUT, EXIT_MISSING_CAPABILITY, EXIT_OK
from engine.cli.main import main
from engine.i18n import ui_words
from engine.i18n.card_text import card_body
from engine.manifest.scene_loader import load_scene
from tests.conftest import ISLET, ROOT
from tests.web_site import SCENES, wait_until, web_tools_or_skip

# Absolute URLs the bundled three.js holds that are never requested: an XML namespace name and a
# citation in a shader's comment. Anything else is a request the site might make outside itself.
INERT_URLS = {"http://www.w3.org/1999/xhtml", "https://jcgt.org/published/0007/04/01/"}


# --- the site's files ------------------------------------------------------------------------------

def test_scene_json_holds_the_manifests_pois_viewpoints_and_cards(published):
    site = json.loads((published("islet") / "scene.json").read_text(encoding="utf-8"))
    scene, _ = load_scene(ISLET)
    assert site["scene"]["id"] == scene.id
    assert site["scene"]["name"] == {"zh": scene.name.zh, "en": scene.name.en}
    assert site["scene"]["credits"] == list(scene.credits)
    assert [p["id"] for p in site["pois"]] == [p.id for p in scene.pois]
    for entry, poi in zip(site["pois"], scene.pois):
        assert entry["name"] == {"zh": poi.name.zh, "en": poi.name.en}
        assert entry["card"] == {lang: card_body(poi, lang) for lang in ("zh", "en")}
    assert [(v["id"], v["name"]["en"], v["fov_deg"]) for v in site["viewpoints"]] == \
        [(v.id, v.name.en, v.fov_deg) for v in scene.viewpoints]


def _glb_json(path: Path) -> dict:
    data = path.read_bytes()
    length, kind = struct.unpack_from("<II", data, 12)
    assert kind == 0x4E4F534A  # 'JSON'
    return json.loads(data[20:20 + length])


def test_hotspots_sit_on_the_pins_of_the_compressed_model(published):
    site_dir = published("islet")
    tree = _glb_json(site_dir / "scene.glb")
    assert "EXT_meshopt_compression" in tree.get("extensionsUsed", [])
    anchors = {n["extras"]["poi"]: n["translation"] for n in tree["nodes"] if "poi" in n.get("extras", {})}
    site = json.loads((site_dir / "scene.json").read_text(encoding="utf-8"))
    for poi in site["pois"]:
        assert poi["position"] == pytest.approx(anchors[poi["id"]], abs=0.01)


def test_the_page_loads_nothing_from_elsewhere_and_runs_no_inline_script(published):
    site = published("islet")
    html = (site / "index.html").read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    # the one script is the site's own file; the other <script> elements are JSON data, which no browser runs
    assert re.findall(r"<script[^>]*>", html) == ['<script type="application/json" id="words">',
                                                 '<script src="viewer.js" defer>']
    words = json.loads(re.search(r'<script type="application/json" id="words">(.*?)</script>', html).group(1))
    assert words == ui_words.words(ui_words.SHARED, ui_words.VIEWER)  # the engine's table, not words of its own
    verify = (site / "verify.html").read_text(encoding="utf-8")
    assert re.findall(r"<script[^>]*>", verify) == ['<script type="application/json" id="words">',
                                                   '<script type="application/json" id="format">',
                                                   '<script src="verify.js" defer>']
    assert csp in verify
    assert '<link rel="icon" href="data:,">' in html
    url = re.compile(r"https?://[^\s\"'`)<>;,]+")
    credited = {u for line in load_scene(ISLET)[0].credits for u in url.findall(line)}  # text on the page, not links
    # the font and its licence name their makers' sites in their text; a browser never asks for those
    assert sorted(p.name for p in (site / "fonts").iterdir()) == ["NotoSansSC-Ludao.otf", "OFL.txt"]
    for path in (p for p in site.rglob("*") if p.is_file() and p.parent.name != "fonts"):
        urls = set(url.findall(path.read_text(encoding="utf-8", errors="replace")))
        assert urls <= INERT_URLS | credited, f"{path.name} names {urls - INERT_URLS - credited}"


def test_a_second_publish_replaces_the_site_whole(published, data_dir):
    site = published("islet")
    copy = site.parent / "again"
    shutil.copytree(site, copy)
    (copy / "stale.txt").write_text("from before")
    assert main(["publish", "islet", "--out", str(copy), "--data", str(data_dir), "--scenes", str(SCENES)]) == EXIT_OK
    assert sorted(p.name for p in copy.iterdir()) == sorted(p.name for p in site.iterdir())
    assert not [p for p in copy.parent.iterdir() if p.name.startswith(".")]  # no temporary folder left


@pytest.mark.parametrize("args", [["nowhere"], ["islet", "--event", "no_such_event"]])
def test_a_bad_scene_or_event_exits_2_and_writes_nothing(tmp_path, capsys, args):
    out = tmp_path / "site"
    code = main(["publish", *args, "--out", str(out), "--data", str(tmp_path / "data"), "--scenes", str(SCENES)])
    assert code == EXIT_BAD_INPUT
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == []  # no site, no temporary folder


def test_a_folder_of_other_files_is_never_replaced(tmp_path, capsys):
    web_tools_or_skip()
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    code = main(["publish", "islet", "--out", str(out), "--data", str(tmp_path / "data"), "--scenes", str(SCENES)])
    assert code == EXIT_BAD_INPUT and "not empty" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_an_unwritable_out_exits_2_before_any_work(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["publish", "islet", "--out", str(blocker / "site"), "--data", str(tmp_path / "data"),
                 "--scenes", str(SCENES)])
    assert code == EXIT_BAD_INPUT and "site" in capsys.readouterr().err


def test_without_the_web_tools_publish_exits_3_naming_the_make_target(tmp_path, capsys, monkeypatch):
    import engine.publish.web_tools as web_tools
    monkeypatch.setattr(web_tools, "TOOLS", tmp_path / "no-tools")
    code = main(["publish", "islet", "--out", str(tmp_path / "site"), "--data", str(tmp_path / "data"),
                 "--scenes", str(SCENES)])
    assert code == EXIT_MISSING_CAPABILITY and "make web-tools" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("target", [(10.0, 0.0, 0.0), (0.0, 10.0, 5.0), (-3.0, -4.0, -2.0), (7.0, 7.0, 0.0)])
def test_a_tour_pose_looks_where_the_engine_aims_it(target):
    from engine.publish.tour_tracks import LOOK_AHEAD_M, look_point
    from engine.tour.camera_path import facing
    eye = (100.0, 200.0, 30.0)
    heading, pitch = facing(eye, np.add(eye, target))
    looked = np.subtract(look_point(eye, (heading, pitch, 0.0)), eye)
    assert looked == pytest.approx(np.multiply(target, LOOK_AHEAD_M / np.linalg.norm(target)))


def test_narration_becomes_webvtt_cues():
    from engine.publish.tour_tracks import camera_keys, webvtt
    events = [{"t": 0.0, "type": "camera", "pos": [1.0, 2.0, 3.0], "hpr": [0.0, 0.0, 0.0]},
              {"t": 0.0, "type": "narrate", "id": "hello", "text": "你好", "duration": 2.5},
              {"t": 3661.25, "type": "narrate", "id": "arrow", "text": "a --> b", "duration": 1.0}]
    assert webvtt(events) == ("WEBVTT\n\nhello\n00:00:00.000 --> 00:00:02.500\n你好\n\n"
                              "arrow\n01:01:01.250 --> 01:01:02.250\na -> b\n")
    assert camera_keys(events) == [[0.0, 1.0, 3.0, -2.0, 1.0, 3.0, -52.0]]  # looking north: glTF's -Z


# --- in a real browser -----------------------------------------------------------------------------

def _distinct_colours(page) -> int:
    from io import BytesIO

    from PIL import Image
    shot = np.asarray(Image.open(BytesIO(page.locator("#scene").screenshot())).convert("RGB"))
    return len(np.unique(shot.reshape(-1, 3), axis=0))


def _assert_draws_locally_and_reaches_every_hotspot(page, origin, requested, pois):
    assert requested and all(url.startswith(origin + "/") for url in requested), requested
    assert _distinct_colours(page) > 200  # a drawn scene, not a cleared canvas
    labels = page.eval_on_selector_all(".hotspot", "bs => bs.map(b => [b.dataset.poi, b.getAttribute('aria-label')])")
    assert labels == [[p["id"], p["name"]["zh"]] for p in pois]
    reached = set()
    for _ in range(len(pois) + 20):  # every control of the page, then round again
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.dataset.poi || null"))
    assert reached - {None} == {p["id"] for p in pois}


def test_islet_in_a_browser_shows_its_cards_in_both_languages(published, open_site):
    site = published("islet")
    pois = json.loads((site / "scene.json").read_text(encoding="utf-8"))["pois"]
    page, origin, requested = open_site(site)
    _assert_draws_locally_and_reaches_every_hotspot(page, origin, requested, pois)
    _assert_a_tapped_hotspots_card_in_both_languages(page, ISLET)
    _assert_written_in_the_sites_own_font(page, origin, requested)
    page.close()


def _assert_a_tapped_hotspots_card_in_both_languages(page, manifest: Path) -> None:
    """A hotspot on screen, clicked: its card shows the manifest's name and the kiosk's card text in
    Chinese, then in English after the language switch; Close hides it. Leaves the page in Chinese."""
    scene, _ = load_scene(manifest)
    poi = next(p for p in scene.pois if p.id == page.get_attribute(".hotspot:not(.outside)", "data-poi"))
    page.click(f'.hotspot[data-poi="{poi.id}"]')
    assert page.is_visible("#card")
    assert page.text_content(".card-title") == poi.name.zh
    assert page.text_content(".card-body") == card_body(poi, "zh")
    assert page.text_content(".card-close") == ui_words.SHARED["close"]["zh"]  # the kiosk card's word too
    page.click("#lang")
    assert page.text_content(".card-title") == poi.name.en
    assert page.text_content(".card-body") == card_body(poi, "en")
    assert page.text_content(".card-close") == ui_words.SHARED["close"]["en"]
    assert page.get_attribute(f'.hotspot[data-poi="{poi.id}"]', "aria-label") == poi.name.en
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click(".card-close")
    assert not page.is_visible("#card")
    page.click("#lang")


def _assert_written_in_the_sites_own_font(page, origin, requested):
    """The page's text, buttons included, is set in the UI font the site carries, fetched from the
    site itself."""
    wait_until(page, "document.fonts.status === 'loaded'", why="the page's fonts did not load")
    assert f"{origin}/fonts/NotoSansSC-Ludao.otf" in requested
    assert page.evaluate("""document.fonts.check('16px "Ludao Sans"', '鼓浪屿')""")
    for selector in ("h1", ".hotspot", "#lang"):
        family = page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).fontFamily")
        assert family.startswith('"Ludao Sans"'), (selector, family)


def test_gulangyu_in_a_browser_draws_shows_its_cards_and_every_hotspot_takes_focus(published, open_site):
    site = published("gulangyu", scenes=None)
    assert sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) < 15e6  # the budget for one scene
    pois = json.loads((site / "scene.json").read_text(encoding="utf-8"))["pois"]
    page, origin, requested = open_site(site)
    _assert_draws_locally_and_reaches_every_hotspot(page, origin, requested, pois)
    _assert_a_tapped_hotspots_card_in_both_languages(page, ROOT / "scenes" / "gulangyu" / "scene.yaml")
    credits = page.eval_on_selector_all("#credits-list li", "items => items.map(i => i.textContent)")
    assert credits == list(load_scene(ROOT / "scenes" / "gulangyu" / "scene.yaml")[0].credits)
    assert any("© OpenStreetMap contributors" in line for line in credits)  # the ODbL's attribution
    page.close()


def _cues(vtt: str) -> list[tuple[float, float, str]]:
    def seconds(stamp: str) -> float:
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)
    cues = []
    for block in vtt.strip().split("\n\n")[1:]:
        _, timing, text = block.split("\n", 2)
        start, end = timing.split(" --> ")
        cues.append((seconds(start), seconds(end), text))
    return cues


def test_gulangyu_tour_plays_with_its_subtitles_on_time(published, open_site):
    site = published("gulangyu", scenes=None)
    tour_id = "gulangyu-highlights"
    unanswered = json.loads((site / "tours" / f"{tour_id}.zh.json").read_text(encoding="utf-8"))["nodes"][0]
    assert unanswered["finished"] and unanswered["camera"][0][0] == 0.0
    cues = _cues((site / "tours" / f"{tour_id}.zh.vtt").read_text(encoding="utf-8"))
    (_, first_end, first), (second_start, _, second) = cues[:2]
    page, _, _ = open_site(site)
    page.click(f'#tours button[data-tour="{tour_id}"]')
    wait_until(page, "window.ludao.tourTime() !== null", 10, "the tour did not start")
    assert page.text_content("#subtitle") == first
    while page.evaluate("window.ludao.tourTime()") < second_start + 0.3:  # the page's clock, not ours
        time.sleep(0.1)
    assert page.evaluate("window.ludao.tourTime()") < second_start + 3  # still early in the second cue
    assert page.text_content("#subtitle") == second
    page.click("#stop")
    assert page.evaluate("window.ludao.tourTime()") is None and not page.is_visible("#subtitle")
    page.close()


def test_an_events_pois_join_the_hotspots(tmp_path, data_dir):
    web_tools_or_skip()
    out = tmp_path / "fair"
    assert main(["publish", "islet", "--event", "islet_fair", "--out", str(out), "--data", str(data_dir),
                 "--scenes", str(SCENES)]) == EXIT_OK
    site = json.loads((out / "scene.json").read_text(encoding="utf-8"))
    scene, _ = load_scene(ISLET)
    assert site["events"] == ["islet_fair"]
    assert [p["id"] for p in site["pois"]] == [p.id for p in scene.pois] + ["fair_poi"]
    fair = site["pois"][-1]
    assert fair["name"] == {"zh": "集市", "en": "Fair"} and fair["card"]["en"] == "The island's fair."
    anchors = {n["extras"]["poi"]: n["translation"] for n in _glb_json(out / "scene.glb")["nodes"]
               if "poi" in n.get("extras", {})}
    assert fair["position"] == pytest.approx(anchors["fair_poi"], abs=0.01)


def test_on_a_phone_a_tapped_hotspot_opens_its_card_on_screen(published, open_site):
    site = published("islet")
    page, _, _ = open_site(site, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                           device_scale_factor=3)
    poi = page.get_attribute(".hotspot:not(.outside)", "data-poi")
    page.tap(f'.hotspot[data-poi="{poi}"]')
    box = page.locator("#card").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844
    assert page.locator(".card-close").bounding_box()["height"] >= 44  # large enough for a finger
    page.close()


def test_an_events_tour_is_published_only_with_its_event():
    from engine.publish.scene_data import scene_tours
    plain, left_out = scene_tours("shapowei", ROOT / "scripts", ROOT / "scenes", [])
    assert "shapowei-marathon" not in [tour.id for tour, _ in plain] and "shapowei-harbour" in [t.id for t, _ in plain]
    assert left_out == ["tour 'shapowei-marathon' shows the event 'xiamen_marathon': publish with --event xiamen_marathon"]
    dressed, left_out = scene_tours("shapowei", ROOT / "scripts", ROOT / "scenes", ["xiamen_marathon"])
    assert "shapowei-marathon" in [tour.id for tour, _ in dressed] and not left_out


def test_a_models_textures_go_to_the_web_as_webp_where_that_is_smaller(tmp_path, data_dir, open_site):
    """An author's textured glTF model, baked into the export: the site's scene.glb carries its
    texture as WebP (EXT_texture_webp) and is smaller for it, and the browser draws it."""
    from PIL import Image

    from tests.gltf_files import write_textured_quad
    web_tools_or_skip()
    scenes = tmp_path / "scenes"
    shutil.copytree(SCENES, scenes)
    write_textured_quad(scenes / "islet" / "quad", size_m=40.0)
    noise = np.random.default_rng(7).integers(0, 255, (512, 512, 3), dtype=np.uint8)  # a photo's worth of detail
    Image.fromarray(noise).save(scenes / "islet" / "quad" / "quad.png")
    manifest = scenes / "islet" / "scene.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("../../../../assets/models/fishing_boat.glb",
                                                                     "quad/quad.gltf"), encoding="utf-8")
    out = tmp_path / "site"
    assert main(["publish", "islet", "--scenes", str(scenes), "--data", str(data_dir), "--out", str(out)]) == EXIT_OK
    tree = _glb_json(out / "scene.glb")
    assert "EXT_texture_webp" in tree["extensionsUsed"]
    assert [image["mimeType"] for image in tree["images"]] == ["image/webp"]
    png_bytes = (scenes / "islet" / "quad" / "quad.png").stat().st_size
    assert (out / "scene.glb").stat().st_size < png_bytes  # the texture alone was bigger than the whole model now
    page, _, _ = open_site(out)  # no sceneError: three.js reads the WebP texture
    page.close()
