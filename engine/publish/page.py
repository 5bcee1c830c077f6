"""index.html of a published scene: the page's skeleton (the viewer fills in every text, in the
visitor's language) under a strict Content Security Policy: scripts, styles, the model and its data
come from the site's own folder only, and no inline script runs. WebAssembly is allowed
('wasm-unsafe-eval'): three.js's meshopt decoder, bundled in viewer.js, compiles its decoder so."""
from __future__ import annotations

import json
from html import escape

from engine.i18n.ui_words import SHARED, VIEWER, words

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data: blob:; connect-src 'self' data: blob:; object-src 'none'; "
       "base-uri 'none'; form-action 'none'")


def data_block(block_id: str, value) -> str:
    """JSON the page's script reads (`#block_id`): data, not code, so the CSP's ban on inline script
    does not touch it. '<' is escaped so no text can end the block early."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{block_id}">{data}</script>'


def words_block(page_words: dict) -> str:
    """The page's words (engine.i18n.ui_words), as `#words`."""
    return data_block("words", page_words)


def page_head(title: str, stylesheet: str, script: str, *blocks: str) -> str:
    """A published page's opening, to its <body>: the CSP, a phone's viewport, no favicon request,
    the stylesheet, the page's data blocks and its one deferred script. `title` is HTML-escaped here."""
    data = "\n".join(blocks)
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="referrer" content="no-referrer">
<title>{escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{stylesheet}">
{data}
<script src="{script}" defer></script>
</head>
<body>
"""


def index_html(scene_name_zh: str) -> str:
    title = escape(scene_name_zh)
    return page_head(scene_name_zh, "style.css", "viewer.js", words_block(words(SHARED, VIEWER))) + f"""\
<canvas id="scene" aria-hidden="true"></canvas>
<div id="hotspots" role="group"></div>
<header><h1 id="title">{title}</h1><button type="button" id="stop" hidden></button>
<button type="button" id="walk"></button><button type="button" id="vr" hidden></button>
<button type="button" id="lang"></button></header>
<p id="notice" role="alert" hidden></p><button type="button" id="walk-ahead" hidden></button>
<nav><span id="views-label"></span><span id="views" role="group" aria-labelledby="views-label"></span>
<span id="tours-label"></span><span id="tours" role="group" aria-labelledby="tours-label"></span></nav>
<p id="subtitle" aria-live="polite" hidden></p>
<section id="question" role="group" aria-labelledby="question-prompt" hidden>
<p id="question-prompt" aria-live="polite"></p><div id="question-options" role="group"></div><p id="question-time"></p>
</section>
<details id="credits"><summary id="credits-label"></summary><ul id="credits-list"></ul>
<a id="verify-link" href="verify.html"></a></details>
<section id="card" role="dialog" aria-labelledby="card-title" hidden>
<h2 class="card-title" id="card-title"></h2><p class="card-body"></p>
<button type="button" class="card-close"></button>
</section>
<div id="loading" role="status"><span id="loading-label"></span><progress id="loading-bar" max="1" value="0"></progress></div>
</body>
</html>
"""
