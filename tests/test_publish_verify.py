"""The published site's souvenir verification page (verify.html), in Debian's Chromium: a genuine
certificate, a forged one, one from an installation the site does not list, and an unreadable one
are told apart and shown in both languages; and the page's verdict agrees with the engine's
`verify` (engine.souvenir.certificate) over a corpus of altered, re-encoded and hostile texts.

The site, the server and the browser are tests/web_site.py's fixtures."""
from __future__ import annotations

import base64
import dataclasses
import json
from urllib.parse import quote

import pytest

from engine.cli.exit_codes import EXIT_BAD_INPUT
from engine.cli.main import main
from engine.i18n.ui_words import VERIFY
from engine.publish.verify_page import keys_json, site_keys
from engine.souvenir.certificate import PREFIX, VerifyStatus, decode, encode, verify
from engine.souvenir.compact import b32encode, deflate
from engine.souvenir.keys import Keyring
from tests.test_souvenir import B32, typical
from tests.test_souvenir_canonical import _base32_padding_twins, _deflate_twins, _surroundings, _with_deflate_padding
from tests.web_site import SCENES, wait_until

VERDICT_TIMEOUT_S = 20


@pytest.fixture(scope="module")
def rings(data_dir, tmp_path_factory):
    """The publishing installation's keyring (its key made before the site is published, so the
    site lists it) and another installation's, which the site does not list."""
    own = Keyring(data_dir)
    own.private_key  # made on first use, as a kiosk's first souvenir makes it
    return own, Keyring(tmp_path_factory.mktemp("other-kiosk"))


@pytest.fixture(scope="module")
def verify_page(rings, published, open_site):
    site = published("islet")
    page, origin, requested = open_site(site, page="verify.html?lang=zh",
                                        ready="window.verifyReady === true || !!window.verifyError")
    yield page, origin, requested, site
    page.close()


def _signed(ring: Keyring, payload: bytes) -> str:
    """A text signed by `ring` over any payload bytes: what a broken or hostile issuer could write."""
    key = ring.public_key_bytes
    return f"{PREFIX}{b32encode(key + deflate(payload))}.{b32encode(ring.sign(PREFIX.encode() + key + payload))}"


def _forged(text: str) -> str:
    """The certificate with a higher score, under its old signature."""
    decoded = decode(text)
    return encode(dataclasses.replace(decoded.certificate, score=decoded.certificate.score + 1000), decoded.signature)


def _page_verdict(page, text: str) -> str:
    return page.evaluate("t => window.verifyText(t)", text)


def _shown_verdict(page, text: str) -> str:
    page.evaluate("() => { window.verified = null; }")
    page.evaluate("h => { location.hash = h; }", quote(text, safe=":."))
    wait_until(page, "window.verified !== null", VERDICT_TIMEOUT_S, "no verdict shown")
    return page.text_content("#verdict")


# --- the site's files ------------------------------------------------------------------------------------

def test_keys_json_lists_the_installations_own_and_given_keys(rings, tmp_path):
    own, other = rings
    other.private_key  # writes kiosk-b's installation.pub, the file its operator hands over
    given = other.public_path
    listed = keys_json(site_keys(own, [given]))["keys"]
    assert {k["id"] for k in listed} == {own.public_key_id, other.public_key_id}
    for entry in listed:
        ring = own if entry["id"] == own.public_key_id else other
        assert base64.b64decode(entry["ed25519"]) == ring.public_key_bytes


def test_a_key_file_that_is_no_public_key_exits_2_naming_it(tmp_path, capsys, data_dir, rings):
    bad = tmp_path / "not-a-key.pub"
    bad.write_text("hello\n")
    own, _ = rings
    for key_file, why in ((bad, "not an Ed25519 public key"), (own.key_path, "this is a private key")):
        out = tmp_path / "site"
        assert main(["publish", "islet", "--scenes", str(SCENES), "--data", str(data_dir), "--out", str(out),
                     "--key", str(key_file)]) == EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert str(key_file) in err and why in err and not out.exists()


# --- in the browser ----------------------------------------------------------------------------------------

