"""H: the exhibition hall's configuration, hall.yaml (engine/kiosk/hall_config.py)."""
from engine.diagnostic_codes.entry import entry

ENTRIES = [
    entry("H001", "error", "the hall plays a scene that does not exist", """
        Every `scene` under `tours` must name a scene folder with a scene.yaml (as `run_tour.py list`
        shows them).""", """
        tours: [{scene: gulangyu}, {scene: yundnag}]""", """
        tours: [{scene: gulangyu}, {scene: yundang}]"""),
    entry("H002", "error", "the hall plays a tour that does not exist, or not of that scene", """
        A `tour` names a tour by its id (its file name under scripts/, without .tour.yaml), and the
        tour must show the `scene` beside it. Leave `tour` out to play every tour of the scene.""", """
        tours: [{scene: gulangyu, tour: gulangyu-higlights}]""", """
        tours: [{scene: gulangyu, tour: gulangyu-highlights}]"""),
    entry("H003", "error", "an opening time, quiet time or closed date that cannot be read", """
        Times are Beijing time, written `HH:MM-HH:MM` with the start before the end (a range cannot run
        past midnight: split it as `..-24:00` and `00:00-..`); a day's hours may also be `closed` or a
        list of ranges. Closed dates are `YYYY-MM-DD`.""", """
        open: {days: "17:30-09:00"}
        closed_dates: ["2026-02-30"]""", """
        open: {days: "09:00-17:30"}
        closed_dates: ["2026-02-28"]"""),
    entry("H004", "error", "opening or quiet hours that overlap", """
        A day's opening ranges, and the quiet ranges, must not overlap: join them into one range.""", """
        open: {sat: ["09:00-13:00", "12:00-18:00"]}""", """
        open: {sat: "09:00-18:00"}"""),
    entry("H005", "error", "quiet hours outside the opening hours", """
        Quiet hours (a still screen while the hall is open, at lunch for one) must lie inside the
        opening hours of every day the hall is open; outside them the screen is still anyway.""", """
        open: {days: "09:00-17:30"}
        quiet: ["17:00-18:00"]""", """
        open: {days: "09:00-17:30"}
        quiet: ["12:00-13:00"]"""),
    entry("H006", "error", "the hall names an event that does not exist", """
        `events` is `calendar` (the events on today dress the scenes), `none`, or a list of event ids:
        the file names of scenes/events/<id>.event.yaml.""", """
        events: [golden_roster]""", """
        events: [golden_rooster]"""),
    entry("H007", "error", "a language named twice", """
        `languages` lists the languages the tours speak, one loop of the tours each: zh, en or both,
        each once.""", """
        languages: [en, en]""", """
        languages: [en, zh]"""),
    entry("H008", "error", "the hall has no tour to play", """
        A scene listed without `tour` plays every tour of that scene; a scene with no tour under
        scripts/ gives nothing to play. Name a scene that has tours, or write one.""", """
        tours: [{scene: islet_without_tours}]""", """
        tours: [{scene: gulangyu}]"""),
]
