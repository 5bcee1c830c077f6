"""The procedural building kit: low-poly landmark shapes made with trimesh.

Each function returns a Mesh in the landmark's own frame: origin at the centre of its base on the
ground, x to its right (east at heading 0), y forward (north), z up, sizes in metres. Shapes are
deliberately simple and flat-shaded; silhouettes and colours are what make a landmark readable.
"""
from __future__ import annotations

import numpy as np
import trimesh

from engine.world.plan.mesh import Mesh, from_trimesh, merge

WALL = (0.91, 0.87, 0.78, 1.0)
STONE = (0.70, 0.68, 0.64, 1.0)
GRANITE = (0.62, 0.58, 0.53, 1.0)
DARK = (0.25, 0.24, 0.23, 1.0)
WOOD = (0.45, 0.30, 0.20, 1.0)


def box(w, d, h, colour, z0=0.0, x=0.0, y=0.0) -> Mesh:
    tm = trimesh.creation.box(extents=(w, d, h))
    tm.apply_translation((x, y, z0 + h / 2))
    return from_trimesh(tm, colour)


def cylinder(radius, height, colour, z0=0.0, x=0.0, y=0.0, sections=10) -> Mesh:
    tm = trimesh.creation.cylinder(radius=radius, height=height, sections=sections)
    tm.apply_translation((x, y, z0 + height / 2))
    return from_trimesh(tm, colour)


def cone(radius, height, colour, z0=0.0, x=0.0, y=0.0, sections=8) -> Mesh:
    tm = trimesh.creation.cone(radius=radius, height=height, sections=sections)
    tm.apply_translation((x, y, z0))
    return from_trimesh(tm, colour)


def dome(radius, colour, z0=0.0, x=0.0, y=0.0) -> Mesh:
    tm = trimesh.creation.icosphere(subdivisions=2, radius=radius)
    keep = tm.triangles_center[:, 2] > -radius * 0.05
    tm.update_faces(keep)
    tm.apply_translation((x, y, z0))
    return from_trimesh(tm, colour)


def hip_roof(w, d, h, colour, z0, overhang=0.6) -> Mesh:
    """A four-sided roof: a box footprint rising to a ridge along the longer side."""
    w2, d2 = w / 2 + overhang, d / 2 + overhang
    ridge = max(w2 - d2, 0.0) if w >= d else max(d2 - w2, 0.0)
    if w >= d:
        top = [(-ridge, 0, z0 + h), (ridge, 0, z0 + h)]
    else:
        top = [(0, -ridge, z0 + h), (0, ridge, z0 + h)]
    base = [(-w2, -d2, z0), (w2, -d2, z0), (w2, d2, z0), (-w2, d2, z0)]
    verts = np.array(base + top)
    if w >= d:
        faces = [[0, 1, 5], [0, 5, 4], [1, 2, 5], [2, 3, 4], [2, 4, 5], [3, 0, 4], [0, 3, 2], [0, 2, 1]]
    else:
        faces = [[0, 1, 4], [1, 2, 5], [1, 5, 4], [2, 3, 5], [3, 0, 4], [3, 4, 5], [0, 3, 2], [0, 2, 1]]
    tm = trimesh.Trimesh(verts, faces, process=False)
    tm.fix_normals()
    return from_trimesh(tm, colour)


def gable_roof(w, d, h, colour, z0, overhang=0.5) -> Mesh:
    """A pitched roof with its ridge along y (the building's depth)."""
    w2, d2 = w / 2 + overhang, d / 2 + overhang
    verts = np.array([(-w2, -d2, z0), (w2, -d2, z0), (w2, d2, z0), (-w2, d2, z0),
                      (0, -d2, z0 + h), (0, d2, z0 + h)])
    faces = [[0, 1, 4], [1, 2, 5], [1, 5, 4], [2, 3, 5], [3, 0, 4], [3, 4, 5], [0, 3, 2], [0, 2, 1]]
    tm = trimesh.Trimesh(verts, faces, process=False)
    tm.fix_normals()
    return from_trimesh(tm, colour)