def test_genuine_forged_untrusted_and_unreadable_are_told_apart(verify_page, rings):
    page, origin, requested, site = verify_page
    own, other = rings
    assert [k["id"] for k in json.loads((site / "keys.json").read_text())["keys"]] == [own.public_key_id]
    genuine = typical(own)
    cases = {
        "genuine": genuine,
        "forged": _forged(genuine),
        "untrusted": typical(other),
        "malformed": genuine[:-7],
    }
    for status, text in cases.items():
        assert verify(text, own).status.value == status  # the engine's own verdict, for reference
        shown = _shown_verdict(page, text)
        assert page.get_attribute("#result", "data-status") == status
        assert shown == VERIFY[status]["zh"].format(key=own.public_key_id if status != "untrusted"
                                                    else other.public_key_id)
    assert all(url.startswith(origin + "/") for url in requested), requested


def test_a_genuine_souvenirs_details_in_both_languages(verify_page, rings):
    page, *_ = verify_page
    own, _ = rings
    text = typical(own, score=321)
    _shown_verdict(page, text)
    cert = decode(text).certificate
    details = page.eval_on_selector_all("#details dd", "items => items.map(i => i.textContent)")
    assert details[:6] == [cert.scene_name["zh"], "2026-05-01", "10", "3", "3", "321"]
    page.click("#lang")
    assert page.text_content("#verdict") == VERIFY["genuine"]["en"].format(key=own.public_key_id)
    assert page.eval_on_selector_all("#details dd", "items => items.map(i => i.textContent)")[0] == cert.scene_name["en"]
    assert page.text_content("#check") == VERIFY["check"]["en"]
    page.click("#lang")


def test_a_pasted_certificate_is_checked_by_the_button(verify_page, rings):
    page, *_ = verify_page
    _, other = rings
    page.evaluate("() => { window.verified = null; }")
    page.fill("#certificate", "  " + typical(other) + "\n")  # as pasted from a message: spaces around it
    page.click("#check")
    wait_until(page, "window.verified !== null", VERDICT_TIMEOUT_S)
    assert page.get_attribute("#result", "data-status") == "untrusted"
    page.evaluate("() => { window.verified = null; location.hash = 'LUDAO1:AB%E0%A4%A'; }")  # a damaged escape
    wait_until(page, "window.verified !== null", VERDICT_TIMEOUT_S)
    assert page.get_attribute("#result", "data-status") == "malformed"


def test_the_page_agrees_with_the_engine_on_altered_and_hostile_texts(verify_page, rings):
    page, *_ = verify_page
    own, _ = rings
    genuine = _with_deflate_padding(own)
    padded, recompressed = _deflate_twins(genuine)
    body_end = genuine.index(".")
    corpus = [genuine, *padded, *recompressed[:12], *_base32_padding_twins(genuine), *_surroundings(genuine)]
    corpus += [genuine[:i] + B32[(B32.index(genuine[i]) + 13) % 32] + genuine[i + 1:]
               for i in range(len(PREFIX), len(genuine), 7) if i != body_end]
    corpus += [genuine[:n] for n in (0, 5, 7, body_end, body_end + 1, len(genuine) - 1)]
    corpus += ["LUDAO2:" + genuine[len(PREFIX):], genuine.replace(".", ".."), genuine + "." + genuine[-10:]]
    def named(name: bytes) -> bytes:
        return b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"' + name + b'","zh":"x"},"p":1,"s":"a","t":[],"u":"abcdef"}'
    payloads = [
        b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"\\ud800","zh":"x"},"p":1,"s":"a","t":[],"u":"abcdef"}',
        b'{"b":[],"c":[],"d":"2026-02-30","n":{"en":"a","zh":"x"},"p":1,"s":"a","t":[],"u":"abcdef"}',
        b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"a","zh":"x"},"p":1.0,"s":"a","t":[],"u":"abcdef"}',
        b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"a","zh":"x"},"p":true,"s":"a","t":[],"u":"abcdef"}',
        b'{"c":[],"b":[],"d":"2026-05-01","n":{"en":"a","zh":"x"},"p":1,"s":"a","t":[],"u":"abcdef"}',
        b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"a","zh":"x"},"p":1,"s":"a","t":[],"u":"abcdef","x":1}',
        b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"a","zh":"x"},"p":1,"s":"a","t":["s","s"],"u":"abcdef"}',
        b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"a","zh":"x"},"p":1,"s":"A","t":[],"u":"abcdef"}',
        b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"a","zh":"x"},"p":1,"p":2,"s":"a","t":[],"u":"abcdef"}',
        b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"a","zh":"x"},"p":1, "s":"a","t":[],"u":"abcdef"}',
        b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"a","zh":"x"},"p":1,"s":"a","t":[],"u":"abcdef"}',
        named("\U0001f600".encode() * 80), named("\U0001f600".encode() * 81),  # 80 characters at most, not UTF-16 units
        b'{"b":[],"c":[],"d":"2026-05-01","e":["fair"],"n":{"en":"a\\n\\"b","zh":"\xe5\xb2\x9b"},"p":0,"s":"a","t":[],"u":"abcdef"}',
        b'[]', b'not json', b'\xff\xfe',
    ]
    corpus += [_signed(own, payload) for payload in payloads]
    expected = [verify(text, own).status.value for text in corpus]  # the engine never raises on any of them
    assert expected.count("genuine") == 4 and "forged" in expected and "malformed" in expected
    assert [_page_verdict(page, text) for text in corpus] == expected


