"""U: how a text fits on screen, measured with the UI font at 1920x1080 (engine/text_fit_check.py)."""
from engine.diagnostic_codes.entry import entry

ENTRIES = [
    entry("U001", "error", "a text too long for its box on screen", """
        A narration, question, answer option, POI name or description, quiz explanation, or a stamp's
        or badge's name needs more lines on a 1920x1080 screen than its box holds, in the language the
        message names. Texts are broken into lines as the screen shows them (Chinese between any two
        characters but never before a closing mark such as ， or 。, English at spaces), with the UI
        font's real widths. A subtitle holds 3 lines (about 130 Chinese characters), a question 3
        lines with room for its option buttons, an option one line on its button (about 23 Chinese
        characters), a POI name 3 lines, a stamp's or badge's name one line in its toast. Shorten the
        text, or split a narration into two steps.""", """
        - choice:
            prompt: {zh: 选哪个？, en: "Which one?"}
            options:
              - id: a
                text:
                  zh: 这是一个长得放不进一个按钮里的答案选项，因为它有太多太多的字了
                  en: A""", """
        - choice:
            prompt: {zh: 选哪个？, en: "Which one?"}
            options:
              - id: a
                text: {zh: 一个简短的答案, en: A}"""),
]
