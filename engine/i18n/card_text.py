"""The text of a POI's info card, one source for the kiosk's card, the check that it fits, and the
published web page's card."""
from __future__ import annotations

from engine.manifest.scene_schema import Poi

APPROXIMATE_NOTE = {"zh": "（位置为近似）", "en": "(approximate position)"}


def card_body(poi: Poi, lang: str) -> str:
    """The description as the card shows it (validate measures the same text)."""
    text = getattr(poi.description, lang)
    return text + ("" if lang == "zh" else " ") + APPROXIMATE_NOTE[lang] if poi.approximate else text
