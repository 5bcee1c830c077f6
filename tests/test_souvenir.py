"""Signed souvenirs: the installation's key, issuing and verifying certificates, and verifying a
certificate file or a postcard image. What a visitor or an operator would see: genuine, from an
installation not trusted here, forged or altered, unreadable, each with its exit code."""
from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from engine.souvenir import EXIT_CODES
from engine.souvenir.certificate import (PREFIX, Certificate, MalformedCertificate, VerifyStatus, canonical_json,
                                         decode, encode, issue, verify)
from engine.souvenir.compact import DICTIONARY_V1
from engine.souvenir.keys import Keyring, KeyringError, key_id_of
from engine.souvenir.verify_file import verify_file

GULANGYU = {"zh": "鼓浪屿", "en": "Gulangyu"}
STAMPS = ["stamp_sunlight_rock", "stamp_memorial_hall", "stamp_shuzhuang_garden", "stamp_piano_museum",
          "stamp_gangzaihou_beach", "stamp_haoyue_garden", "stamp_bagua_lou", "stamp_catholic_church",
          "stamp_trinity_church", "stamp_sanqiutian_pier"]
BADGES = ["all_stamps", "three_in_a_row", "found_music_score"]
COLLECTIBLES = ["music_score", "seashell", "organ_pipe"]
ISSUED = date(2026, 5, 1)
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
posix_only = pytest.mark.skipif(os.name != "posix", reason="owner-only file modes are POSIX")


def typical(ring: Keyring, **changes) -> str:
    fields = dict(scene="gulangyu", scene_name=GULANGYU, session="a1b2c3d4", stamps=STAMPS, badges=BADGES,
                  collectibles=COLLECTIBLES, score=245, issued=ISSUED)
    fields.update(changes)
    return issue(ring, **fields)


@pytest.fixture
def ring(tmp_path) -> Keyring:
    return Keyring(tmp_path / "kiosk-a")


@pytest.fixture
def other(tmp_path) -> Keyring:
    return Keyring(tmp_path / "kiosk-b")


def substitute(text: str, index: int) -> str:
    """The text with the Base32 character at `index` replaced by another Base32 character."""
    old = text[index]
    new = B32[(B32.index(old) + 13) % 32]
    return text[:index] + new + text[index + 1:]


# --- the installation's key ------------------------------------------------------------------------------

@posix_only
def test_key_created_on_first_use_owner_only_and_reused(tmp_path):
    data = tmp_path / "data"
    ring = Keyring(data)
    assert not (data / "keys").exists(), "constructing a Keyring writes nothing"
    key_id = ring.public_key_id
    key_file = data / "keys" / "installation.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "keys").stat().st_mode) == 0o700
    assert key_id == hashlib.sha256(ring.public_key_bytes).hexdigest()[:8] == key_id_of(ring.public_key)
    before = key_file.read_bytes()
    again = Keyring(data)
    assert again.public_key_id == key_id
    assert again.sign(b"x") == ring.sign(b"x")  # Ed25519 is deterministic: the same key signs the same
    assert key_file.read_bytes() == before
    assert not [p for p in (data / "keys").iterdir() if p.name.endswith(".tmp")]


