"""The two lighting paths (engine.display.lighting): which one `auto` picks, and what the PBR path
draws in software GL (a process of its own each: tests/lighting_frames.py)."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from engine.gl_info import choose_quality, is_software_renderer
from tests.conftest import ISLET, ROOT
from tests.pixels import fractions

LLVMPIPE = "Mesa/X.org llvmpipe (LLVM 15.0.6, 256 bits) (GL 4.5 (Compatibility Profile) Mesa 22.3.6)"


@pytest.mark.parametrize("renderer", [
    LLVMPIPE,
    "Mesa softpipe (GL 3.3 (Core Profile) Mesa 23.0.4)",
    "Google Inc. Google SwiftShader (GL 3.0)",
    "Google Inc. ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)",
    "Microsoft Corporation GDI Generic (GL 1.1.0) Software Rasterizer",
    "Microsoft Corporation Microsoft Basic Render Driver",
    "unknown",
    "",
])
def test_auto_draws_the_fast_path_on_a_software_renderer(renderer):
    assert choose_quality("auto", renderer)[0] == "fast"


@pytest.mark.parametrize("renderer", [
    "NVIDIA Corporation NVIDIA GeForce RTX 3060/PCIe/SSE2 (GL 4.6.0 NVIDIA 535.183.01)",
    "AMD AMD Radeon RX 6600 (radeonsi, navi23, LLVM 15.0.7, DRM 3.49) (GL 4.6 (Compatibility Profile) Mesa 23.1)",
    "Intel Mesa Intel(R) UHD Graphics 620 (KBL GT2) (GL 4.6 (Core Profile) Mesa 22.3.6)",
    "Apple Apple M1 (GL 4.1 Metal - 83.1)",
])
def test_auto_draws_pbr_on_a_gpu(renderer):
    assert not is_software_renderer(renderer)
    assert choose_quality("auto", renderer) == ("pbr", "auto: GPU renderer")


def test_asked_for_quality_wins():
    assert choose_quality("pbr", LLVMPIPE) == ("pbr", "asked for")
    assert choose_quality("fast", "NVIDIA GeForce RTX 4090") == ("fast", "asked for")
    with pytest.raises(ValueError):
        choose_quality("ultra", LLVMPIPE)


@pytest.fixture(scope="module")
def lit(tmp_path_factory):
    """Frames of both paths, each from a fresh process."""
    folder = tmp_path_factory.mktemp("lighting")
    frames = {}
    for quality in ("fast", "pbr"):
        out = folder / f"{quality}.npz"
        result = subprocess.run([sys.executable, "-m", "tests.lighting_frames", str(out), str(folder / "cache"), quality],
                                capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert result.returncode == 0, result.stderr[-2000:]
        frames.update(np.load(out))
    return frames


def test_pbr_draws_the_scene_unlike_the_fast_path(lit):
    assert str(lit["pbr_name"]) == "pbr" and str(lit["fast_name"]) == "fast"
    image = lit["pbr_main"]
    assert image.shape == (240, 320, 3) and image.std() > 12
    parts = fractions(image)
    assert parts["sky_top"] > 0.5 and parts["water"] > 0.02 and parts["land"] > 0.05, parts
    difference = np.abs(image.astype(int) - lit["fast_main"].astype(int)).mean()
    assert difference > 1.0, f"the PBR frame is the fast one (mean difference {difference:.2f})"


def test_pbr_colours_are_not_black_nor_washed_out(lit):
    """glTF's default metallic (1.0) draws matte things black, and simplepbr's tonemapping greys
    screen colours taken for linear ones: the sky and the land keep the fast path's colours."""
    for name in ("pbr_main", "pbr_village"):
        pbr, fast = lit[name].astype(float), lit[name.replace("pbr", "fast")].astype(float)
        sky_pbr, sky_fast = pbr[:20].mean(axis=(0, 1)), fast[:20].mean(axis=(0, 1))
        assert np.abs(sky_pbr - sky_fast).max() < 20, (sky_pbr, sky_fast)
        assert sky_pbr[2] > sky_pbr[0] + 40, f"the sky is not blue: {sky_pbr}"
    land_pbr, land_fast = lit["pbr_village"][-80:].mean(axis=(0, 1)), lit["fast_village"][-80:].mean(axis=(0, 1))
    assert land_pbr.mean() > 60 and land_pbr[1] > land_pbr[0] and land_pbr[1] > land_pbr[2], land_pbr
    assert np.abs(land_pbr - land_fast).max() < 40, (land_pbr, land_fast)


