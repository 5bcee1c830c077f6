"""`tag` adds the missing ids, keeps every comment and line of the author's file, and is idempotent."""
import re
import shutil
import subprocess
import sys

from engine.tour.loader import load_tour
from tests.conftest import DATA, ROOT

TOUR = DATA / "tours" / "islet-basics.tour.yaml"


def _untagged(tmp_path):
    """The islet tour with some ids taken out and comments added, as an author might write it."""
    text = TOUR.read_text(encoding="utf-8")
    for old, new in [
        ("  - id: welcome\n    narrate: {id: welcome_line, ", "  # the guide says hello\n  - narrate: {"),
        ("      - id: to_summit_line\n        narrate: {id: summit_line, ", "      - narrate: {"),
        ("        - {id: red, text:", "        - {text:"),
        ("      id: quiz_chapel\n", ""),
        ("default: white", "default: white  # unattended kiosks pick white"),
    ]:
        assert old in text
        text = text.replace(old, new)
    folder = tmp_path / "tours"
    folder.mkdir()
    path = folder / "islet-basics.tour.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def tag(path):
    return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "tag", str(path)],
                          capture_output=True, text=True, cwd=ROOT)


def test_tag_adds_ids_keeps_comments_and_is_idempotent(tmp_path):
    path = _untagged(tmp_path)
    before = path.read_text(encoding="utf-8")
    _, _, warnings = load_tour(path, DATA / "scenes")
    assert sum(w.code == "T110" for w in warnings) == 6  # 2 steps, 2 lines, a question, an option

    first = tag(path)
    assert first.returncode == 0 and "6 id(s) added" in first.stdout
    after = path.read_text(encoding="utf-8")
    # every line the author wrote is still there, word for word, comments included; a line that
    # gained an id in its flow mapping, or moved below a new `- id:` line, keeps all its text
    def plain(text):
        return re.sub(r"\{id: [a-z0-9_]+, ", "{", text)
    for line in plain(before).splitlines():
        assert line.strip().removeprefix("- ") in plain(after), line
    assert len(after.splitlines()) == len(before.splitlines()) + 3  # two `- id:` lines and one `id:`
    assert "# the guide says hello" in after and "# unattended kiosks pick white" in after
    assert after.splitlines()[0] == before.splitlines()[0]  # the schema line stays first

    tour, _, warnings = load_tour(path, DATA / "scenes")
    assert [w for w in warnings if w.code == "T110"] == []
    assert tour.steps[1].id and tour.steps[1].narrate.id

    second = tag(path)
    assert second.returncode == 0 and "unchanged" in second.stdout
    assert path.read_text(encoding="utf-8") == after


def test_tag_leaves_a_fully_tagged_tour_byte_for_byte(tmp_path):
    path = tmp_path / "islet-basics.tour.yaml"
    shutil.copy(TOUR, path)
    assert tag(path).returncode == 0
    assert path.read_bytes() == TOUR.read_bytes()


def test_tag_refuses_broken_yaml_with_a_position(tmp_path):
    path = tmp_path / "bad.tour.yaml"
    path.write_text("id: x\nsteps: [\n", encoding="utf-8")
    result = tag(path)
    assert result.returncode == 2 and f"{path.name}:" in result.stderr and "Traceback" not in result.stderr
