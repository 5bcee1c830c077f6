"""The glTF rules that keep the loader inside its data, after the Khronos glTF Validator's:
every index into another array in range, buffer views inside their buffers, accessors inside their
views with a known component type and element type, the attributes of a primitive of one length,
and every vertex index below that length. panda3d-gltf trusts all of these; one broken one reads
past the end of a buffer (a segmentation fault) or raises deep inside the loader."""
from __future__ import annotations

import numpy as np

from engine.manifest.model_problems import MAX_MODEL_BYTES, ModelRefused

COMPONENT_BYTES = {5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4}
TYPE_COMPONENTS = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT2": 4, "MAT3": 9, "MAT4": 16}
INDEX_DTYPES = {5121: "<u1", 5123: "<u2", 5125: "<u4"}
# What each vertex attribute may hold (glTF 2.0, 3.7.2.1): element types and component types.
FLOAT, NORMALISED = {5126}, {5126, 5121, 5123}
ATTRIBUTE_FORMATS = {"POSITION": ({"VEC3"}, FLOAT), "NORMAL": ({"VEC3"}, FLOAT), "TANGENT": ({"VEC4"}, FLOAT),
                     "TEXCOORD": ({"VEC2"}, NORMALISED), "COLOR": ({"VEC3", "VEC4"}, NORMALISED),
                     "JOINTS": ({"VEC4"}, {5121, 5123}), "WEIGHTS": ({"VEC4"}, NORMALISED)}
ARRAYS = ("accessors", "animations", "buffers", "bufferViews", "cameras", "images", "materials", "meshes",
          "nodes", "samplers", "scenes", "skins", "textures")
MATERIAL_TEXTURES = (("pbrMetallicRoughness", "baseColorTexture"), ("pbrMetallicRoughness", "metallicRoughnessTexture"),
                     ("normalTexture",), ("occlusionTexture",), ("emissiveTexture",))


def bad(message: str) -> ModelRefused:
    return ModelRefused("A005", message)