@posix_only
def test_key_permissions_tightened_when_loose(tmp_path):
    ring = Keyring(tmp_path)
    ring.public_key_id
    os.chmod(ring.key_path, 0o644)
    os.chmod(ring.key_dir, 0o755)
    again = Keyring(tmp_path)
    again.sign(b"x")
    assert stat.S_IMODE(ring.key_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(ring.key_dir.stat().st_mode) == 0o700


def test_verifying_on_a_fresh_data_folder_creates_no_key(tmp_path, other):
    text = typical(other)
    fresh = Keyring(tmp_path / "fresh")
    assert verify(text, fresh).status is VerifyStatus.UNTRUSTED
    assert not (tmp_path / "fresh").exists()


def test_damaged_key_file_is_an_error_naming_it_and_is_kept(tmp_path):
    ring = Keyring(tmp_path)
    ring.key_dir.mkdir(parents=True)
    ring.key_path.write_text("not a key")
    with pytest.raises(KeyringError, match="installation.key"):
        ring.sign(b"x")
    assert ring.key_path.read_text() == "not a key"


def test_trust_accepts_raw_bytes_pem_file_and_rejects_junk(ring, other, tmp_path):
    assert ring.trust(other.public_key_bytes) == other.public_key_id
    third = Keyring(tmp_path / "kiosk-c")
    third.public_key_id
    assert ring.trust(third.public_path) == third.public_key_id  # installation.pub, PEM
    assert set(ring.trusted_keys()) == {other.public_key_id, third.public_key_id}  # own key not made yet
    ring.public_key_id
    assert set(ring.trusted_keys()) == {ring.public_key_id, other.public_key_id, third.public_key_id}
    with pytest.raises(ValueError):
        ring.trust(b"not a key at all")
    (ring.trusted_dir / "junk.pub").write_text("garbage")
    assert len(ring.trusted_keys()) == 3  # a bad file there is skipped, not fatal


# --- the certificate ---------------------------------------------------------------------------------------

def test_round_trip_genuine(ring):
    text = typical(ring)
    result = verify(text, ring)
    assert result.status is VerifyStatus.GENUINE and EXIT_CODES[result.status] == 0
    assert "genuine" in result.message and "this installation" in result.message
    assert ring.public_key_id in result.message and result.key_id == ring.public_key_id
    cert = result.certificate
    assert (cert.scene, cert.scene_name, cert.session, cert.score, cert.issued) == (
        "gulangyu", GULANGYU, "a1b2c3d4", 245, ISSUED)
    assert (list(cert.stamps), list(cert.badges), list(cert.collectibles)) == (STAMPS, BADGES, COLLECTIBLES)
    # stable: decoding and encoding again gives the same text; the JSON is canonical
    decoded = decode(text)
    assert encode(decoded.certificate, decoded.signature) == text
    raw = canonical_json(cert).decode()
    assert raw.startswith('{"b":[') and " " not in raw.replace("Gulangyu", "") and "鼓浪屿" in raw


def test_typical_certificate_is_short_and_fits_a_small_qr_code(ring):
    text = typical(ring)
    qr = segno.make(text, error="m", micro=False)
    print(f"\ntypical certificate: {len(text)} characters, QR version {qr.version}-{qr.error}, {qr.mode} mode")
    assert text.startswith(PREFIX) and len(text) < 400
    assert qr.mode == "alphanumeric" and qr.version <= 12
    # ids the frozen dictionary never saw still fit comfortably
    unseen = typical(ring, scene="nanjing_road", scene_name={"zh": "南京路", "en": "Nanjing Road"},
                     stamps=[f"checkin_landmark_{i:02d}" for i in range(10)],
                     badges=["night_owl", "speed_runner", "perfectionist"],
                     collectibles=["lucky_coin", "old_map", "paper_lantern"])
    unseen_qr = segno.make(unseen, error="m", micro=False)
    print(f"with ids unknown to the dictionary: {len(unseen)} characters, QR version {unseen_qr.version}")
    assert unseen_qr.version <= 14


def test_no_personal_data_fields(ring):
    payload = decode(typical(ring)).certificate.payload()
    assert set(payload) == {"b", "c", "d", "n", "p", "s", "t", "u"}
    for session in ("zhangwei", "Wang Fang", "13800138000x", "a1b2"):
        with pytest.raises(ValueError, match="session"):
            typical(ring, session=session)
    with pytest.raises(ValueError, match="date"):
        typical(ring, issued=datetime(2026, 5, 1, 10, 30))
    with pytest.raises(ValueError, match="listed twice"):
        typical(ring, stamps=["stamp_bagua_lou", "stamp_bagua_lou"])
    with pytest.raises(ValueError, match="not an id"):
        typical(ring, badges=["Has Spaces"])


def test_every_single_character_change_is_caught(ring):
    """Each character of the payload and signature parts replaced, one at a time: never genuine;
    forged (signature fails) or unreadable, each with a message saying so."""
    text = typical(ring)
    start = len(PREFIX)
    dot = text.index(".")
    seen = {VerifyStatus.FORGED: 0, VerifyStatus.MALFORMED: 0}
    for index in range(start, len(text)):
        if index == dot:
            continue
        result = verify(substitute(text, index), ring)
        assert result.status in seen, (index, result)
        seen[result.status] += 1
        if result.status is VerifyStatus.FORGED:
            assert result.message.startswith("forged or altered: the signature does not match")
            assert result.certificate is None
        else:
            assert result.message.startswith("unreadable: ") and ("damaged" in result.message or
                                                                  "altered" in result.message), result.message
    assert seen[VerifyStatus.FORGED] > 0
    print(f"\n{len(text) - start - 1} single-character changes: {seen[VerifyStatus.FORGED]} forged, "
          f"{seen[VerifyStatus.MALFORMED]} unreadable")


def test_byte_flips_in_public_key_and_signature_are_forged(ring):
    text = typical(ring)
    in_public_key = len(PREFIX) + 10                 # the first 51 characters of the payload part
    in_signature = text.index(".") + 40
    for changed in (substitute(text, in_public_key), substitute(text, in_signature)):
        result = verify(changed, ring)
        assert result.status is VerifyStatus.FORGED and EXIT_CODES[result.status] == 5


def test_stray_bits_in_the_last_character_are_not_genuine(ring):
    """Base32's last character carries unused bits: changing only those leaves the bytes equal, so a
    lax decoder would call the altered text genuine."""
    text = typical(ring)
    last = text[-1]
    twin = B32[B32.index(last) ^ 1]                 # differs only in the lowest, unused bit
    result = verify(text[:-1] + twin, ring)
    assert result.status is VerifyStatus.MALFORMED and "stray bits" in result.message


def test_changed_content_with_the_old_signature_is_forged(ring):
    decoded = decode(typical(ring))
    cert = decoded.certificate
    for changed in (dataclasses.replace(cert, stamps=cert.stamps[:-1] + ("stamp_neicuoao_pier",)),
                    dataclasses.replace(cert, score=9999),
                    dataclasses.replace(cert, issued=date(2026, 5, 2))):
        result = verify(encode(changed, decoded.signature), ring)
        assert result.status is VerifyStatus.FORGED, result
        assert "signature does not match" in result.message


def test_another_installation_untrusted_until_trusted(ring, other):
    text = typical(other)
    ring.public_key_id  # this installation has its own key too
    result = verify(text, ring)
    assert result.status is VerifyStatus.UNTRUSTED and EXIT_CODES[result.status] == 4
    assert "signature valid" in result.message and other.public_key_id in result.message
    assert "not one this installation trusts" in result.message
    assert result.certificate.stamps == tuple(STAMPS)
    # altered and from an untrusted installation: the embedded key tells forged from genuine
    assert verify(substitute(text, text.index(".") + 5), ring).status is VerifyStatus.FORGED

    ring.trust(other.public_key_bytes)
    trusted = verify(text, ring)
    assert trusted.status is VerifyStatus.GENUINE
    assert f"trusted installation {other.public_key_id}" in trusted.message
    assert trusted.key_id == other.public_key_id


def test_a_key_whose_id_collides_with_a_trusted_one_is_not_trusted(ring, other, tmp_path, monkeypatch):
    """Key ids are 32 bits, so a collision can be ground out; trust is by the whole key."""
    text = typical(other)
    ring.trust(other.public_key_bytes)
    impostor = Keyring(tmp_path / "impostor")
    impostor.public_key_id
    forged_text = typical(impostor)
    import engine.souvenir.certificate as certificate
    monkeypatch.setattr(certificate, "key_id_of", lambda key: other.public_key_id)
    assert verify(text, ring).status is VerifyStatus.GENUINE
    result = verify(forged_text, ring)
    assert result.status is VerifyStatus.UNTRUSTED and "collides" in result.message


@pytest.mark.parametrize("text, words", [
    ("", "empty"),
    ("hello", "not a Ludao certificate"),
    ("LUDAO2:ABCDEFGH.ABCDEFGH", "format 2"),
    ("LUDAO1:ABCDEFGH", "two parts"),
    ("LUDAO1:abcdefgh.ABCDEFGH", "not Base32"),
    ("LUDAO1:ABCDEFGH.ABCDEFGH", "not 64"),
    ("x" * 20000, "too long"),
])
def test_unreadable_texts_are_malformed_with_a_clear_message(ring, text, words):
    result = verify(text, ring)
    assert result.status is VerifyStatus.MALFORMED and EXIT_CODES[result.status] == 2
    assert result.message.startswith("unreadable: ") and words in result.message, result.message


def test_truncated_certificate_is_malformed(ring):
    text = typical(ring)
    for cut in (len(text) - 1, text.index(".") + 1, text.index("."), len(PREFIX) + 40):
        result = verify(text[:cut], ring)
        assert result.status is VerifyStatus.MALFORMED, (cut, result)


def test_format_1_golden_certificate_still_verifies(tmp_path):
    """A certificate issued when format 1 was frozen must verify forever: it pins the text format,
    the preset dictionary, the canonical JSON and what is signed."""
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    ring = Keyring(tmp_path)
    ring.trust(key.public_key())
    result = verify(GOLDEN, ring)
    assert result.status is VerifyStatus.GENUINE, result.message
    cert = result.certificate
    assert cert.stamps == tuple(STAMPS) and cert.score == 245 and cert.issued == ISSUED
    assert hashlib.sha256(DICTIONARY_V1).hexdigest() == DICTIONARY_V1_SHA256


# --- verifying a file -------------------------------------------------------------------------------------

def test_verify_file_txt(ring, other, tmp_path):
    text = typical(ring)
    good = tmp_path / "souvenir.txt"
    good.write_text(text + "\n", encoding="utf-8")
    result = verify_file(good, ring)
    assert result.status is VerifyStatus.GENUINE and result.message.startswith(f"{good}: genuine")
    bare = tmp_path / "souvenir.cert"
    bare.write_bytes(text.encode())  # the text alone, without the line feed, is the same one text
    assert verify_file(bare, ring).status is VerifyStatus.GENUINE
    cert_file = tmp_path / "windows.cert"
    cert_file.write_bytes(b"\xef\xbb\xbf" + text.encode() + b"\r\n")  # a BOM and CRLF from a Windows editor:
    result = verify_file(cert_file, ring)  # another text of the certificate, refused (one text per certificate)
    assert result.status is VerifyStatus.MALFORMED and "byte-order mark" in result.message

    forged = tmp_path / "forged.txt"
    forged.write_text(substitute(text, text.index(".") + 9))
    assert EXIT_CODES[verify_file(forged, ring).status] == 5
    foreign = tmp_path / "foreign.txt"
    foreign.write_text(typical(other))
    assert EXIT_CODES[verify_file(foreign, ring).status] == 4

    for path, words in ((tmp_path / "missing.txt", "no such file"), (tmp_path, "not a file")):
        result = verify_file(path, ring)
        assert result.status is VerifyStatus.MALFORMED and words in result.message
    binary = tmp_path / "noise.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    assert verify_file(binary, ring).status is VerifyStatus.MALFORMED


def test_verify_file_png(ring, other, tmp_path):
    pytest.importorskip("cv2")
    from PIL import Image

    from engine.souvenir.postcard import render_postcard
    text = typical(ring)
    view = Image.new("RGB", (640, 480), (90, 140, 200))
    stamps = [{"id": s, "name": {"zh": s, "en": s}} for s in STAMPS]
    card = render_postcard(view, text, scene_name=GULANGYU, stamps=stamps, badges=[], date=ISSUED, lang="en",
                           out=tmp_path / "card.png")
    result = verify_file(card, ring)
    assert result.status is VerifyStatus.GENUINE and result.certificate.stamps == tuple(STAMPS)
    assert result.message.startswith(f"{card}: genuine")

    foreign = render_postcard(view, typical(other), scene_name=GULANGYU, stamps=stamps, badges=[], date=ISSUED,
                              lang="zh", out=tmp_path / "foreign.png")
    assert verify_file(foreign, ring).status is VerifyStatus.UNTRUSTED

    blank = tmp_path / "blank.png"
    Image.new("RGB", (400, 300), "white").save(blank)
    result = verify_file(blank, ring)
    assert result.status is VerifyStatus.MALFORMED and "no readable QR code" in result.message
    broken = tmp_path / "broken.png"
    broken.write_bytes(card.read_bytes()[:200])
    result = verify_file(broken, ring)
    assert result.status is VerifyStatus.MALFORMED and "cannot read the image" in result.message


def test_exit_codes_are_distinct():
    assert EXIT_CODES == {VerifyStatus.GENUINE: 0, VerifyStatus.MALFORMED: 2, VerifyStatus.UNTRUSTED: 4,
                          VerifyStatus.FORGED: 5}
    assert set(EXIT_CODES) == set(VerifyStatus)


def test_decode_gives_a_certificate_object(ring):
    decoded = decode(typical(ring))
    assert isinstance(decoded.certificate, Certificate) and len(decoded.signature) == 64
    assert decoded.certificate.key_id == ring.public_key_id
    with pytest.raises(MalformedCertificate):
        decode("LUDAO1:")


DICTIONARY_V1_SHA256 = "e6a3306d0f6b1766a2d202dba68bd2300cac5b50019163add8e7ff0a629e7960"
# typical() signed with the test key bytes(range(32)), when format 1 was frozen
GOLDEN = ("LUDAO1:AOQQPP7TZYIL4HLQ3UMOOS6ATFT6JVRQTOSQ2XY53SDGIESVGG4G3E63BXACADADO7UQNJJQKAPVFJ7I5ZGVJOB45APTEENSZXS47"
          "4LEORVAXP26SOLXW63SWTTHJVRSGWERLLEPGUNBCWFQT2S5J5XFXBW5BZIJCAJS4YEMTJA6NQVDRSMGDZRC4CGAVUBIBFU7ICFVXGFVQ23N"
          "7JA7W6UUOO56V4V4.RG2KC3YY4O7UPYSOXQKCGMM65CKBDR4CNM6ZKPJWTYQUWKYZGX52ERWDQXDWBXO5LHPKUTNZNQHG53M47U6UIRP5UJVD"
          "D4ECHFLSOBA")


@pytest.mark.parametrize("payload, words", [
    (b"[" * 5000 + b"]" * 5000, "not valid JSON"),
    (b'{"p":' + b"9" * 5000 + b"}", "not valid JSON"),
    (b"\xff\xfe", "not valid JSON"),
    (b'{"s":"gulangyu"}', "missing fields"),
    (b'{ "b":[],"c":[],"d":"2026-05-01","n":{"en":"G","zh":"G"},"p":1,"s":"g","t":[],"u":"a1b2c3d4"}',
     "canonical"),
    (b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"G","zh":"G"},"p":1,"s":"g","t":[],"u":"a1b2c3d4","x":1}',
     "unknown fields"),
    (b'{"b":[],"c":[],"d":"2026-13-01","n":{"en":"G","zh":"G"},"p":1,"s":"g","t":[],"u":"a1b2c3d4"}',
     "bad field"),
    (b'{"b":[],"c":[],"d":"2026-05-01","n":{"en":"G","zh":"G"},"p":1.5,"s":"g","t":[],"u":"a1b2c3d4"}',
     "score"),
], ids=["nested", "huge-number", "not-utf8", "missing", "spaces", "extra-field", "bad-date", "float-score"])
def test_signed_nonsense_from_a_hostile_issuer_is_malformed_not_a_crash(payload, words):
    """Anyone can sign anything with a key of their own: the content is checked after the signature,
    and whatever it holds, verify answers MALFORMED instead of raising."""
    from engine.souvenir.compact import b32encode, deflate
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes_raw()
    signature = key.sign(PREFIX.encode() + public + payload)
    text = f"{PREFIX}{b32encode(public + deflate(payload))}.{b32encode(signature)}"
    result = verify(text, Keyring(Path("/nonexistent/ludao")))
    assert result.status is VerifyStatus.MALFORMED and words in result.message, result.message
    assert "signed by installation" in result.message
