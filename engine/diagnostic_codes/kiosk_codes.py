"""K: the kiosk's configuration, kiosk.yaml (engine/kiosk/config.py)."""
from engine.diagnostic_codes.entry import entry

ENTRIES = [
    entry("K001", "error", "the kiosk offers a scene that does not exist", """
        Every id under `scenes` must name a scene folder with a scene.yaml (as `run_tour.py list` shows
        them). Leave `scenes` out to offer every scene.""", """
        scenes: [gulangyu, yundnag]""", """
        scenes: [gulangyu, yundang]"""),
    entry("K002", "error", "the attract loop shows a scene the kiosk does not offer", """
        The attract loop flies across the scenes a visitor can choose: each `attract.views` entry names
        one of `scenes`.""", """
        scenes: [gulangyu]
        attract:
          views: [{scene: yundang}]""", """
        scenes: [gulangyu, yundang]
        attract:
          views: [{scene: yundang}]"""),
    entry("K003", "error", "the operator's PIN written in plain", """
        kiosk.yaml is read by anyone with the kiosk's files: the PIN is stored as a salted hash.
        `python -m engine.kiosk.pin` asks for the PIN and prints the `salt` and `pin_sha256` lines.""", """
        operator:
          pin: 2468""", """
        operator:
          salt: 5f1c0a9e7d3b2a4c6e8f0a1b2c3d4e5f
          pin_sha256: 0c4d...  # 64 hex digits printed by python -m engine.kiosk.pin"""),
    entry("K004", "error", "a language named twice", """
        `languages` lists the language buttons of the start screen, each once: zh, en or both.""", """
        languages: [zh, zh]""", """
        languages: [zh, en]"""),
    entry("K005", "error", "the attract loop names a viewpoint its scene does not have", """
        `attract.views` entries with a `view` name one of the scene's `viewpoints` by id (leave `view`
        out to fly through all of them).""", """
        attract:
          views: [{scene: gulangyu, view: strait_overveiw}]""", """
        attract:
          views: [{scene: gulangyu, view: strait_overview}]"""),
]
