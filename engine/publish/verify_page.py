"""The souvenir verification page of a published site (verify.html, verify.js, keys.json), where a
postcard's QR code can lead: `verify.html#LUDAO1:...` checks that certificate in the browser, with
the installations' public keys the site lists. The certificate rides in the URL's fragment, which a
browser never sends to the server: the web server's log never sees a visitor's souvenir.

keys.json: {"format": 1, "keys": [{"id": key id, "ed25519": base64 of the 32 raw public key bytes}]},
this installation's own key and the keys it trusts (DATA/keys), and any given to publish by --key."""
from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from engine.i18n.ui_words import SHARED, VERIFY, words
from engine.publish.page import data_block, page_head, words_block
from engine.souvenir.certificate import PREFIX
from engine.souvenir.compact import DICTIONARY_V1
from engine.souvenir.keys import Keyring, key_id_of, load_public_key, raw_public_bytes


def site_keys(ring: Keyring, extra: list[Path]) -> dict[str, Ed25519PublicKey]:
    """Key id -> key: the ring's trusted keys (its own included) and the files given. ValueError names
    a file that holds no Ed25519 public key."""
    keys = dict(ring.trusted_keys())
    for path in extra:
        key = load_public_key(path)
        keys[key_id_of(key)] = key
    return keys


def keys_json(keys: dict[str, Ed25519PublicKey]) -> dict:
    return {"format": 1, "keys": [{"id": key_id, "ed25519": base64.b64encode(raw_public_bytes(key)).decode("ascii")}
                                  for key_id, key in sorted(keys.items())]}


def certificate_format() -> dict:
    """What the page needs of the certificate format, from the engine itself: the prefix and the
    frozen preset dictionary of its DEFLATE."""
    return {"prefix": PREFIX, "dictionary": base64.b64encode(DICTIONARY_V1).decode("ascii")}


def verify_html(scene_name_zh: str) -> str:
    page_words = words(SHARED, VERIFY)
    title = escape(page_words["zh"]["verify_title"])
    return page_head(page_words["zh"]["verify_title"], "verify.css", "verify.js", words_block(page_words),
                     data_block("format", certificate_format())) + f"""\
<header><h1 id="title">{title}</h1><button type="button" id="lang"></button></header>
<main>
<p id="scene-name">{escape(scene_name_zh)}</p>
<p id="intro"></p>
<form id="form"><label for="certificate" id="certificate-label"></label>
<textarea id="certificate" rows="4" spellcheck="false" autocapitalize="characters" autocomplete="off"></textarea>
<button type="submit" id="check"></button></form>
<section id="result" role="status" aria-live="polite" hidden>
<h2 id="verdict"></h2><dl id="details"></dl><p id="reason" lang="en"></p>
</section>
<p id="no-keys" hidden></p>
<p><a id="back" href="index.html"></a></p>
</main>
</body>
</html>
"""