def is_int(value, low: int = 0, high: int | None = None) -> bool:
    """A JSON integer (not a bool, not 1.0) within [low, high]."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= low and (high is None or value <= high)


def arrays_of_objects(doc: dict) -> None:
    """Every top-level array the checks walk is a list of JSON objects (else A003)."""
    for key in ARRAYS:
        value = doc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise ModelRefused("A003", f"its '{key}' is not a list of objects")


class Bounds:
    """Checks one glTF document against the buffers already read (index -> bytes)."""

    def __init__(self, doc: dict, buffers: list[bytes]):
        self.doc = doc
        self.buffers = buffers

    def items(self, key: str) -> list[dict]:
        return self.doc.get(key, [])

    def index(self, value, key: str, where: str) -> int:
        if not is_int(value, 0, len(self.items(key)) - 1):
            raise bad(f"{where} refers to {key}[{value!r}], but there are {len(self.items(key))}")
        return value

    def check(self) -> None:
        self.buffer_views()
        self.accessors()
        self.references()
        self.meshes()
        self.node_tree()

    def buffer_views(self) -> None:
        for i, view in enumerate(self.items("bufferViews")):
            b = self.index(view.get("buffer"), "buffers", f"bufferViews[{i}]")
            offset, length = view.get("byteOffset", 0), view.get("byteLength")
            if not is_int(offset) or not is_int(length, 1):
                raise bad(f"bufferViews[{i}] has no valid byteOffset and byteLength")
            declared = self.items("buffers")[b].get("byteLength")
            if offset + length > declared:
                raise bad(f"bufferViews[{i}] ends at byte {offset + length:,}, past the end of buffers[{b}] "
                          f"({declared:,} bytes)")
            stride = view.get("byteStride")
            if stride is not None and not (is_int(stride, 4, 252) and stride % 4 == 0):
                raise bad(f"bufferViews[{i}] has byteStride {stride!r}; it must be a multiple of 4 from 4 to 252")

    def accessors(self) -> None:
        for i, acc in enumerate(self.items("accessors")):
            where = f"accessors[{i}]"
            ctype, kind, count = acc.get("componentType"), acc.get("type"), acc.get("count")
            if not is_int(ctype) or ctype not in COMPONENT_BYTES:
                raise bad(f"{where} has componentType {ctype!r}, which is not one glTF defines")
            if not isinstance(kind, str) or kind not in TYPE_COMPONENTS:
                raise bad(f"{where} has type {kind!r}, which is not one glTF defines")
            if not is_int(count, 1):
                raise bad(f"{where} has count {count!r}; it must be a whole number of at least 1")
            element = COMPONENT_BYTES[ctype] * TYPE_COMPONENTS[kind]
            if "bufferView" not in acc:  # all zeros, allocated by the loader: keep that bounded too
                if count * element > MAX_MODEL_BYTES:
                    raise bad(f"{where} asks for {count * element:,} bytes of zeros")
            else:
                self.fits(acc.get("byteOffset", 0), acc["bufferView"], count, element, COMPONENT_BYTES[ctype], where)
            sparse = acc.get("sparse")
            if sparse is not None:
                self.sparse(sparse, count, element, where)

    def fits(self, offset, view_index, count: int, element: int, align: int, where: str) -> None:
        """`count` elements of `element` bytes from `offset` lie inside the buffer view."""
        view = self.items("bufferViews")[self.index(view_index, "bufferViews", where)]
        if not is_int(offset) or offset % align:
            raise bad(f"{where} has byteOffset {offset!r}; it must be a multiple of {align}")
        stride = view.get("byteStride") or element
        if stride < element:
            raise bad(f"{where}: its elements ({element} bytes) are longer than the view's byteStride ({stride})")
        end = offset + stride * (count - 1) + element
        if end > view["byteLength"]:
            raise bad(f"{where} reads up to byte {end:,} of bufferViews[{view_index}], which has "
                      f"{view['byteLength']:,} bytes")

    def sparse(self, sparse, count: int, element: int, where: str) -> None:
        if not isinstance(sparse, dict) or not is_int(sparse.get("count"), 1, count):
            raise bad(f"{where} has a sparse part without a valid count")
        indices, values = sparse.get("indices"), sparse.get("values")
        if (not isinstance(indices, dict) or not isinstance(values, dict) or not is_int(indices.get("componentType"))
                or indices["componentType"] not in INDEX_DTYPES):
            raise bad(f"{where} has a sparse part without valid indices and values")
        size = COMPONENT_BYTES[indices["componentType"]]
        self.fits(indices.get("byteOffset", 0), indices.get("bufferView"), sparse["count"], size, size, f"{where} sparse indices")
        self.fits(values.get("byteOffset", 0), values.get("bufferView"), sparse["count"], element, 1, f"{where} sparse values")
        found = self.read(indices["bufferView"], indices.get("byteOffset", 0), indices["componentType"], sparse["count"])
        if found.max() >= count:
            raise bad(f"{where} has a sparse index past its {count} elements")

    def read(self, view_index: int, offset: int, ctype: int, count: int) -> np.ndarray:
        """`count` tightly packed unsigned integers from a (checked) buffer view."""
        view = self.items("bufferViews")[view_index]
        data = self.buffers[view["buffer"]]
        return np.frombuffer(data, INDEX_DTYPES[ctype], count, view.get("byteOffset", 0) + offset)

    def references(self) -> None:
        for i, node in enumerate(self.items("nodes")):
            for key, target in (("mesh", "meshes"), ("camera", "cameras"), ("skin", "skins")):
                if key in node:
                    self.index(node[key], target, f"nodes[{i}].{key}")
            for child in self.list_of(node, "children", f"nodes[{i}]"):
                self.index(child, "nodes", f"nodes[{i}].children")
        for i, scene in enumerate(self.items("scenes")):
            for n in self.list_of(scene, "nodes", f"scenes[{i}]"):
                self.index(n, "nodes", f"scenes[{i}].nodes")
        if "scene" in self.doc:
            self.index(self.doc["scene"], "scenes", "scene")
        for i, tex in enumerate(self.items("textures")):
            if "source" in tex:
                self.index(tex["source"], "images", f"textures[{i}].source")
            if "sampler" in tex:
                self.index(tex["sampler"], "samplers", f"textures[{i}].sampler")
        for i, mat in enumerate(self.items("materials")):
            for path in MATERIAL_TEXTURES:
                info = mat
                for part in path:
                    info = info.get(part) if isinstance(info, dict) else None
                if info is not None:
                    self.index(info.get("index") if isinstance(info, dict) else None, "textures",
                               f"materials[{i}].{'.'.join(path)}")
        for i, image in enumerate(self.items("images")):
            if "bufferView" in image:
                self.index(image["bufferView"], "bufferViews", f"images[{i}]")
            elif not isinstance(image.get("uri"), str):
                raise bad(f"images[{i}] has neither a uri nor a bufferView")
        for i, skin in enumerate(self.items("skins")):
            for joint in self.list_of(skin, "joints", f"skins[{i}]"):
                self.index(joint, "nodes", f"skins[{i}].joints")
            if "inverseBindMatrices" in skin:
                self.index(skin["inverseBindMatrices"], "accessors", f"skins[{i}].inverseBindMatrices")
            if "skeleton" in skin:
                self.index(skin["skeleton"], "nodes", f"skins[{i}].skeleton")
        for i, anim in enumerate(self.items("animations")):
            samplers = self.list_of(anim, "samplers", f"animations[{i}]")
            for s in samplers:
                for key in ("input", "output"):
                    self.index(s.get(key) if isinstance(s, dict) else None, "accessors", f"animations[{i}].samplers")
            for c in self.list_of(anim, "channels", f"animations[{i}]"):
                if not isinstance(c, dict) or not is_int(c.get("sampler"), 0, len(samplers) - 1):
                    raise bad(f"animations[{i}] has a channel without a valid sampler")
                target = c.get("target")
                if not isinstance(target, dict) or ("node" in target and not is_int(target["node"])):
                    raise bad(f"animations[{i}] has a channel without a valid target")
                if "node" in target:
                    self.index(target["node"], "nodes", f"animations[{i}].channels")

    @staticmethod
    def list_of(item: dict, key: str, where: str) -> list:
        value = item.get(key, [])
        if not isinstance(value, list):
            raise bad(f"{where}.{key} is not a list")
        return value

    def meshes(self) -> None:
        accessors = self.items("accessors")
        for i, mesh in enumerate(self.items("meshes")):
            primitives = self.list_of(mesh, "primitives", f"meshes[{i}]")
            if not primitives:
                raise bad(f"meshes[{i}] has no primitives")
            for j, prim in enumerate(primitives):
                where = f"meshes[{i}].primitives[{j}]"
                attributes = prim.get("attributes") if isinstance(prim, dict) else None
                if not isinstance(attributes, dict) or not attributes:
                    raise bad(f"{where} has no attributes")
                for name, a in attributes.items():
                    self.attribute_format(name, accessors[self.index(a, "accessors", f"{where}.attributes.{name}")], where)
                counts = {accessors[a]["count"] for a in attributes.values()}
                if len(counts) > 1:
                    raise bad(f"{where}: its attributes have different lengths {sorted(counts)}")
                for target in self.list_of(prim, "targets", where):
                    for name, a in (target.items() if isinstance(target, dict) else [("?", None)]):
                        if accessors[self.index(a, "accessors", f"{where}.targets.{name}")]["count"] not in counts:
                            raise bad(f"{where}: a morph target's length differs from the mesh's")
                if not is_int(prim.get("mode", 4), 0, 6):
                    raise bad(f"{where} has mode {prim.get('mode')!r}; glTF defines 0 to 6")
                if "material" in prim:
                    self.index(prim["material"], "materials", f"{where}.material")
                if "indices" in prim:
                    self.vertex_indices(self.index(prim["indices"], "accessors", f"{where}.indices"), counts.pop(), where)

    @staticmethod
    def attribute_format(name: str, acc: dict, where: str) -> None:
        semantic = name.partition("_")[0] if name.startswith(("TEXCOORD_", "COLOR_", "JOINTS_", "WEIGHTS_")) else name
        kinds, ctypes = ATTRIBUTE_FORMATS.get(semantic, (set(TYPE_COMPONENTS), set(COMPONENT_BYTES)))
        if acc["type"] not in kinds or acc["componentType"] not in ctypes:
            raise bad(f"{where}: its {name} attribute is {acc['type']} of componentType {acc['componentType']}, "
                      "which glTF does not allow there")

    def vertex_indices(self, a: int, vertices: int, where: str) -> None:
        acc = self.items("accessors")[a]
        if acc["type"] != "SCALAR" or acc["componentType"] not in INDEX_DTYPES:
            raise bad(f"{where}: its indices (accessors[{a}]) are not unsigned integers")
        if "bufferView" not in acc:
            return  # all zeros
        if self.items("bufferViews")[acc["bufferView"]].get("byteStride") is not None:
            raise bad(f"{where}: the buffer view of its indices has a byteStride")
        values = self.read(acc["bufferView"], acc.get("byteOffset", 0), acc["componentType"], acc["count"])
        if values.size and int(values.max()) >= vertices:
            raise bad(f"{where}: vertex index {int(values.max())} is out of range (the mesh has {vertices} vertices)")

    def node_tree(self) -> None:
        """Nodes form trees: no node has two parents and no node is its own ancestor (a loop
        would send the loader round for ever)."""
        nodes = self.items("nodes")
        parent: dict[int, int] = {}
        for i, node in enumerate(nodes):
            for child in node.get("children", []):
                if child in parent or child == i:
                    raise bad(f"nodes[{child}] has more than one parent")
                parent[child] = i
        rooted: set[int] = set()  # nodes whose chain of parents is known to end at a root
        for start in range(len(nodes)):
            chain, seen, at = [start], {start}, start
            while at in parent and at not in rooted:
                at = parent[at]
                if at in seen:
                    raise bad(f"nodes[{start}] is its own ancestor")
                chain.append(at)
                seen.add(at)
            rooted.update(chain)
