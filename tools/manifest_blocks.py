"""Author-time helper shared by the tools that write generated blocks into scene manifests
(tools/osm_water.py, tools/osm_roads.py, tools/osm_surroundings.py): a block between its two
marker comments, replaced whole."""
from __future__ import annotations


def replace_marked_block(text: str, begin: str, end: str, lines: list[str]) -> str:
    """The manifest text with the rows from the one starting with `begin` to the one that is `end`
    (both markers included) replaced by `lines`. SystemExit unless there is exactly one such block."""
    rows = text.split("\n")
    starts = [k for k, row in enumerate(rows) if row.strip().startswith(begin)]
    ends = [k for k, row in enumerate(rows) if row.strip() == end]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        name = end.removeprefix("# <<< ")
        raise SystemExit(f"the manifest needs exactly one {name} block between its two marker comments")
    return "\n".join(rows[:starts[0]] + lines + rows[ends[0] + 1:])
