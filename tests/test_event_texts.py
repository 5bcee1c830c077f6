"""An event's texts are measured like every other: a banner too long for its one-line ribbon is a
U001 at its place, in the language that overflows."""
from __future__ import annotations

import shutil

from engine.overlays.loader import load_event
from engine.text_fit_check import check_event_texts
from tests.conftest import DATA


def test_a_banner_too_long_for_its_ribbon_is_reported_where_it_is(tmp_path):
    text = (DATA / "scenes" / "events" / "islet_fair.event.yaml").read_text(encoding="utf-8")
    long_en = ("Islet fair " * 10).strip()  # two lines on the ribbon (a toast would hold it)
    text = text.replace("  - {id: fair_banner, text: {zh: 小岛集市, en: Islet fair}}",
                        f"  - {{id: fair_banner, text: {{zh: 小岛集市, en: {long_en}}}}}")
    shutil.copytree(DATA / "scenes" / "events" / "sounds", tmp_path / "sounds")  # its ambience comes along
    path = tmp_path / "islet_fair.event.yaml"
    path.write_text(text, encoding="utf-8")
    event, doc = load_event(path, DATA / "scenes")
    found = check_event_texts(event.overlay, doc)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "fair_banner" in row)
    assert [(d.code, d.line) for d in found] == [("U001", line)], [d.format() for d in found]
    assert "banner in English needs 2 lines" in found[0].message


def test_the_shipped_events_texts_fit():
    scenes = DATA.parents[1] / "scenes"
    for path in sorted((scenes / "events").glob("*.event.yaml")):
        event, doc = load_event(path, scenes)
        assert check_event_texts(event.overlay, doc) == [], path.name
