"""E: event overlays, scenes/events/<id>.event.yaml (engine/overlays/loader.py)."""
from engine.diagnostic_codes.entry import entry

ENTRIES = [
    entry("E001", "error", "the event dresses a scene that does not exist or is broken", """
        Every id under `scenes` must name a scene folder with a scene.yaml that validates: the overlay's
        props, routes and POIs are placed in those scenes.""", """
        scenes: [yundnag]""", """
        scenes: [yundang]"""),
    entry("E002", "error", "the event's id differs from its file name", """
        An overlay lives in scenes/events/<id>.event.yaml, and its `id` is that file name: `--event ID`
        and the visit log name it by this id.""", """
        # scenes/events/golden_rooster.event.yaml
        id: golden_roster""", """
        # scenes/events/golden_rooster.event.yaml
        id: golden_rooster"""),
    entry("E003", "error", "a date that cannot be read, or an edition that ends before it starts", """
        Dates are written YYYY-MM-DD (a whole day, Beijing time) or YYYY-MM-DDTHH:MM, in the years 1900
        to 2199. An edition's `end` is the last day it is on, so a one-day event has the same start and
        end.""", """
        editions:
          - {start: 2024-11-16, end: 2024-11-13}""", """
        editions:
          - {start: 2024-11-13, end: 2024-11-16}"""),
    entry("E004", "error", "a recurrence rule that cannot be read", """
        `rrule` is an RFC 5545 recurrence rule, as calendar programs write it, without the RRULE: prefix;
        `first` is the day of its first occurrence and `days` how long each lasts. A rule that repeats
        every minute or second, or is on more than 20,000 times in its first 800 days, is refused.""", """
        when: {rrule: "every year in january", first: 2019-01-06}""", """
        when: {rrule: "FREQ=YEARLY;BYMONTH=1;BYDAY=1SU", first: 2019-01-06}"""),
    entry("E005", "error", "a calendar file that is missing or cannot be read", """
        `ics` names an iCalendar file beside the overlay (or in assets/), such as a tourism bureau
        publishes: its VEVENTs, with their RRULE, RDATE and EXDATE, say when the event is on. A rule
        that repeats every minute or second, or more than 20,000 occurrences from 2000 to 2050, is
        refused.""", """
        when: {ics: calendars/marathon.ical}""", """
        when: {ics: calendars/marathon.ics}"""),
    entry("E006", "error", "something of the event lies outside every scene it dresses", """
        A prop, POI or route point must stand inside at least one of the scenes under `scenes`
        (within `extent_m` of its origin). Usually a digit of the position is mistyped, or the scene is
        missing from `scenes`.""", """
        scenes: [yundang]
        props:
          - {id: arch, kind: gate, lat: 24.4425, lon: 118.0797}   # that is Shapowei""", """
        scenes: [yundang, shapowei]
        props:
          - {id: arch, kind: gate, lat: 24.4425, lon: 118.0797}"""),
    entry("E007", "error", "an event's POI or prop takes an id the scene already uses", """
        The overlay is laid over the scene: a POI or prop with the id of one of the scene's own would
        hide it. Give the event's its own id.""", """
        pois:
          - {id: bailuzhou_park, ...}""", """
        pois:
          - {id: gr_red_carpet_poi, ...}"""),
    entry("E008", "error", "spotlights or fireworks on a prop the event does not have", """
        `lighting.spotlights_at` and `fireworks.over` name one of the event's own `props`: the beams stand on
        its top, the fireworks burst above it.""", """
        props:
          - {id: gr_stage, kind: hall, lat: 24.47812, lon: 118.08800}
        fireworks: {over: stage}""", """
        props:
          - {id: gr_stage, kind: hall, lat: 24.47812, lon: 118.08800}
        fireworks: {over: gr_stage}"""),
]
