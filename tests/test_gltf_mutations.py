"""A small deterministic fuzz of the glTF checks: a valid model with one or two of its JSON values
replaced by a value of another type or size. The check never raises (it returns problems), and every
mutant it lets through loads in panda3d-gltf without an exception."""
from __future__ import annotations

import copy
import json
import random

import pytest

from engine.manifest.gltf_check import check_gltf
from tests.gltf_files import write_textured_quad

VALUES = [None, "x", -1, 0, 1, 2, 3.5, 1e20, True, [], [1], [1, 2, 3], {}, {"a": 1}, [None], ["x"] * 4, 99999]


def _paths(value, prefix=()):
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from _paths(child, prefix + (key,))


def _richer_quad(folder):
    path = write_textured_quad(folder)
    gltf = json.loads(path.read_text())
    gltf["nodes"][0].update(translation=[1, 2, 3], rotation=[0, 0, 0, 1], scale=[1, 1, 1], name="n")
    gltf["materials"][0].update(emissiveFactor=[0, 0, 0], alphaMode="OPAQUE")
    gltf["samplers"] = [{"magFilter": 9729, "minFilter": 9987, "wrapS": 10497, "wrapT": 10497}]
    gltf["textures"][0]["sampler"] = 0
    return path, gltf


@pytest.mark.parametrize("seed", range(4))
def test_mutants_are_refused_or_load(offscreen_base, tmp_path, seed):
    rng = random.Random(seed)
    path, base = _richer_quad(tmp_path / "m")
    paths = [p for p in _paths(base) if p]
    passed = 0
    for _ in range(40):
        gltf = copy.deepcopy(base)
        for _ in range(rng.choice((1, 2))):
            where = rng.choice(paths)
            parent = gltf
            try:
                for key in where[:-1]:
                    parent = parent[key]
                parent[where[-1]] = copy.deepcopy(rng.choice(VALUES))
            except (KeyError, IndexError, TypeError):
                continue  # an earlier mutation changed the shape above this path
        path.write_text(json.dumps(gltf))
        if check_gltf(path, "m/quad.gltf", tmp_path / "scene.yaml"):
            continue
        passed += 1
        offscreen_base.loader.load_model(str(path), noCache=True)  # raises if the check let a bad one through
    assert passed < 40