def church(w, d, h, wall=WALL, roof=(0.45, 0.20, 0.16, 1.0)) -> Mesh:
    nave_h = h * 0.45
    tower_w = min(w, d) * 0.45
    return merge([
        box(w, d, nave_h, wall),
        gable_roof(w, d, h * 0.18, roof, nave_h),
        box(tower_w, tower_w, h * 0.72, wall, y=-d / 2 + tower_w / 2 - 0.5),
        cone(tower_w * 0.62, h * 0.28, roof, z0=h * 0.72, y=-d / 2 + tower_w / 2 - 0.5, sections=8),
    ])


def villa(w, d, h, wall=WALL, roof=(0.72, 0.28, 0.18, 1.0), with_dome=False) -> Mesh:
    if with_dome:  # a flat-roofed block carrying a drum and a big dome (Bagua Lou)
        radius = min(min(w, d) * 0.3, h * 0.36)  # as big as the footprint allows while the crown stays at h
        drum_top = h - radius
        return merge([box(w, d, h * 0.5, wall), box(w * 0.5, d * 0.5, h * 0.08, wall, z0=h * 0.5),
                      cylinder(radius, drum_top - h * 0.58, wall, z0=h * 0.58, sections=16),
                      dome(radius, roof, z0=drum_top)])
    return merge([box(w, d, h * 0.72, wall), hip_roof(w, d, h * 0.28, roof, h * 0.72)])


def pavilion(w, d, h, wall=(0.75, 0.18, 0.14, 1.0), roof=(0.30, 0.42, 0.38, 1.0)) -> Mesh:
    post = min(w, d) * 0.06
    plinth = min(0.5, h * 0.1)
    eaves = plinth + (h - plinth) * 0.62  # posts and roof share what the plinth leaves, so the top is h
    parts = [box(w, d, plinth, STONE)]
    for sx in (-1, 1):
        for sy in (-1, 1):
            parts.append(cylinder(post, eaves - plinth, wall, z0=plinth, x=sx * (w / 2 - post * 2),
                                  y=sy * (d / 2 - post * 2), sections=6))
    parts.append(hip_roof(w, d, h - eaves, roof, eaves, overhang=min(w, d) * 0.18))
    return merge(parts)


def temple(w, d, h, wall=(0.70, 0.20, 0.15, 1.0), roof=(0.80, 0.45, 0.20, 1.0)) -> Mesh:
    return merge([
        box(w + 2, d + 2, 1.0, STONE),
        box(w, d, h * 0.55, wall, z0=1.0),
        hip_roof(w, d, h * 0.45 - 1.0, roof, h * 0.55 + 1.0, overhang=min(w, d) * 0.15),
    ])


def hall(w, d, h, wall=WALL, roof=(0.55, 0.52, 0.48, 1.0), with_dome=False) -> Mesh:
    if with_dome:
        return villa(w, d, h, wall, roof, with_dome=True)
    return merge([box(w, d, h * 0.85, wall), hip_roof(w, d, h * 0.15, roof, h * 0.85, overhang=0.4)])


def tower(w, d, h, wall=(0.55, 0.63, 0.70, 1.0), roof=(0.80, 0.84, 0.88, 1.0)) -> Mesh:
    """An ordinary high-rise: narrowing towards the top, then two flat set-backs (no spire; the sail-topped
    Shimao towers are engine.world.plan.kit_shapes.sail_tower)."""
    body_h = h * 0.9
    tm = trimesh.creation.box(extents=(w, d, body_h))
    tm.apply_translation((0, 0, body_h / 2))
    top = tm.vertices[:, 2] > body_h / 2
    tm.vertices[top, 0] *= 0.55
    tm.vertices[top, 1] *= 0.8
    tw, td = w * 0.55, d * 0.8
    return merge([from_trimesh(tm, wall), box(tw * 0.75, td * 0.75, h * 0.06, wall, z0=body_h),
                  box(tw * 0.45, td * 0.45, h * 0.04, roof, z0=h * 0.96)])


