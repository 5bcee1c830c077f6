"""S: fields checked against the file's schema (engine/manifest/schema_errors.py), the same for scenes,
tours, games and event overlays. The code says what kind of value was wrong."""
from engine.diagnostic_codes.entry import entry

ENTRIES = [
    entry("S001", "error", "a required field is missing", """
        Every item of this kind needs the named field, and it is not there. The position is the item that
        lacks it. Check the spelling of the fields you did write: a misspelt field is reported as unknown
        (S002) and the one it should have been as missing.""", """
        pois:
          - id: summit
            name: {zh: 山顶, en: Summit}
            lat: 24.4000""", """
        pois:
          - id: summit
            name: {zh: 山顶, en: Summit}
            lat: 24.4000
            lon: 118.0000"""),
    entry("S002", "error", "an unknown field", """
        The item has a field its kind does not know, most often a spelling mistake or a field of another
        kind. Unknown fields are errors rather than being ignored, so a typo never silently loses a value.
        The hint suggests the field you probably meant.""", """
        - id: summit
          latitude: 24.4000
          lon: 118.0000""", """
        - id: summit
          lat: 24.4000
          lon: 118.0000"""),
    entry("S003", "error", "expected text", """
        The field holds text, but the value is a number, true/false or a list. YAML reads `yes`, `no`,
        `on`, `3.0` and the like as something other than text when they stand alone; put them in quotes
        to keep them as text.""", """
        name: {zh: 三号码头, en: 3}""", """
        name: {zh: 三号码头, en: "3"}"""),
    entry("S004", "error", "expected a number", """
        The field holds a number (a whole number where the message says so), but the value is text, true
        or false, or not finite. Write digits with a decimal point, no units and no quotes: `40`, not
        `40 m` or `"40"`.""", """
        peaks:
          - {id: hill, lat: 24.40, lon: 118.00, height_m: 40 m, radius_m: 120}""", """
        peaks:
          - {id: hill, lat: 24.40, lon: 118.00, height_m: 40, radius_m: 120}"""),
    entry("S005", "error", "expected true or false", """
        The field is a yes/no switch and takes `true` or `false` (without quotes). Other words, numbers
        and quoted text are refused, so that a value never means something you did not write.""", """
        - id: summit
          approximate: "maybe\"""", """
        - id: summit
          approximate: true"""),
    entry("S006", "error", "expected a mapping of fields", """
        The value should be a mapping (`key: value` lines, or `{key: value, ...}`), but it is text, a
        number or a list. This is also what a whole file gets when it is not a mapping at all, for example
        an empty file or one that is just a list; the hint then names the fields it needs.""", """
        origin: 24.40, 118.00""", """
        origin: {lat: 24.40, lon: 118.00}"""),
    entry("S007", "error", "expected a list", """
        The field holds a list (lines starting with `- `, or `[a, b]`), but the value is a single item.
        Even one item goes in a list.""", """
        pois:
          id: summit
          name: {zh: 山顶, en: Summit}""", """
        pois:
          - id: summit
            name: {zh: 山顶, en: Summit}"""),
    entry("S008", "error", "not one of the allowed values", """
        The field takes one of a fixed set of words, listed in the message; the value is none of them.
        Words are case-sensitive. The hint suggests the closest allowed word.""", """
        areas:
          - id: island
            surface: Land""", """
        areas:
          - id: island
            surface: land"""),
    entry("S009", "error", "text in the wrong form", """
        The text must have a particular form: an id is lower-case letters, digits and underscores (some
        ids allow hyphens too), a colour is `#` and six hexadecimal digits. Spaces, capitals and Chinese
        characters do not belong in an id; put them in the name instead.""", """
        - id: Sunlight Rock
          roof_colour: red""", """
        - id: sunlight_rock
          roof_colour: "#b8472f\""""),
    entry("S010", "error", "the item as a whole does not make sense", """
        A rule that looks at several fields together is broken; the message says which, for example a
        tour step with no action or two, a [lat, lon] pair out of range, a badge with no condition or a
        challenge without a goal.""", """
        steps:
          - id: arrive
            fly_to: {target: above, duration_s: 6}
            wait: {duration_s: 2}""", """
        steps:
          - id: arrive
            fly_to: {target: above, duration_s: 6}
          - id: pause
            wait: {duration_s: 2}"""),
    entry("S011", "error", "a value out of range", """
        A number is below its minimum or above its maximum, or a list or text is too short or too long;
        the message gives the limit. Limits keep scenes buildable and tours comfortable, for example a
        haze between 0 and 1 or an outline of at least 3 points.""", """
        sky:
          haze: 1.5""", """
        sky:
          haze: 0.35"""),
    entry("S099", "error", "another schema problem", """
        The value does not fit its field for a reason without a code of its own; the message is the
        schema checker's description of it. Compare the field with the same field in a shipped scene or
        tour, or with the JSON Schema in schemas/ (which editors can use to check as you type).""", """
        # any field whose value the schema refuses for another reason""", """
        # the value written as the schema describes it (see schemas/*.schema.json)"""),
]
