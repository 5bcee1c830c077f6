"""Y: reading a file as YAML, before any field is looked at (engine/manifest/yaml_loader.py)."""
from engine.diagnostic_codes.entry import entry

ENTRIES = [
    entry("Y001", "error", "the file cannot be read", """
        The file named on the command line (or found in a content folder) could not be opened: it does not
        exist, it is a folder, or this user may not read it. Check the spelling of the path; scenes are
        `scenes/<id>/scene.yaml` and tours `scripts/<id>.tour.yaml`.""", """
        # run_tour.py validate scenes/gulangyu/scene.yml
        # (there is no scene.yml: the file is called scene.yaml)""", """
        # run_tour.py validate scenes/gulangyu/scene.yaml"""),
    entry("Y002", "error", "the file is too large", """
        A content file may be at most 2 MiB. Larger files are refused before they are parsed, because
        reading a huge YAML file takes a long time. The usual cause is an outline traced with far more
        points than a scene needs: simplify it (a whole island's coastline fits in a few hundred).""", """
        terrain:
          areas:
            - id: island
              outline: [[24.44, 118.06], ...]   # 200,000 points""", """
        terrain:
          areas:
            - id: island
              outline: [[24.44, 118.06], ...]   # a few hundred points"""),
    entry("Y003", "error", "the file is not UTF-8 text", """
        Content files must be saved as UTF-8, the encoding that holds Chinese and English together. A file
        saved as GBK or UTF-16 by an editor is refused; the message gives the byte where decoding failed.
        Re-save the file as UTF-8 (without a byte-order mark if your editor asks).""", """
        # saved as GBK:
        name: {zh: 鼓浪屿, en: Gulangyu}""", """
        # the same text saved as UTF-8:
        name: {zh: 鼓浪屿, en: Gulangyu}"""),
    entry("Y004", "error", "too many aliases", """
        A file may use at most 200 aliases (`*name`, which repeat what an anchor `&name` marks). More are
        refused as a possible "alias bomb", a tiny file that expands into a huge one. Write the values out,
        or use fewer anchors.""", """
        base: &b {kind: villa}
        a: *b
        b: *b
        # ... 200 more *b""", """
        districts:
          - {id: village, area: island, style: villa, count: 20}"""),
    entry("Y005", "error", "the document expands to too many values", """
        After aliases are expanded, a document may hold at most 500,000 values. A value that repeats an
        anchor that repeats another anchor grows very fast; such a file is refused before it is used.
        Write the data out plainly instead of nesting aliases.""", """
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]""", """
        a: [x, x, x]"""),
    entry("Y006", "error", "a custom tag", """
        Tags such as `!!python/object` or `!include` ask the YAML reader to build something other than
        text, numbers, lists and mappings. Content never runs code, so every tag except the standard ones
        is refused. Remove the tag; to keep a value as text, put it in quotes.""", """
        name: !!python/object:os.system {zh: 岛, en: Island}""", """
        name: {zh: 岛, en: Island}"""),
    entry("Y007", "error", "a merge key (<<)", """
        The merge key `<<: *anchor` copies the fields of another mapping. It is not supported in content,
        because it hides where a field really comes from (and can hang the YAML reader). Repeat the fields
        in each mapping instead.""", """
        defaults: &d {kind: villa, count: 20}
        districts:
          - {<<: *d, id: village, area: island}""", """
        districts:
          - {id: village, area: island, kind: villa, count: 20}"""),
    entry("Y008", "error", "a mapping key that is not plain text", """
        A key (the part before `:`) must be plain text. A list or a mapping used as a key, written with
        `? ` or `[...]: `, is refused. Use a text key and put the list in the value.""", """
        ? [24.44, 118.06]
        : harbour""", """
        harbour: [24.44, 118.06]"""),
    entry("Y009", "error", "a duplicate key", """
        The same key appears twice in one mapping. Plain YAML readers silently keep the last one, so a
        typo can hide a value; here it is an error. The hint names the line where the key was first
        defined: keep one of the two.""", """
        - id: summit
          lat: 24.4000
          lat: 24.4010""", """
        - id: summit
          lat: 24.4010"""),
    entry("Y010", "error", "a YAML syntax error", """
        The file is not valid YAML: often a missing space after `:`, a tab used for indentation, an
        unclosed quote or bracket, or a line indented differently from its neighbours. The position is
        where the YAML reader gave up; the mistake is often on that line or the one before it. Texts that
        contain `: ` or start with `{`, `[` or `*` need quotes.""", """
        title: {zh: 小岛, en: Islet: a tour}""", """
        title: {zh: 小岛, en: "Islet: a tour"}"""),
    entry("Y011", "error", "nested too deeply", """
        Lists and mappings may be nested at most 64 levels deep. No real content needs more; deeper
        nesting is refused because it is a way to exhaust the reader. Flatten the structure.""", """
        a: [[[[[[[[ ... x ... ]]]]]]]]   # 65 lists, one inside the next""", """
        a: [x]"""),
    entry("Y012", "error", "a character YAML does not allow", """
        The file holds a control character (such as a NUL byte or an escape code) that YAML text may not
        contain, often pasted from another program. Delete it; if you really need it, write it as an
        escape such as `"\\x1b"` inside a double-quoted string.""", """
        summary: {zh: 小岛, en: "A small␛ island"}   # ␛ stands for a raw escape byte""", """
        summary: {zh: 小岛, en: "A small island"}"""),
    entry("Y013", "error", "an alias inside its own anchor", """
        An alias (`*name`) stands for the value its anchor (`&name`) marks. Used inside that same value it
        makes the value contain itself, which never ends when it is read. Write the repeated part out, or
        anchor a smaller value that does not contain the alias.""", """
        stops: &stops [gate, pier, *stops]""", """
        stops: [gate, pier]"""),
    entry("Y014", "error", "an integer with too many digits", """
        Integers may have at most 1,000 digits: no place, size or duration needs more, and the program
        cannot print or compare much longer ones safely. Usually a value lost its quotes or its decimal
        point; if it is meant as text, put it in quotes.""", """
        duration_s: 100000000000000000000000000000000000 ... (several thousand digits)""", """
        duration_s: 10"""),
    entry("Y015", "error", "an invisible formatting character in text", """
        The text holds a bidirectional control (such as U+202E RIGHT-TO-LEFT OVERRIDE, or the isolates
        U+2066-U+2069) or another invisible formatting character (Unicode category Cf, such as U+200B ZERO
        WIDTH SPACE or a stray U+FEFF). These change how the text is shown without being seen themselves:
        an override reverses the words after it, which lets a text read differently on screen than in a
        review. Delete the character (many editors show it only as a gap or not at all). The zero-width
        joiner and non-joiner (U+200D, U+200C) are allowed: emoji sequences need them.""", """
        title: {zh: 鼓浪屿, en: "Gulangyu\\u202e tour"}""", """
        title: {zh: 鼓浪屿, en: "Gulangyu tour"}"""),
    entry("Y016", "error", "a lone surrogate escape", """
        A double-quoted string holds an escape between `\\ud800` and `\\udfff` on its own. These are halves of
        a UTF-16 pair, not characters, and text holding one cannot be saved or shown. Write the character
        itself, or escape its whole code point with `\\U` and eight hex digits.""", """
        title: {zh: 笑, en: "Smile \\ud83d"}""", """
        title: {zh: 笑, en: "Smile \\U0001F600"}"""),
    entry("Y017", "error", "a tab used for indentation", """
        YAML indents with spaces only: a tab character at the start of a line (or between the items of
        a line) is not allowed, even where it looks right in an editor. Replace the tab with spaces, and
        set your editor to insert spaces when you press the Tab key.""", """
        terrain:
        →cell_m: 10           # → : a tab character before cell_m""", """
        terrain:
          cell_m: 10          # two spaces"""),
]