def rock(w, d, h, colour=GRANITE, seed=0) -> Mesh:
    """A pile of rounded granite boulders (Sunlight Rock's summit)."""
    rng = np.random.default_rng(seed)
    parts: list[Mesh] = []
    for i in range(3):
        tm = trimesh.creation.icosphere(subdivisions=2, radius=1.0)
        tm.vertices *= rng.uniform(0.85, 1.15, size=(len(tm.vertices), 1))
        scale = np.array([w, d, h]) * (0.5 - 0.1 * i) * rng.uniform(0.8, 1.0, 3)
        tm.apply_scale(scale)
        tm.apply_translation(((rng.uniform(-0.2, 0.2)) * w, rng.uniform(-0.2, 0.2) * d, scale[2] * 0.75 + i * h * 0.08))
        parts.append(from_trimesh(tm, colour))
    return fit(merge(parts), w, d, h)


def fit(mesh: Mesh, w: float, d: float, h: float) -> Mesh:
    """Stretch a mesh of random parts to measure exactly w x d across and reach exactly h (its bottom may
    stay below 0: boulders sink into the ground they sit on)."""
    v = mesh.vertices
    lo, hi = v.min(axis=0), v.max(axis=0)
    scale = np.array([w / max(hi[0] - lo[0], 1e-9), d / max(hi[1] - lo[1], 1e-9), h / max(hi[2], 1e-9)])
    out = (v - np.array([(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, 0.0])) * scale
    normals = mesh.normals / scale  # a stretch tilts normals the other way (inverse transpose)
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
    return Mesh(out, normals, mesh.colours, mesh.triangles)


def statue(w, d, h, colour=(0.80, 0.78, 0.72, 1.0)) -> Mesh:
    r = min(w, d)
    base_h = h * 0.25
    head_r = min(r * 0.14, h * 0.1)
    head_z = h - head_r  # the head's crown is the statue's stated height
    return merge([
        box(w, d, base_h, STONE),
        cone(r * 0.32, head_z - base_h, colour, z0=base_h, sections=10),
        cylinder(r * 0.16, (head_z - base_h) * 0.97, colour, z0=base_h, sections=8),
        dome(head_r, colour, z0=head_z),
    ])


def path_segments(points: np.ndarray):
    """Each straight stretch of a polyline: (start, end, vector, length); zero-length ones skipped."""
    for a, b in zip(points[:-1], points[1:]):
        seg = b - a
        length = float(np.hypot(*seg))
        if length >= 0.01:
            yield a, b, seg, length


def along_path(points: np.ndarray, width: float, deck_z: float, thickness: float, colour, pier_spacing: float,
               ground_z, pier_colour=STONE) -> Mesh:
    """A deck following a polyline (bridges, piers, dikes) on piers down to the ground or sea floor."""
    parts = []
    for a, b, seg, length in path_segments(points):
        angle = np.arctan2(seg[1], seg[0])
        tm = trimesh.creation.box(extents=(length + width * 0.3, width, thickness))
        tm.apply_transform(trimesh.transformations.rotation_matrix(angle, (0, 0, 1)))
        mid = (a + b) / 2
        tm.apply_translation((mid[0], mid[1], deck_z - thickness / 2))
        parts.append(from_trimesh(tm, colour))
        count = max(int(length // pier_spacing), 1)
        for k in range(count + 1):
            p = a + seg * (k / count)
            bottom = float(ground_z(p[0], p[1]))
            if deck_z - thickness - bottom > 0.3:
                parts.append(cylinder(width * 0.12, deck_z - thickness - bottom, pier_colour, z0=bottom,
                                      x=p[0], y=p[1], sections=6))
    return merge(parts)


def tree(kind: str, height: float) -> Mesh:
    """One low-poly tree of the given kind and height, standing at the origin."""
    trunk = WOOD
    if kind == "palm":
        leaves = (0.30, 0.52, 0.22, 1.0)
        parts = [cylinder(height * 0.035, height * 0.9, trunk, sections=5)]
        crown = trimesh.creation.cone(radius=height * 0.38, height=height * 0.22, sections=6)
        crown.apply_transform(trimesh.transformations.rotation_matrix(np.pi, (1, 0, 0)))
        crown.apply_translation((0, 0, height * 1.02))
        parts.append(from_trimesh(crown, leaves))
        return merge(parts)
    shapes = {"broadleaf": (0.30, 0.55, 0.65, (0.22, 0.42, 0.18, 1.0)),
              "banyan": (0.55, 0.45, 0.55, (0.20, 0.38, 0.17, 1.0)),
              "mangrove": (0.50, 0.35, 0.35, (0.25, 0.40, 0.22, 1.0)),
              "shrub": (0.60, 0.55, 0.10, (0.28, 0.45, 0.20, 1.0))}
    radius_f, crown_f, trunk_f, leaves = shapes.get(kind, shapes["broadleaf"])
    crown = trimesh.creation.icosphere(subdivisions=1, radius=1.0)
    crown.apply_scale((height * radius_f, height * radius_f, height * crown_f / 2))
    crown.apply_translation((0, 0, height - height * crown_f / 2))
    parts = [from_trimesh(crown, leaves)]
    if trunk_f > 0.15:
        parts.append(cylinder(height * 0.05, height * trunk_f, trunk, sections=5))
    return merge(parts)


def district_building(style: str, w: float, d: float, h: float, wall, roof) -> Mesh:
    if style == "villa":
        return villa(w, d, h, wall, roof)
    if style == "house":
        return merge([box(w, d, h * 0.7, wall), gable_roof(w, d, h * 0.3, roof, h * 0.7, overhang=0.3)])
    if style == "block":
        return merge([box(w, d, h, wall), box(w * 0.3, d * 0.3, 2.0, roof, z0=h)])
    return tower(w, d, h, wall, roof)


IRON = (0.18, 0.18, 0.19, 1.0)


def fort_wall(w, d, h, colour=GRANITE) -> Mesh:
    """A straight length of crenellated wall (Hulishan's battery): w long, d thick, merlons up to h."""
    merlon_h = min(h * 0.2, 1.0)
    body_h = h - merlon_h
    count = max(int(w / max(d, 1.0) / 1.5), 2)  # merlons about a wall's thickness wide, gaps between
    step = w / count
    parts = [box(w, d, body_h, colour)]
    for k in range(count):
        parts.append(box(step * 0.55, d, merlon_h, colour, z0=body_h, x=-w / 2 + step * (k + 0.5)))
    return merge(parts)


def cannon(w, d, h, colour=IRON, carriage=WOOD) -> Mesh:
    """A muzzle-loader on a wooden carriage: the barrel points forward (+y, the heading)."""
    radius = min(h * 0.22, w * 0.25)
    axle_z = h - 2 * radius  # the barrel's top is h
    barrel = trimesh.creation.cylinder(radius=radius, height=d, sections=12)  # 12: a vertex on top, at h
    barrel.apply_transform(trimesh.transformations.rotation_matrix(np.pi / 2, (1, 0, 0)))
    barrel.apply_translation((0, 0, axle_z + radius))
    wheel_r = min(axle_z * 0.5, d * 0.25)
    parts = [box(w * 0.6, d * 0.7, axle_z, carriage, y=-d * 0.1), from_trimesh(barrel, colour)]
    for sx in (-1, 1):
        wheel = trimesh.creation.cylinder(radius=wheel_r, height=w * 0.2, sections=10)
        wheel.apply_transform(trimesh.transformations.rotation_matrix(np.pi / 2, (0, 1, 0)))
        wheel.apply_translation((sx * w * 0.4, d * 0.1, wheel_r))
        parts.append(from_trimesh(wheel, carriage))
    return merge(parts)


def gate(w, d, h, wall=(0.70, 0.20, 0.15, 1.0), roof=(0.30, 0.42, 0.38, 1.0)) -> Mesh:
    """A paifang: two pillars and a lintel under a small hipped roof, open along y (walk through it)."""
    roof_h = h * 0.2
    beam_h = h * 0.12
    post_h = h - roof_h - beam_h
    post = min(w * 0.12, d * 0.8)
    parts = [box(post, d * 0.8, post_h, wall, x=sx * (w / 2 - post / 2)) for sx in (-1, 1)]
    parts.append(box(w, d * 0.8, beam_h, wall, z0=post_h))
    parts.append(hip_roof(w, d, roof_h, roof, post_h + beam_h, overhang=0.0))  # no overhang: w is the gate's width
    return merge(parts)
