"""Author-time tool: a picture of every kit landmark kind, and docs/kit.md listing them.

    python tools/kit_gallery.py              # renders docs/images/kit/<kind>.png, writes docs/kit.md
    python tools/kit_gallery.py --docs-only  # docs/kit.md only (no rendering)

Each kind is shown alone at its default size on a small flat island: a scene manifest per kind in a
temporary folder, rendered offscreen like any shipped scene, so the pictures show what authors get.
"""
from __future__ import annotations

import argparse
import math
import sys
import tempfile
import typing
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.manifest.scene_schema import PATH_KINDS, PATH_OR_POINT_KINDS, LandmarkKind  # noqa: E402
from engine.world.plan.sizes import DEFAULT_SIZE  # noqa: E402

IMAGES = ROOT / "docs" / "images" / "kit"
DOC = ROOT / "docs" / "kit.md"
ORIGIN = (24.45, 118.07)
GROUND_M = 1.0
M_PER_DEG_LAT = 111_320.0
# how heading_deg turns each standing kind (path kinds follow their path; rotation is clockwise from north)
HEADINGS = {
    "church": "turns the building; the tower stands at its south end at heading 0",
    "gate": "the direction one walks through it",
    "cannon": "the direction the barrel points",
    "fort_wall": "turns the wall; at heading 0 it runs east-west (with a `path`: follows it)",
    "boat": "the way its bow points (in a row along a `path`: along the quay)",
    "model": "turns the model",
}
# options of a kind, each with its own picture: name -> (kind, what the option adds, what it does)
OPTIONS = {
    "tower_sail": ("tower", {"top": "sail"}, "`top: sail`: a curved roof slanting up to one side (the "
                   "Shimao towers); the default `top: stepped` is flat with two set-backs"),
    "statue_kneeling": ("statue", {"pose": "kneeling"}, "`pose: kneeling`: a figure kneeling on a granite rock, "
                        "a bird on her raised hand (the Egret Goddess); the rock takes the lower 38%"),
    "fort_wall_path": ("fort_wall", {"path": True}, "`path`: the wall follows the line, each stretch on the "
                       "lowest ground under it"),
    "boat_path": ("boat", {"path": True}, "`path`: a row of boats moored along the quay line, one per boat "
                  "length and a gap, keels at the water level; `validate` refuses a boat on land (G007)"),
}
WATER_KINDS = {"boat"}  # shown afloat: the gallery's ground is water


def kit_kinds() -> list[str]:
    return list(typing.get_args(LandmarkKind))


def _offset(north_m: float, east_m: float) -> list[float]:
    lat = ORIGIN[0] + north_m / M_PER_DEG_LAT
    lon = ORIGIN[1] + east_m / (M_PER_DEG_LAT * math.cos(math.radians(ORIGIN[0])))
    return [round(lat, 7), round(lon, 7)]


def gallery_scene(kind: str, option: dict | None = None) -> dict:
    """A one-landmark scene showing `kind` (with an option of OPTIONS) at its default size from the south-west."""
    w, d, h = DEFAULT_SIZE[kind]
    reach = max(w, d, h)
    option = dict(option or {})
    if kind in PATH_KINDS:
        length = 6 * w
        landmark = {"path": [_offset(0, -length / 2), _offset(0, length / 2)]}
        reach = max(reach, length)
    elif option.pop("path", None):  # an L: north, then east
        length = 3 * max(w, d)
        landmark = {"path": [_offset(-length / 2, -length / 2), _offset(length / 2, -length / 2),
                             _offset(length / 2, length / 2)]}
        reach = max(reach, length)
    else:
        landmark = {"lat": ORIGIN[0], "lon": ORIGIN[1], "heading_deg": 0}
    landmark.update(id=f"a_{kind}", kind=kind, **option)
    if kind not in WATER_KINDS:
        landmark["base_m"] = GROUND_M
    distance = 2.0 * reach + 6
    extent = max(300.0, distance * 2)
    half = extent * 0.9
    text = {"zh": kind, "en": kind}
    return {
        "id": f"kit_{kind}", "name": text, "summary": text,
        "origin": {"lat": ORIGIN[0], "lon": ORIGIN[1]}, "extent_m": extent,
        "terrain": {"cell_m": max(2.0, extent / 150), "areas": [{
            "id": "ground", "surface": "water" if kind in WATER_KINDS else "land", "height_m": GROUND_M,
            "outline": [_offset(-half, -half), _offset(-half, half), _offset(half, half), _offset(half, -half)]}]},
        "landmarks": [landmark],
        # a scene needs a POI; its marker stands behind the camera, out of the picture
        "pois": [{"id": "it", "name": text, "description": text, "kind": kind,
                  **dict(zip(("lat", "lon"), _offset(-half * 0.95, -half * 0.95)))}],
        "viewpoints": [{"id": "look", "name": text, **dict(zip(("lat", "lon"), _offset(-distance * 0.8, -distance * 0.6))),
                        "height_m": GROUND_M + h * 0.5 + distance * 0.35,
                        "look_at": {"lat": ORIGIN[0], "lon": ORIGIN[1], "height_m": GROUND_M + h * 0.4},
                        "fov_deg": 40}],
    }


