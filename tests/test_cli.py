"""The command-line contract: exit codes, messages with positions, files written, never a traceback."""
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from tests.conftest import ISLET, ROOT


def run(*args, data=None):
    extra = ["--data", str(data)] if data else []
    return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), *args, *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_list_names_every_shipped_scene():
    result = run("list")
    assert result.returncode == 0
    listed = {line.split("\t")[1] for line in result.stdout.splitlines() if line.startswith("scene\t")}
    shipped = {p.name for p in (ROOT / "scenes").iterdir() if (p / "scene.yaml").is_file()}
    assert listed == shipped


def test_validate_all_shipped_content_passes(shipped_validation):
    result = shipped_validation  # `run_tour.py validate`, run once for this and test_text_fit_check
    assert result.returncode == 0, result.stderr
    assert " 0 error(s)" in result.stdout


def test_render_writes_a_png_of_the_asked_size(tmp_path):
    out = tmp_path / "islet.png"
    result = run("render", str(ISLET), "--out", str(out), "--size", "200x120", "--view", "above", data=tmp_path)
    assert result.returncode == 0, result.stderr
    image = np.asarray(Image.open(out))
    assert image.shape[:2] == (120, 200)
    assert image[..., :3].std() > 10


@pytest.mark.parametrize("args, needle", [
    (("render", "atlantis", "--out", "x.png"), "no scene named 'atlantis'"),
    (("render", "gulangyuu", "--out", "x.png"), "did you mean 'gulangyu'?"),
    (("render", str(ISLET), "--out", "x.png", "--view", "nowhere"), "has no viewpoint 'nowhere'"),
    (("render", str(ISLET), "--out", "x.png", "--size", "big"), "expected WIDTHxHEIGHT"),
    (("frobnicate",), "invalid choice"),
    (("render", "gulangyu", "--out", "x.png", "--event", "xiamen_marathon"),
     "event 'xiamen_marathon' does not dress scene 'gulangyu' (it dresses: shapowei)"),
    (("render", "gulangyu", "--out", "x.png", "--event", "marathon"), "no event 'marathon'; known events: "),
    (("play", "gulangyu", "--event", "golden_rooster"),
     "event 'golden_rooster' does not dress scene 'gulangyu' (it dresses: yundang)"),
    (("play", "gulangyu", "--tour", "gulangyu-highlights", "--headless", "--log", "x.jsonl", "--event", "golden_rooster"),
     "event 'golden_rooster' does not dress scene 'gulangyu' (it dresses: yundang)"),
])
def test_bad_usage_exits_2_with_a_message_and_no_traceback(tmp_path, args, needle):
    result = run(*args, data=tmp_path)
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_showcase_skips_a_broken_scene_and_renders_the_rest(tmp_path):
    import shutil
    scenes = tmp_path / "scenes"
    shutil.copytree(ISLET.parent, scenes / "islet")
    shutil.copytree(ISLET.parent, scenes / "broken")
    broken = scenes / "broken" / "scene.yaml"
    broken.write_text(broken.read_text().replace("id: islet", "id: broken").replace("look_at: summit", "look_at: sumit", 1))
    for name in ("islet", "broken"):  # its glTF boat lives in the project's assets; not needed here
        path = scenes / name / "scene.yaml"
        path.write_text("\n".join(line for line in path.read_text().splitlines() if "id: boat," not in line))
    result = run("showcase", "--out", str(tmp_path / "out"), "--size", "160x90", "--scenes", str(scenes),
                 data=tmp_path)
    assert result.returncode == 2
    assert "broken/scene.yaml:" in result.stderr and "'sumit' does not exist" in result.stderr
    assert "did you mean 'summit'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["islet-above.png", "islet-boat_close.png",
                                                                   "islet-from_sea.png"]
