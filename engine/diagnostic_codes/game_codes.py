"""P: a scene's game.yaml (engine/game/loader.py, engine/game/tour_links.py); I: translations that no
longer match their source text (engine/i18n/source_hash.py)."""
from engine.diagnostic_codes.entry import entry

ENTRIES = [
    entry("P001", "error", "the game's scene does not exist or is broken", """
        The `scene` of a game.yaml names no scene in the scenes folder, or a scene that has errors of its
        own (validate the scene first: the game's stamps and quizzes refer to its POIs).""", """
        scene: islett
        checkins: []""", """
        scene: islet
        checkins: []"""),
    entry("P002", "error", "a game.yaml in another scene's folder", """
        A game.yaml belongs in the folder of the scene it is for, and its `scene` must name that folder.
        Either the file was copied from another scene and its `scene` not changed, or it is in the wrong
        folder.""", """
        # scenes/islet/game.yaml
        scene: gulangyu""", """
        # scenes/islet/game.yaml
        scene: islet"""),
    entry("P003", "error", "a duplicate id in a game", """
        Two stamps, quizzes, collectibles, badges or challenges share an id, or a quiz has two options
        with the same id. Ids are how the game records a visitor's progress, so they must be unique
        within their kind. The hint gives the line of the first one.""", """
        checkins:
          - {id: stamp, poi: summit, name: {zh: 山顶印章, en: Summit stamp}}
          - {id: stamp, poi: chapel, name: {zh: 教堂印章, en: Chapel stamp}}""", """
        checkins:
          - {id: stamp_summit, poi: summit, name: {zh: 山顶印章, en: Summit stamp}}
          - {id: stamp_chapel, poi: chapel, name: {zh: 教堂印章, en: Chapel stamp}}"""),
    entry("P004", "error", "a game refers to something that does not exist", """
        A field names something that is not there: a stamp's or a quiz's `poi` (not a POI of the scene),
        a quiz's `answer` (not one of its options), or a badge's stamps, collectibles or challenge. The
        hint suggests the closest id.""", """
        quizzes:
          - id: quiz_chapel
            options:
              - {id: white, text: {zh: 白色, en: White}}
              - {id: red, text: {zh: 红色, en: Red}}
            answer: whit""", """
        quizzes:
          - id: quiz_chapel
            options:
              - {id: white, text: {zh: 白色, en: White}}
              - {id: red, text: {zh: 红色, en: Red}}
            answer: white"""),
    entry("P005", "error", "a collectible outside the scene", """
        A collectible's `lat` and `lon` lie outside the square the scene covers (`extent_m` around its
        `origin`), where no visitor can reach it. Usually a digit is mistyped (0.01 degree is about
        1 km).""", """
        collectibles:
          - {id: bell, lat: 24.3990, lon: 117.9090, radius_m: 25}""", """
        collectibles:
          - {id: bell, lat: 24.3990, lon: 117.9990, radius_m: 25}"""),
    entry("P006", "error", "a badge for all of something the game has none of", """
        A badge asks for every stamp (`all_checkins`) or every collectible (`all_collectibles`), but the
        game has none, so the badge could never be earned (or would be given for nothing). Add the stamps
        or collectibles, or change the badge's condition.""", """
        checkins: []
        badges:
          - {id: all_stamps, when: {all_checkins: true}}""", """
        checkins:
          - {id: stamp_summit, poi: summit, name: {zh: 山顶印章, en: Summit stamp}}
        badges:
          - {id: all_stamps, when: {all_checkins: true}}"""),
    entry("P007", "error", "a goal no visitor can reach", """
        A challenge or a badge asks for more than the game holds: more stamps, finds or right answers than
        there are, a quiz streak longer than the number of quizzes, or a score above the most a visitor
        can score. Lower the number or add content.""", """
        # the game has two stamps
        challenges:
          - {id: quick_stamps, within_s: 120, goal: {checkins: 3}, points: 25}""", """
        # the game has two stamps
        challenges:
          - {id: quick_stamps, within_s: 120, goal: {checkins: 2}, points: 25}"""),
    entry("P008", "error", "a quiz and the tour question with its id offer different options", """
        A tour's question with the same id as a game quiz counts as that quiz when answered, so both must
        offer the same option ids; otherwise a right answer in the tour does not score. Give the quiz and
        the question the same option ids.""", """
        # game.yaml                          # the tour asks quiz_chapel with options white, red
        quizzes:
          - id: quiz_chapel
            options: [{id: white, text: {zh: 白, en: White}}, {id: blue, text: {zh: 蓝, en: Blue}}]""", """
        # game.yaml                          # the tour asks quiz_chapel with options white, red
        quizzes:
          - id: quiz_chapel
            options: [{id: white, text: {zh: 白, en: White}}, {id: red, text: {zh: 红, en: Red}}]"""),
    entry("P009", "warning", "a stamp circle inside another stamp's circle", """
        A check-in stamp is earned when the camera comes within `radius_m` of its POI. This stamp's
        circle lies wholly inside another stamp's, so it is never earned alone: whoever comes near
        enough for it gets the other one at the same moment, whichever sight they came for. Usually one
        radius is too large, or two stamps name the same POI. Circles that only overlap are fine (and
        common, for neighbouring sights); make the larger circle smaller than the distance between the
        POIs plus the smaller radius, as the hint says.""", """
        checkins:
          - {id: stamp_summit, poi: summit, name: {zh: 山顶印章, en: Summit stamp}, radius_m: 260}
          - {id: stamp_chapel, poi: chapel, name: {zh: 教堂印章, en: Chapel stamp}, radius_m: 90}   # 151 m away""", """
        checkins:
          - {id: stamp_summit, poi: summit, name: {zh: 山顶印章, en: Summit stamp}, radius_m: 170}
          - {id: stamp_chapel, poi: chapel, name: {zh: 教堂印章, en: Chapel stamp}, radius_m: 90}"""),
    entry("I001", "warning", "a translation made from an older text", """
        A bilingual text carries `en_from` (or `zh_from`): a short fingerprint of the text it was
        translated from. The source text has changed since, so the translation may be out of date. Check
        the translation, then export and import the strings table again (`run_tour.py strings`), which
        updates the fingerprint.""", """
        # the zh text was edited after the en text was translated from it
        name: {zh: 小岛东岸, en: Islet, en_from: 0bdea3b8}""", """
        # translated again and imported with `run_tour.py strings import --lang en FILE`
        name: {zh: 小岛东岸, en: The islet's east shore, en_from: <the new fingerprint>}"""),
]
