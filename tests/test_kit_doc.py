"""docs/kit.md shows authors every landmark kind the schema accepts (no rendering here)."""
import importlib.util
import typing

from engine.manifest.scene_schema import LandmarkKind
from engine.settings import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "kit.md"


def _tool():
    spec = importlib.util.spec_from_file_location("kit_gallery", PROJECT_ROOT / "tools" / "kit_gallery.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_kit_md_lists_every_kind_with_its_picture():
    text = DOC.read_text(encoding="utf-8")
    for kind in typing.get_args(LandmarkKind):
        assert f"| `{kind}` |" in text, f"docs/kit.md lacks kind {kind!r}: run `python tools/kit_gallery.py`"
        if kind != "model":
            assert f"(images/kit/{kind}.png)" in text
            assert (DOC.parent / "images" / "kit" / f"{kind}.png").is_file()


def test_kit_md_is_what_the_tool_writes():
    assert DOC.read_text(encoding="utf-8") == _tool().markdown(), "run `python tools/kit_gallery.py --docs-only`"


def test_the_gallery_scene_of_each_kind_is_a_valid_manifest():
    from engine.manifest.scene_schema import SceneManifest
    tool = _tool()
    for kind in tool.kit_kinds():
        if kind != "model":
            assert SceneManifest.model_validate(tool.gallery_scene(kind)).landmarks[0].kind == kind
