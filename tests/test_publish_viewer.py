"""The published page's viewer, in a real browser (tests/web_site.py's fixtures): hotspot labels
that never overlap."""
from __future__ import annotations

import json
import time

from tests.web_site import wait_until


def _frames(page) -> int:
    return page.evaluate("window.ludao.frames()")


# --- hotspot labels --------------------------------------------------------------------------------

SHOWN_BOXES = """[...document.querySelectorAll('.hotspot')]
  .filter((b) => getComputedStyle(b).opacity !== '0')
  .map((b) => { const r = b.getBoundingClientRect();
                return { poi: b.dataset.poi, cls: b.className, box: [r.left, r.top, r.right, r.bottom] }; })"""


def _overlapping(shown: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            (al, at, ar, ab), (bl, bt, br, bb) = a["box"], b["box"]
            if al < br and bl < ar and at < bb and bt < ab:
                pairs.append((a["poi"], b["poi"]))
    return pairs


def test_gulangyu_hotspot_labels_never_overlap_at_any_viewpoint(published, open_site):
    site = published("gulangyu", scenes=None)
    views = json.loads((site / "scene.json").read_text(encoding="utf-8"))["viewpoints"]
    page, _, _ = open_site(site)
    wait_until(page, "document.fonts.status === 'loaded'")
    page.evaluate("window.dispatchEvent(new Event('resize'))")  # a frame laid out with the loaded font
    time.sleep(0.3)
    first = page.evaluate(SHOWN_BOXES)
    assert len(first) >= 5 and _overlapping(first) == []
    assert [s for s in first if "lifted" in s["cls"] or "pin" in s["cls"]], \
        "the overview's labels collide unless laid out apart: nothing was moved"

    for index in range(1, len(views)):
        before = _frames(page)
        page.click(f"#views button >> nth={index}")
        wait_until(page, f"window.ludao.frames() > {before}", 10)
        time.sleep(0.3)  # the orbit's damping settles
        shown = page.evaluate(SHOWN_BOXES)
        assert shown and _overlapping(shown) == [], views[index]["id"]

    page.click("#views button >> nth=0")  # the overview again: a keyboard reaches each hotspot, labelled
    time.sleep(0.3)
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("""(() => { const b = document.activeElement;
          return b.classList.contains('hotspot') ? { poi: b.dataset.poi, cls: b.className,
            opacity: getComputedStyle(b).opacity, label: b.getAttribute('aria-label') } : null; })()""")
        if focused is None:
            continue
        seen.add(focused["poi"])
        assert focused["opacity"] == "1" and focused["label"]
        if "outside" not in focused["cls"]:  # on the picture: its full label, still clear of the others
            assert "pin" not in focused["cls"] and "crowded" not in focused["cls"]
            assert _overlapping(page.evaluate(SHOWN_BOXES)) == []
    pois = json.loads((site / "scene.json").read_text(encoding="utf-8"))["pois"]
    assert seen == {p["id"] for p in pois}
    page.close()
