"""T: guided tours (engine/tour/loader.py, engine/tour/checks.py). T0xx are errors; T1xx are warnings,
for tours that run but probably not as the author meant."""
from engine.diagnostic_codes.entry import entry

ENTRIES = [
    entry("T001", "error", "a tour refers to something not in its scene", """
        The tour's `scene` does not exist (or has errors of its own: validate it first), or a step names a
        POI or viewpoint the scene does not have: `fly_to` takes a POI or a viewpoint, `orbit`,
        `look_at`, `show_card` and an action's `poi` take a POI, `postcard_view` a viewpoint. The hint
        suggests the closest id.""", """
        scene: islet
        steps:
          - id: arrive
            fly_to: {target: sumit, duration_s: 6}""", """
        scene: islet
        steps:
          - id: arrive
            fly_to: {target: summit, duration_s: 6}"""),
    entry("T002", "error", "a jump to nowhere", """
        A `goto` (of a step or of a question's option) names a label or step id that is not in this tour,
        or a question's `default` is not one of its options. Jumps go to a top-level step's `id` or
        `label`, or to `end`.""", """
        - id: skip_wrong
          goto: chapel_vist""", """
        - id: skip_wrong
          goto: chapel_visit"""),
    entry("T003", "error", "a duplicate id or label in a tour", """
        Ids are unique in the whole tour (steps, narrations, questions and options alike), and labels are
        unique among labels. A label may not be `end` (which always ends the tour) nor another step's id.
        The hint gives the line of the first use.""", """
        - id: welcome
          narrate: {id: welcome, zh: 欢迎。, en: Welcome.}""", """
        - id: welcome
          narrate: {id: welcome_line, zh: 欢迎。, en: Welcome.}"""),
    entry("T004", "error", "a jump or a question inside `parallel`", """
        The steps of a `parallel` step run at the same time, so no jump can land inside one and none may
        jump or ask a question. Put labels on the parallel step itself, and jumps or questions before or
        after it.""", """
        - id: to_summit
          parallel:
            - {id: fly, fly_to: {target: summit, duration_s: 10}}
            - {id: jump, goto: end}""", """
        - id: to_summit
          parallel:
            - {id: fly, fly_to: {target: summit, duration_s: 10}}
        - id: jump
          goto: end"""),
    entry("T005", "error", "an option that leads back to its own question", """
        An option's `goto` jumps to the question it belongs to, so a visitor who picks it is asked the same
        question again, forever. Send the option to the step that answers it.""", """
        - id: quiz
          choice:
            id: quiz_chapel
            options:
              - {id: red, text: {zh: 红色, en: Red}, goto: quiz}""", """
        - id: quiz
          choice:
            id: quiz_chapel
            options:
              - {id: red, text: {zh: 红色, en: Red}, goto: wrong}"""),
    entry("T006", "error", "no action of that name", """
        An `action` step names an action the engine does not have. Actions are written in the engine by a
        programmer and called from tours by name; the hint suggests the closest name or lists them all.""", """
        - id: pulse
          action: {name: highlight, params: {poi: chapel}}""", """
        - id: pulse
          action: {name: highlight_poi, params: {poi: chapel}}"""),
    entry("T007", "error", "an action's parameters are wrong", """
        An action is missing a parameter it needs, is given one it does not have, or is given a value of
        the wrong kind (text where it wants a number, for example). The message names the parameter.""", """
        - id: pulse
          action: {name: highlight_poi, params: {poi: chapel, seconds: three}}""", """
        - id: pulse
          action: {name: highlight_poi, params: {poi: chapel, seconds: 3}}"""),
    entry("T008", "error", "a sound or narration audio file that cannot be used", """
        A `play_sound` file or a narration's `audio` file is missing, absolute, or lies outside the content
        folders (the tour file's own folder and below, or the project's assets/ folder), or it is not a
        sound the engine plays: a PCM WAV, Ogg Vorbis or FLAC file, whole, at most 50 MB (the message
        says which). Give a path relative to the tour file.""", """
        - id: bells
          play_sound: {file: C:/sounds/bells.ogg}""", """
        - id: bells
          play_sound: {file: ../assets/sounds/bells.ogg}"""),
    entry("T009", "error", "steps that loop forever", """
        From this step on, every way through the tour comes back to it and none reaches the end, so an
        unattended tour would never finish. Give a question in the loop an option that goes on, or add
        a `goto: end`.""", """
        - id: again
          label: again
          narrate: {id: again_line, zh: 再来。, en: Once more.}
        - id: loop
          goto: again""", """
        - id: again
          label: again
          narrate: {id: again_line, zh: 再来。, en: Once more.}
        - id: done
          goto: end"""),
    entry("T010", "error", "the tour's id does not match its file name", """
        A tour's `id` is how it is asked for (`play SCENE --tour ID`) and must equal its file name without
        `.tour.yaml`. Rename the file or change the id, as the hint says.""", """
        # scripts/islet-basics.tour.yaml
        id: islet-tour
        scene: islet""", """
        # scripts/islet-basics.tour.yaml
        id: islet-basics
        scene: islet"""),
    entry("T011", "error", "a tour that does not say how it ends", """
        The last step of a tour must end it on purpose: `goto: end`, an action that ends the tour
        (`free_roam`, which hands the camera to the visitor), a `goto` to another step, or a question whose
        every option has a `goto`. A tour whose file was cut off (a failed copy, a truncated upload, a
        bad merge) is otherwise still a valid tour that silently stops early; this check notices the lost
        end. If the tour really ends there, say so with `goto: end`.""", """
        steps:
          - id: farewell
            narrate: {id: farewell_line, zh: 再见。, en: Goodbye.}""", """
        steps:
          - id: farewell
            narrate: {id: farewell_line, zh: 再见。, en: Goodbye.}
          - id: roam
            action: {name: free_roam}"""),
    entry("T101", "warning", "a step that can never be reached", """
        No path through the tour arrives at this step: the step before it always jumps elsewhere and no
        `goto` names it. Give it a label and jump to it, or remove it.""", """
        - id: skip
          goto: end
        - id: lost
          narrate: {id: lost_line, zh: 没人听到。, en: Nobody hears this.}""", """
        - id: heard
          narrate: {id: heard_line, zh: 大家都听到。, en: Everyone hears this.}
        - id: skip
          goto: end"""),
    entry("T103", "warning", "narration longer than the flight beside it", """
        In a `parallel` step, a narration takes longer to say (its audio, or its text at the tour's reading
        speed) than the flight or orbit beside it, so the camera stops while the guide still talks.
        Lengthen the flight's `duration_s` or split the line.""", """
        parallel:
          - {id: fly, fly_to: {target: summit, duration_s: 2}}
          - {id: line, narrate: {id: long_line, zh: 这是小岛的最高处，可以看到整个海湾。,
                                 en: "This is the highest point of the islet, with the whole bay below."}}""", """
        parallel:
          - {id: fly, fly_to: {target: summit, duration_s: 8}}
          - {id: line, narrate: {id: long_line, zh: 这是小岛的最高处，可以看到整个海湾。,
                                 en: "This is the highest point of the islet, with the whole bay below."}}"""),
    entry("T104", "warning", "a camera move the comfort limit will slow down", """
        A seated visitor feels sick when the view turns faster than 40 degrees a second, so the tour camera
        lengthens any flight, orbit or turn that would, and the step takes longer than its `duration_s`
        says (narration beside it, a timed challenge, the tour's length all shift). `validate` runs the
        tour in simulated time, on every question's answers, to find these moves; the message says by how
        many seconds the move will be stretched. Give it that much time (the hint names a `duration_s`),
        or make it turn less: a smaller orbit angle, or a viewpoint already facing the way it goes.""", """
        - id: face_chapel
          look_at: {target: chapel, duration_s: 3}    # a half turn in 3 s""", """
        - id: face_chapel
          look_at: {target: chapel, duration_s: 4}"""),
    entry("T110", "warning", "a step, narration, question or option without an id", """
        Stable ids let translations, logs, statistics and `--from STEP` find a part of a tour after it is
        edited. Run `python run_tour.py tag FILE` to add the missing ids; it keeps your comments and
        layout.""", """
        - narrate: {zh: 欢迎来到小岛。, en: Welcome to the islet.}""", """
        - id: welcome
          narrate: {id: welcome_line, zh: 欢迎来到小岛。, en: Welcome to the islet.}"""),
    entry("T012", "error", "the tour's event does not exist or does not dress its scene", """
        A tour's `event` names an overlay in the scenes' events folder (scenes/events/<id>.event.yaml)
        whose `scenes` include the tour's scene: the tour shows that event, on while it runs.""", """
        scene: yundang
        event: golden_roster""", """
        scene: yundang
        event: golden_rooster"""),
]
