"""The user's own input is exit 2 with a positioned message, never exit 1 or a traceback: hostile YAML
(recursive aliases, huge integers, lone surrogates, invisible formatting characters) and output paths
that cannot be written. Run in-process through engine.cli.main, as the fuzz test does."""
from __future__ import annotations

import re
import shutil

import pytest

from engine.cli.main import main
from engine.files import atomic_write
from engine.errors import OutputNotWritable
from tests.conftest import ROOT

POSITIONED = re.compile(r"^.+:\d+:\d+: (error|warning): .+\[[A-Z]\d{3}\]", re.M)
TOUR = ROOT / "scripts" / "yundang-egrets.tour.yaml"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tour_copy(tmp_path):
    """A writable copy of a shipped tour beside the shipped scenes, and the --scenes option for it."""
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    return tmp_path / "scripts" / TOUR.name, ["--scenes", str(ROOT / "scenes"), "--data", str(tmp_path / "data")]


@pytest.mark.parametrize("tail, code", [
    ("x: &a [1, *a]\n", "Y013"),
    ("x: &a {b: [*a]}\n", "Y013"),
    ("x: " + "9" * 5000 + "\n", "Y014"),
    ("x: 0x" + "f" * 4000 + "\n", "Y014"),
    ('x: "a\\ud800b"\n', "Y016"),
    ('x: "a\\u202eb"\n', "Y015"),
    ("x: a\u2067b\n", "Y015"),
])
def test_hostile_yaml_is_a_positioned_error(capsys, tour_copy, tail, code):
    path, options = tour_copy
    path.write_text(path.read_text(encoding="utf-8") + tail, encoding="utf-8")
    lines = path.read_text(encoding="utf-8").count("\n")
    for fmt in ("text", "json"):
        result, out, err = run(capsys, "validate", str(path), "--format", fmt, *options)
        assert result == 2, err
        assert "Traceback" not in err
        where = f'"line": {lines},' if fmt == "json" else f":{lines}:"
        assert where in out + err and code in out + err


def test_right_to_left_override_in_a_title_points_at_the_character(capsys, tour_copy):
    path, options = tour_copy
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("en: \"Yundang Lake: tides", "en: \"Yundang\u202e Lake: tides", 1), encoding="utf-8")
    result, out, err = run(capsys, "validate", str(path), *options)
    assert result == 2
    line = next(i for i, s in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "\u202e" in s)
    col = path.read_text(encoding="utf-8").splitlines()[line - 1].index("\u202e") + 1
    assert f"{path.name}:{line}:{col}: error: invisible formatting character U+202E" in err


def test_zero_width_joiner_stays_allowed(capsys, tour_copy):
    path, options = tour_copy
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("en: \"Yundang Lake: tides", "en: \"Yundang\u200d Lake: tides", 1), encoding="utf-8")
    assert run(capsys, "validate", str(path), *options)[0] == 0


def test_strings_export_refuses_a_lone_surrogate_instead_of_crashing(capsys, tmp_path):
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    path = tmp_path / "scripts" / TOUR.name
    path.write_text(path.read_text(encoding="utf-8").replace('en: "Yundang Lake: tides', 'en: "Yundang\\udc00 Lake',
                                                              1), encoding="utf-8")
    out = tmp_path / "table.csv"
    result, _, err = run(capsys, "strings", "export", "--lang", "en", str(out), "--scripts", str(tmp_path / "scripts"),
                         "--data", str(tmp_path / "data"))
    assert result == 2 and "Y016" in err and not out.exists()


@pytest.mark.parametrize("args", [
    ("render", "gulangyu", "--out", "{blocked}/x.png"),
    ("render", "gulangyu", "--out", "{folder}"),
    ("showcase", "--out", "{blocked}"),
    ("stats", "export", "--out", "{blocked}/x.csv"),
    ("strings", "export", "--lang", "en", "{blocked}/t.csv"),
    ("play", "gulangyu", "--headless", "--tour", "gulangyu-highlights", "--log", "{blocked}/l.jsonl"),
    ("play", "gulangyu", "--headless", "--tour", "gulangyu-highlights", "--log", "{folder}/l.jsonl",
     "--frames", "{blocked}"),
    ("play", "gulangyu", "--headless", "--tour", "gulangyu-highlights", "--log", "{folder}/l.jsonl",
     "--souvenir", "{blocked}/s"),
    ("bench", "--out", "{blocked}/b.json"),
])
def test_an_output_that_cannot_be_written_is_exit_2_naming_it(capsys, tmp_path, args):
    blocked = tmp_path / "a-file"  # a file where a folder is needed: refused even for root
    blocked.write_text("x")
    filled = [a.format(blocked=blocked, folder=tmp_path) for a in args]
    result, _, err = run(capsys, *filled, "--data", str(tmp_path / "data"))
    assert result == 2, err
    assert "cannot write" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) in (["a-file"], ["a-file", "data"])


def test_a_failed_write_leaves_no_half_file(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError):
        with atomic_write(target) as f:
            f.write("half")
            raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []
    target.write_text("")
    with pytest.raises(OutputNotWritable, match="cannot write"):
        with atomic_write(target / "x"):
            pass


def test_positioned_pattern_matches_the_formatter():
    from engine.diagnostics import Diagnostic
    assert POSITIONED.search(Diagnostic("f.yaml", 3, 4, "Y013", "m").format())


@pytest.mark.parametrize("table, says", [
    (b"\xff\xfe not text", "not UTF-8"),
    (b"a,b\n1,2\n", "no column key"),
    (b"key,where,source_lang,source_hash,source,lang,text\nscene:x:name,f,zh,00000000,x\n", "fewer columns"),
    ("key,where,source_lang,source_hash,source,lang,text\nscene:x:name,f,zh,00000000,x,en,a\u202eb\n".encode(),
     "U+202E"),
])
def test_strings_import_refuses_a_broken_table(capsys, tmp_path, table, says):
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    path = tmp_path / "table.csv"
    path.write_bytes(table)
    result, _, err = run(capsys, "strings", "import", "--lang", "en", str(path), "--scripts",
                         str(tmp_path / "scripts"), "--data", str(tmp_path / "data"))
    assert result == 2, err
    assert says in err and str(path) in err and "Traceback" not in err


def test_an_unusable_data_folder_is_exit_2_naming_it(capsys, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    result, _, err = run(capsys, "stats", "export", "--out", str(tmp_path / "s.csv"), "--data", str(blocked / "d"))
    assert result == 2 and f"cannot write {blocked / 'd'}" in err and "Traceback" not in err


def test_written_files_get_ordinary_permissions(tmp_path):
    """A postcard, log or picture is read by others (a web server, a print queue): not 0600."""
    import os
    import stat

    from engine.files import atomic_path, atomic_write
    mask = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "a.txt") as f:
            f.write("x")
        with atomic_path(tmp_path / "b.png") as tmp:
            tmp.write_bytes(b"x")
    finally:
        os.umask(mask)
    for name in ("a.txt", "b.png"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name