def test_the_engine_calls_a_signed_lone_surrogate_unreadable(rings):
    own, _ = rings
    text = _signed(own, b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"\\udfff","zh":"x"},"p":1,"s":"a","t":[],'
                        b'"u":"abcdef"}')
    assert verify(text, own).status is VerifyStatus.MALFORMED


def test_a_postcards_qr_code_opens_the_page_that_calls_it_genuine(verify_page, rings, tmp_path):
    """The whole way a visitor goes: the kiosk prints the link to the site's verify.html in the QR
    code (kiosk.yaml's verify_url), a phone's camera reads it, the browser opens it."""
    cv2 = pytest.importorskip("cv2")
    from PIL import Image

    from engine.souvenir.postcard import render_postcard
    page, origin, *_ = verify_page
    own, _ = rings
    text = typical(own)
    card = render_postcard(Image.new("RGB", (960, 640), (90, 140, 200)), text, scene_name={"zh": "小岛", "en": "Islet"},
                           stamps=[], badges=[], date=decode(text).certificate.issued, lang="en",
                           out=tmp_path / "postcard.png", verify_url=f"{origin}/verify.html")
    link, _, _ = cv2.QRCodeDetector().detectAndDecode(cv2.imread(str(card)))
    assert link == f"{origin}/verify.html#{text}"
    page.goto(link)
    wait_until(page, "window.verified === 'genuine'", VERDICT_TIMEOUT_S, "the postcard's link was not called genuine")
    assert page.get_attribute("#result", "data-status") == "genuine"


def test_on_a_phone_the_verdict_fits_the_screen(verify_page, open_site, rings):
    _, _, _, site = verify_page
    own, _ = rings
    text = typical(own)
    page, _, _ = open_site(site, page=f"verify.html?lang=en#{text}", ready="window.verified === 'genuine'",
                           viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=3)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    box = page.locator("#result").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.locator("#check").bounding_box()["height"] >= 44  # large enough for a finger
    page.close()


def test_without_its_keys_the_page_confirms_nothing_and_says_so(verify_page, open_site, rings, tmp_path):
    import shutil
    _, _, _, site = verify_page
    own, _ = rings
    bare = tmp_path / "no-keys"
    shutil.copytree(site, bare)
    (bare / "keys.json").unlink()  # a host that copied the folder without it
    page, _, _ = open_site(bare, page=f"verify.html?lang=en#{typical(own)}", ready="!!window.verified")
    assert page.evaluate("window.verified") == "untrusted"  # a valid signature, by nobody the page can name
    assert page.is_visible("#no-keys") and page.text_content("#no-keys") == VERIFY["no_keys"]["en"]
    page.close()
