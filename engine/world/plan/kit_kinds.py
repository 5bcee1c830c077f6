"""The kit shape of each standing landmark kind (all but path kinds and models), by kind."""
from __future__ import annotations

from engine.world.plan import kit, kit_shapes
from engine.world.plan.mesh import Mesh

_BUILDINGS = {
    "church": kit.church, "villa": kit.villa, "pavilion": kit.pavilion, "temple": kit.temple,
    "hall": kit.hall, "tower": kit.tower, "gate": kit.gate,
}
# kinds of one colour: the manifest's `colour` is theirs, `roof_colour` is ignored
_SOLIDS = {"statue": kit.statue, "fort_wall": kit.fort_wall, "cannon": kit.cannon}


def standing_mesh(kind: str, w: float, d: float, h: float, colours: dict, *, dome: bool = False,
                  seed: int = 0, top: str = "stepped", pose: str = "standing") -> Mesh:
    """The kit mesh in the landmark's own frame: base centre at the origin, top exactly at h."""
    if kind == "tower":
        return (kit_shapes.sail_tower if top == "sail" else kit_shapes.stepped_tower)(w, d, h, **colours)
    wall = {"colour": colours["wall"]} if "wall" in colours else {}
    if kind == "statue" and pose == "kneeling":
        return kit_shapes.kneeling_statue(w, d, h, seed=seed, **wall)
    if kind == "boat":
        return kit_shapes.boat(w, d, h, **wall)
    if kind in _BUILDINGS:
        extra = {"with_dome": dome} if kind in ("villa", "hall") else {}
        return _BUILDINGS[kind](w, d, h, **colours, **extra)
    if kind == "rock":
        return kit.rock(w, d, h, seed=seed, **wall)
    if kind in _SOLIDS:
        return _SOLIDS[kind](w, d, h, **wall)
    raise ValueError(f"no kit shape for landmark kind {kind!r}")