def test_pbr_draws_a_gltf_model_in_its_material_colours(lit):
    """The boat has no vertex colours: its hull is its material's red-brown (linear light, as glTF
    means it, so lighter than the fast path draws it), neither white nor black."""
    image = lit["pbr_boat"].astype(int)
    r, g, b = image[..., 0], image[..., 1], image[..., 2]
    hull = (r > 120) & (r > g + 25) & (r > b + 35)
    assert hull.mean() > 0.008, f"no red-brown hull where the boat is ({hull.mean():.2%} of the frame)"
    assert (image.min(axis=-1) > 235).mean() < 0.01, "the boat is drawn white"


def test_pbr_houses_cast_shadows_from_the_sun(lit):
    lit_px = lit["pbr_village"].astype(int).sum(axis=-1)
    unshadowed = lit["pbr_village_no_shadows"].astype(int).sum(axis=-1)
    darker = (unshadowed - lit_px) > 30
    assert darker.mean() > 0.005, f"only {darker.sum()} pixels darkened by the sun's shadows"
    assert ((lit_px - unshadowed) > 30).sum() == 0, "shadows made something brighter"
    assert np.median(lit_px[darker]) < 0.85 * np.median(unshadowed[darker])


def test_pbr_draws_each_eye_of_a_stereo_pair_and_lets_go_of_them(lit):
    pair = lit["pbr_stereo"]
    for half in (pair[:, :160], pair[:, 160:]):
        parts = fractions(half)
        assert parts["sky_top"] > 0.5 and parts["water"] > 0.02 and parts["land"] > 0.05, parts
    difference = np.abs(pair.astype(int) - lit["fast_stereo"].astype(int)).mean()
    assert difference > 1.0, "the PBR pair is the fast one"
    # the pair closed, the mono view is back as it was
    changed = np.abs(lit["pbr_after_stereo"].astype(int) - lit["pbr_main"].astype(int)).max(axis=-1) > 8
    assert changed.mean() < 0.01, f"{changed.mean():.1%} of the mono frame changed after the pair"


def test_render_with_quality_pbr_writes_the_png(tmp_path):
    out = tmp_path / "islet.png"
    result = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "render", str(ISLET), "--out", str(out),
                             "--size", "160x120", "--quality", "pbr", "--data", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    assert "lighting: pbr (asked for)" in (tmp_path / "logs" / "ludao.log").read_text(encoding="utf-8")


def test_an_unknown_quality_is_the_users_mistake(tmp_path, capsys):
    from engine.cli.main import main
    with pytest.raises(SystemExit) as stop:
        main(["render", str(ISLET), "--out", str(tmp_path / "x.png"), "--quality", "ultra"])
    assert stop.value.code == 2
    assert "invalid choice: 'ultra'" in capsys.readouterr().err


def test_the_quality_setting_comes_from_the_environment_or_the_option():
    from engine.cli.main import settings_from_args
    from engine.cli.parser import build_parser
    from engine.settings import Settings
    assert Settings.from_environment({}).quality == "auto"
    assert Settings.from_environment({"LUDAO_QUALITY": "pbr"}).quality == "pbr"
    assert Settings.from_environment({"LUDAO_QUALITY": "shiny"}).quality == "auto"
    for command in (["render", "x", "--out", "x.png"], ["showcase"], ["play", "x"], ["kiosk"], ["hall"], ["bench"]):
        args = build_parser().parse_args([*command, "--quality", "fast"])
        assert settings_from_args(args).quality == "fast"


def test_a_visit_says_which_lighting_path_draws_it():
    import io

    from engine.play.protocol import VisitLines
    stream = io.StringIO()
    VisitLines(stream).quality(object(), headset=True, asked="pbr")
    kind, quality, _renderer, why = stream.getvalue().rstrip("\n").split("\t")
    assert (kind, quality) == ("quality", "fast") and "headset" in why
