"""What the building kit makes when a manifest gives a landmark no size_m."""

DEFAULT_SIZE = {  # [width, depth, height] in metres
    "church": (16, 30, 32), "villa": (18, 14, 14), "pavilion": (8, 8, 7), "tower": (45, 45, 300),
    "rock": (40, 30, 18), "statue": (6, 6, 15.7), "temple": (24, 16, 12), "hall": (30, 20, 14),
    "bridge": (25, 25, 5), "pier": (8, 8, 1.8), "model": (1, 1, 1),
    "fort_wall": (30, 3, 5), "cannon": (1.6, 3.6, 1.4), "gate": (8, 1.5, 7), "boardwalk": (3, 3, 0.8),
    "boat": (3.5, 11, 6),
}
