"""One text per certificate: every other text of the same signed payload is refused, whether it
differs in Base32 padding bits, in DEFLATE padding bits, in how the payload was compressed, or in
what surrounds it (a byte-order mark, CRLF, spaces, lower case). The original is accepted."""
from __future__ import annotations

import zlib

import pytest

from engine.souvenir.certificate import PREFIX, MalformedCertificate, VerifyStatus, decode, verify
from engine.souvenir.compact import DICTIONARY_V1, b32decode, b32encode, inflate
from engine.souvenir.keys import Keyring
from engine.souvenir.verify_file import verify_file
from tests.test_souvenir import B32, typical

@pytest.fixture
def ring(tmp_path) -> Keyring:
    return Keyring(tmp_path / "kiosk")


STRATEGIES = (zlib.Z_DEFAULT_STRATEGY, zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED)


def _parts(text: str) -> tuple[bytes, bytes, str]:
    body, sig = text[len(PREFIX):].split(".")
    blob = b32decode(body)
    return blob[:32], blob[32:], sig


def _text(key: bytes, packed: bytes, sig: str) -> str:
    return f"{PREFIX}{b32encode(key + packed)}.{sig}"


def _base32_padding_twins(text: str) -> list[str]:
    """The text with each unused bit of either part's last Base32 character set."""
    body, sig = text.split(".")
    twins = []
    for part, rebuild in ((body, lambda p: f"{p}.{sig}"), (sig, lambda p: f"{body}.{p}")):
        unused = (-8 * len(b32decode(part.removeprefix(PREFIX)))) % 5
        for bit in range(unused):
            last = B32[B32.index(part[-1]) ^ (1 << bit)]
            twins.append(rebuild(part[:-1] + last))
    return twins


def _deflate_twins(text: str) -> tuple[list[str], list[str]]:
    """Other DEFLATE streams of the same payload: set padding bits of the last byte, and other
    compression levels, strategies and window settings (with and without the dictionary)."""
    key, packed, sig = _parts(text)
    payload = inflate(packed)
    padded = []
    for bit in range(8):
        changed = packed[:-1] + bytes([packed[-1] ^ (1 << bit)])
        try:
            if inflate(changed) == payload:
                padded.append(_text(key, changed, sig))
        except ValueError:
            pass  # a bit the stream uses
    recompressed = set()
    for level in range(10):
        for strategy in STRATEGIES:
            for mem in (1, 8, 9):
                for zdict in (DICTIONARY_V1, None):
                    packer = zlib.compressobj(level, zlib.DEFLATED, -15, mem, strategy,
                                              **({"zdict": zdict} if zdict else {}))
                    other_packed = packer.compress(payload) + packer.flush()
                    if other_packed != packed:
                        assert inflate(other_packed) == payload
                        recompressed.add(_text(key, other_packed, sig))
    return padded, sorted(recompressed)


def _surroundings(text: str) -> list[str]:
    return ["\ufeff" + text, text + "\r\n", text + "\n", " " + text, text + " ", "\t" + text, text.lower(),
            PREFIX + text[len(PREFIX):].lower(), text + "\n\n"]


def _with_deflate_padding(ring) -> str:
    """A real certificate whose DEFLATE stream ends inside a byte (unused padding bits to set)."""
    for score in range(245, 300):
        text = typical(ring, score=score)
        if _deflate_twins(text)[0]:
            return text
    raise AssertionError("no certificate with DEFLATE padding bits among 55 scores")


def test_only_the_one_text_of_a_certificate_verifies(ring, tmp_path):
    text = _with_deflate_padding(ring)
    assert verify(text, ring).status is VerifyStatus.GENUINE
    padded, recompressed = _deflate_twins(text)
    base32 = _base32_padding_twins(text)
    assert padded and len(recompressed) >= 10 and base32  # the test has alternatives to refuse
    for twin in base32 + padded + recompressed + _surroundings(text):
        assert twin != text
        result = verify(twin, ring)
        assert result.status in (VerifyStatus.MALFORMED, VerifyStatus.FORGED), (repr(twin[:12]), result.message)
    for twin in padded + recompressed:  # signed content, yet another text: refused as not Ludao's own
        assert "not the one Ludao writes" in verify(twin, ring).message
    print(f"\nrefused {len(base32)} Base32 padding twins, {len(padded)} DEFLATE padding twins, "
          f"{len(recompressed)} recompressions")


def test_a_certificate_file_holds_the_text_and_one_line_feed_at_most(ring, tmp_path):
    text = _with_deflate_padding(ring)
    path = tmp_path / "certificate.txt"
    for data in (text.encode(), text.encode() + b"\n"):
        path.write_bytes(data)
        assert verify_file(path, ring).status is VerifyStatus.GENUINE
    padded, recompressed = _deflate_twins(text)
    around = [t.encode() for t in _surroundings(text) if t != text + "\n"]  # that one is the file form
    for twin in around + [t.encode() + b"\n" for t in padded + recompressed[:5]]:
        path.write_bytes(twin)
        result = verify_file(path, ring)
        assert result.status in (VerifyStatus.MALFORMED, VerifyStatus.FORGED), (twin[:12], result.message)


def test_decode_refuses_other_texts_too(ring):
    text = _with_deflate_padding(ring)
    assert decode(text).certificate.score >= 245
    padded, recompressed = _deflate_twins(text)
    for twin in (padded + recompressed)[:5] + [text + "\n"]:
        with pytest.raises(MalformedCertificate):
            decode(twin)