def pictures() -> dict[str, tuple[str, dict]]:
    """Every picture the gallery shows: name -> (kind, option)."""
    return {**{kind: (kind, {}) for kind in kit_kinds() if kind != "model"},
            **{name: (kind, option) for name, (kind, option, _) in OPTIONS.items()}}


def render_all(size: tuple[int, int]) -> list[Path]:
    from engine.rendering import OffscreenRenderer
    from engine.settings import Settings
    work = Path(tempfile.mkdtemp(prefix="kit_gallery_"))
    for name, (kind, option) in pictures().items():
        folder = work / "scenes" / f"kit_{name}"
        folder.mkdir(parents=True)
        scene = gallery_scene(kind, option)
        scene["id"] = f"kit_{name}"
        (folder / "scene.yaml").write_text(yaml.safe_dump(scene, sort_keys=False), encoding="utf-8")
    settings = Settings(data_dir=work / "data", size=size, scenes_dir=work / "scenes", use_cache=False)
    renderer = OffscreenRenderer(settings)
    written = []
    try:
        for name in pictures():
            view, _ = renderer.open(f"kit_{name}")
            written.append(view.save_png(IMAGES / f"{name}.png"))
            view.detach()
    finally:
        renderer.close()
    return written


def markdown() -> str:
    rows = []
    for kind in kit_kinds():
        w, d, h = DEFAULT_SIZE[kind]
        picture = "(a glTF file of your own)" if kind == "model" else f"![{kind}](images/kit/{kind}.png)"
        if kind in PATH_KINDS:
            needs, heading = "`path` of [lat, lon] points", "follows its path"
            size = f"{w:g} m wide deck, {h:g} m above `base_m`"
        else:
            needs = "`lat`, `lon`" + (" and `model`" if kind == "model" else "") + \
                (", or a `path`" if kind in PATH_OR_POINT_KINDS else "")
            heading = HEADINGS.get(kind, "turns it")
            size = "scaled to `size_m` if given" if kind == "model" else f"{w:g} x {d:g} x {h:g} m"
        rows.append(f"| `{kind}` | {picture} | {size} | {needs} | {heading} |")
    return "\n".join([
        "# The landmark kit",
        "",
        "Every landmark `kind` a scene manifest may use, at its default size (`size_m` is `[width, depth,",
        "height]`; a kit landmark's top is exactly `base_m` + height). Written by `python tools/kit_gallery.py`;",
        "do not edit by hand.",
        "",
        "| kind | picture | default size | needs | heading_deg |",
        "|---|---|---|---|---|",
        *rows,
        "",
        "## Options",
        "",
        "| option | picture | what it does |",
        "|---|---|---|",
        *[f"| `{kind}` | ![{name}](images/kit/{name}.png) | {what} |" for name, (kind, _, what) in OPTIONS.items()],
        "",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs-only", action="store_true", help="write docs/kit.md without rendering")
    parser.add_argument("--size", default="320x240", help="picture size, WIDTHxHEIGHT")
    args = parser.parse_args()
    if not args.docs_only:
        width, height = (int(v) for v in args.size.split("x"))
        for path in render_all((width, height)):
            print(path)
    DOC.write_text(markdown(), encoding="utf-8")
    print(DOC)


if __name__ == "__main__":
    main()
