"""Names a visitor can take for the leaderboard with one tap: a Xiamen thing in both languages and a
number, so no one needs a keyboard and nothing offensive can be typed. Each passes the store's own
nickname rules (engine/store/nickname.py: at most its MAX_LENGTH, 16 characters)."""
from __future__ import annotations

import random

# (Chinese, English) of the city's birds, flowers and places: short enough for "名 Name 99".
WORDS = [("白鹭", "Egret"), ("凤凰", "Phoenix"), ("三角梅", "Blossom"), ("鼓浪", "Drum Wave"),
         ("琴岛", "Piano Isle"), ("海燕", "Petrel"), ("日光岩", "Sun Rock"), ("筼筜", "Yundang"),
         ("沙坡尾", "Shapowei"), ("海鸥", "Seagull"), ("榕树", "Banyan"), ("海豚", "Dolphin"),
         ("灯塔", "Lighthouse"), ("帆船", "Sailboat"), ("茶香", "Tea Leaf"), ("月光", "Moonlight")]


def suggested_names(seed: str, count: int = 4) -> list[str]:
    """`count` different names for one visit (the same visit is offered the same names)."""
    rng = random.Random(seed)
    return [f"{zh} {en} {rng.randint(10, 99)}" for zh, en in rng.sample(WORDS, count)]
