"""Translation tables: export, edit the source, import, and exactly the changed text is flagged."""
import csv
import shutil
import subprocess
import sys

from tests.conftest import DATA, ROOT


def run(*args, cwd):
    return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), *args], capture_output=True, text=True,
                          cwd=cwd)


def content(tmp_path):
    scenes, scripts = tmp_path / "scenes", tmp_path / "scripts"
    shutil.copytree(DATA / "scenes" / "islet", scenes / "islet")
    scripts.mkdir()
    shutil.copy(DATA / "tours" / "islet-basics.tour.yaml", scripts)
    manifest = scenes / "islet" / "scene.yaml"  # its glTF boat lives in the project's assets
    manifest.write_text("\n".join(row for row in manifest.read_text().splitlines() if "id: boat," not in row) + "\n")
    return (["--scenes", str(scenes), "--scripts", str(scripts), "--data", str(tmp_path / "data")],
            scripts / "islet-basics.tour.yaml")


def table(path):
    with open(path, encoding="utf-8", newline="") as f:
        return {row["key"]: row for row in csv.DictReader(f)}


def test_export_edit_source_reimport_flags_exactly_that_translation(tmp_path):
    opts, tour = content(tmp_path)
    out = tmp_path / "en.csv"
    result = run("strings", "export", "--lang", "en", str(out), *opts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = table(out)
    welcome = rows["tour:islet-basics:steps.welcome.narrate"]
    assert welcome["source"] == "欢迎来到小岛。" and welcome["text"] == "Welcome to the islet."
    assert welcome["where"].endswith("islet-basics.tour.yaml:12")
    assert rows["scene:islet:pois.chapel.name"]["text"] == "Chapel"
    assert len({r["source_hash"] for r in rows.values()}) > 10

    # the author rewrites one Chinese line after the export...
    tour.write_text(tour.read_text(encoding="utf-8").replace("欢迎来到小岛。", "欢迎来到美丽的小岛。"), encoding="utf-8")
    # ...and the translator's table (made from the old text) comes back, one line improved
    with open(out, encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    for line in lines:
        if line[0] == "tour:islet-basics:steps.to_summit.parallel.to_summit_line.narrate":
            line[6] = "Here is the islet's highest point."
    with open(out, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(lines)

    imported = run("strings", "import", "--lang", "en", str(out), *opts, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "'tour:islet-basics:steps.welcome.narrate' was translated from an older source text" in imported.stderr
    text = tour.read_text(encoding="utf-8")
    assert "Here is the islet's highest point." in text
    assert "# A small tour of the test islet" in text  # the author's comments survive

    check = run("validate", *opts, cwd=tmp_path)
    stale = [line for line in check.stderr.splitlines() if "[I001]" in line]
    assert check.returncode == 0  # a stale translation is a warning, not an error
    assert len(stale) == 1 and "islet-basics.tour.yaml:12:" in stale[0], check.stderr

    # translating the new text again clears the flag
    again = tmp_path / "en2.csv"
    run("strings", "export", "--lang", "en", str(again), *opts, cwd=tmp_path)
    run("strings", "import", "--lang", "en", str(again), *opts, cwd=tmp_path)
    assert "[I001]" not in run("validate", *opts, cwd=tmp_path).stderr
