"""Author-time tool: write a tour's expected transcript (tests/transcripts/<tour>.transcript.yaml).

    python tools/record_transcript.py scripts/gulangyu-highlights.tour.yaml [--lang zh]

It runs the tour once unattended and once per option of every question, and records the
narrations and choices, by id, in order. Read the result before committing it: it is the
expected behaviour the tests replay, so a change to the tour's flow shows up as a failing test.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.tour.checks import walk  # noqa: E402
from engine.tour.headless import run_tour  # noqa: E402
from engine.tour.loader import load_tour  # noqa: E402
from engine.tour_worlds import tour_world  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tour", type=Path)
    ap.add_argument("--lang", default="zh", choices=("zh", "en"))
    ap.add_argument("--scenes", type=Path, default=ROOT / "scenes")
    args = ap.parse_args()
    tour, _, _ = load_tour(args.tour, args.scenes)
    world = tour_world(args.scenes / tour.scene / "scene.yaml")
    plans = [{}] + [{s.choice.id: o.id} for _, s in walk(tour.steps) if s.choice for o in s.choice.options]
    runs = []
    for plan in plans:
        events = run_tour(tour, args.tour, world, lang=args.lang, answers=plan).events
        expect = [f"narrate {e['id']}" if e["type"] == "narrate" else f"choice {e['id']}={e['option']}"
                  for e in events if e["type"] in ("narrate", "choice")]
        runs.append({"answers": plan, "expect": expect})
    out = ROOT / "tests" / "transcripts" / f"{tour.id}.transcript.yaml"
    out.parent.mkdir(parents=True, exist_ok=True)
    header = f"# Expected narrations and choices of {tour.id}, by id, for each path (recorded, then reviewed).\n"
    out.write_text(header + yaml.safe_dump({"tour": tour.id, "lang": args.lang, "runs": runs},
                                           allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
