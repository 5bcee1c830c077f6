"""The types of the glTF properties panda3d-gltf reads, after glTF 2.0's JSON schema (the Khronos
validator's TYPE_MISMATCH, ARRAY_LENGTH_NOT_IN_LIST, VALUE_NOT_IN_LIST and UNDEFINED_PROPERTY
rules): a node's translation is three numbers, a sampler's filter one of the constants, a
camera has its lens. The loader trusts every one; a wrong type raises deep inside it."""
from __future__ import annotations

import math
from typing import Callable

from engine.manifest.model_problems import ModelRefused

Rule = Callable[[object], bool]


def number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def text(value) -> bool:
    return isinstance(value, str)


def flag(value) -> bool:
    return isinstance(value, bool)


def numbers(length: int | None = None, low: float = -math.inf, high: float = math.inf) -> Rule:
    return lambda v: (isinstance(v, list) and (length is None or len(v) == length)
                      and all(number(x) and low <= x <= high for x in v))


def one_of(*values) -> Rule:
    return lambda v: not isinstance(v, (bool, list, dict)) and v in values


def wholes(value) -> bool:
    return isinstance(value, list) and all(whole(x) for x in value)


def positive(value) -> bool:
    return number(value) and value > 0


def between(low: float, high: float) -> Rule:
    return lambda v: number(v) and low <= v <= high


def obj(fields: dict[str, Rule], required: tuple[str, ...] = ()) -> Rule:
    """A JSON object whose listed fields (when present) pass their rules; other keys are free."""
    def rule(value) -> bool:
        return (isinstance(value, dict) and all(key in value for key in required)
                and all(key not in value or check(value[key]) for key, check in fields.items()))
    return rule


TEXTURE_INFO = obj({"index": whole, "texCoord": whole, "scale": number, "strength": between(0, 1)}, ("index",))
FIELDS: dict[str, dict[str, Rule]] = {
    "nodes": {"name": text, "translation": numbers(3), "rotation": numbers(4, -1, 1), "scale": numbers(3),
              "matrix": numbers(16), "weights": numbers(), "extensions": obj({})},
    "materials": {"name": text, "emissiveFactor": numbers(3, 0, 1), "alphaMode": one_of("OPAQUE", "MASK", "BLEND"),
                  "alphaCutoff": between(0, math.inf), "doubleSided": flag, "extensions": obj({}),
                  "pbrMetallicRoughness": obj({"baseColorFactor": numbers(4, 0, 1), "metallicFactor": between(0, 1),
                                               "roughnessFactor": between(0, 1), "baseColorTexture": TEXTURE_INFO,
                                               "metallicRoughnessTexture": TEXTURE_INFO}),
                  "normalTexture": TEXTURE_INFO, "occlusionTexture": TEXTURE_INFO, "emissiveTexture": TEXTURE_INFO},
    "samplers": {"name": text, "magFilter": one_of(9728, 9729), "minFilter": one_of(9728, 9729, 9984, 9985, 9986, 9987),
                 "wrapS": one_of(33071, 33648, 10497), "wrapT": one_of(33071, 33648, 10497)},
    "scenes": {"name": text, "nodes": wholes},
    "meshes": {"name": text, "weights": numbers()},
    "accessors": {"name": text, "min": numbers(), "max": numbers(), "normalized": flag},
    "images": {"name": text, "mimeType": one_of("image/png", "image/jpeg")},
    "textures": {"name": text, "extensions": obj({})},
    "bufferViews": {"name": text, "target": one_of(34962, 34963)},
    "buffers": {"name": text},
    "cameras": {"name": text, "type": one_of("perspective", "orthographic"),
                "perspective": obj({"yfov": positive, "znear": positive, "zfar": positive, "aspectRatio": positive},
                                   ("yfov", "znear")),
                "orthographic": obj({"xmag": number, "ymag": number, "znear": between(0, math.inf), "zfar": positive},
                                    ("xmag", "ymag", "znear", "zfar"))},
    "skins": {"name": text},
    "animations": {"name": text},
}
REQUIRED = {"scenes": ("nodes",), "cameras": ("type",)}


def check_types(doc: dict) -> None:
    """Raises ModelRefused (A005) at the first property of the wrong type."""
    for key, fields in FIELDS.items():
        for i, item in enumerate(doc.get(key, [])):
            for name in REQUIRED.get(key, ()):
                if name not in item:
                    raise ModelRefused("A005", f"{key}[{i}] has no '{name}'")
            for name, rule in fields.items():
                if name in item and not rule(item[name]):
                    raise ModelRefused("A005", f"{key}[{i}].{name} is not what glTF allows there: "
                                               f"{_short(item[name])}")
    for i, camera in enumerate(doc.get("cameras", [])):
        if camera["type"] not in camera:
            raise ModelRefused("A005", f"cameras[{i}] is {camera['type']} but has no '{camera['type']}' lens")
    for i, anim in enumerate(doc.get("animations", [])):
        for s in anim.get("samplers", []):
            if not obj({"interpolation": one_of("LINEAR", "STEP", "CUBICSPLINE")})(s):
                raise ModelRefused("A005", f"animations[{i}] has a sampler with an unknown interpolation")
        for c in anim.get("channels", []):
            if not obj({"target": obj({"path": one_of("translation", "rotation", "scale", "weights")}, ("path",))},
                       ("target",))(c):
                raise ModelRefused("A005", f"animations[{i}] has a channel without a valid target path")


def _short(value) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."
