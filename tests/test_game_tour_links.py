"""validate catches a quiz whose options differ from the tour question with the same id."""
import shutil
import subprocess
import sys

from tests.conftest import DATA, ROOT


def test_a_quiz_and_its_tour_question_must_offer_the_same_options(tmp_path):
    scenes = tmp_path / "scenes"
    shutil.copytree(DATA / "scenes" / "islet", scenes / "islet")
    manifest = scenes / "islet" / "scene.yaml"  # its glTF boat lives in the project's assets
    manifest.write_text("\n".join(row for row in manifest.read_text().splitlines() if "id: boat," not in row) + "\n")
    game = scenes / "islet" / "game.yaml"

    def validate():
        return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "validate", str(game), "--scenes",
                               str(scenes), "--scripts", str(DATA / "tours"), "--data", str(tmp_path / "d")],
                              capture_output=True, text=True, cwd=ROOT)

    assert validate().returncode == 0
    game.write_text(game.read_text().replace("{id: red, text: {zh: 红色, en: Red}}",
                                             "{id: crimson, text: {zh: 红色, en: Red}}"))
    result = validate()
    assert result.returncode == 2 and "Traceback" not in result.stderr
    line = next(row for row in result.stderr.splitlines() if "[P008]" in row)  # at the options list (line 11)
    assert ":11:7:" in line and "offers white, crimson but tour 'islet-basics' asks it with white, red" in line
