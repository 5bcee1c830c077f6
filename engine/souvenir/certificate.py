"""Signed certificates of what a visitor collected: issue, encode, decode, verify.

Text format, version 1 (only the characters of a QR code's alphanumeric mode)::

    LUDAO1:<BASE32(public key ‖ DEFLATE(payload JSON))>.<BASE32(signature)>

- public key: the issuing installation's Ed25519 key, 32 raw bytes. Its key id (first 8 hex digits
  of SHA-256 over those bytes) is what messages name. The whole key is carried, not just its id, so
  a verifier can tell a genuine souvenir of an installation it does not trust from a forged one.
- payload JSON: canonical (keys sorted, no spaces, UTF-8, no escapes) with one-letter keys:
  ``b`` badge ids, ``c`` collectible ids, ``d`` issue date ``YYYY-MM-DD``, ``n`` scene name
  ``{"en","zh"}``, ``p`` score, ``s`` scene id, ``t`` stamp ids, ``u`` anonymous session id (hex).
  Lists keep the order they were collected in. No personal data: there is no field for any.
- DEFLATE: raw, with the frozen format-1 preset dictionary (see compact.py).
- signature: Ed25519 over ``b"LUDAO1:" ‖ public key ‖ payload JSON``, i.e. over the meaning, not
  over its compressed form: any decoder that recovers the same canonical JSON verifies it.

Exactly one text is accepted per certificate: the one `encode` writes. Decoding is strict, the JSON
must be canonical, and after decoding the certificate is encoded again and must give back the very
text it came from, byte for byte. That refuses what a decoder alone would let through: other
DEFLATE streams of the same payload (another level or strategy, set padding bits in the last
byte), stray bits in Base32's last character, lower case, and anything around the text (spaces,
line breaks, a byte-order mark). The file form is verify_file.py's business. Re-encoding relies on
zlib's output for level 9 being stable; the golden certificate in the tests pins it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Iterable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from engine.souvenir.compact import EncodingError, b32decode, b32encode, deflate, inflate
from engine.souvenir.keys import Keyring, key_id_of

PREFIX = "LUDAO1:"
FORMAT_PREFIX = re.compile(r"LUDAO(\d+):")
MAX_TEXT = 8192          # characters; a QR code holds at most 4,296 alphanumeric ones
MAX_ITEMS = 200          # of each kind
MAX_SCORE = 10**9
ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
SESSION = re.compile(r"[0-9a-f]{6,32}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KEYS = {"b", "c", "d", "n", "p", "s", "t", "u"}
_OPTIONAL_KEYS = {"e"}  # the events of the visit, when there were any


class MalformedCertificate(ValueError):
    """Not a readable Ludao certificate; the message says what is wrong, for a visitor or operator."""


class VerifyStatus(Enum):
    GENUINE = "genuine"        # signed by this installation or one it trusts
    UNTRUSTED = "untrusted"    # a valid signature, by an installation this one does not trust
    FORGED = "forged"          # the signature does not match: altered or forged
    MALFORMED = "malformed"    # not readable as a certificate


@dataclass(frozen=True)
class Certificate:
    scene: str
    scene_name: dict[str, str]
    session: str
    stamps: tuple[str, ...]
    badges: tuple[str, ...]
    collectibles: tuple[str, ...]
    score: int
    issued: date
    public_key: bytes = field(repr=False)  # 32 raw bytes of the issuer's Ed25519 key
    events: tuple[str, ...] = ()  # the event overlays on during the visit (ids); absent from the text when none

    @property
    def key_id(self) -> str:
        return key_id_of(self.public_key)

    def payload(self) -> dict:
        data = {"b": list(self.badges), "c": list(self.collectibles), "d": self.issued.isoformat(),
                "n": {"en": self.scene_name["en"], "zh": self.scene_name["zh"]}, "p": self.score,
                "s": self.scene, "t": list(self.stamps), "u": self.session}
        if self.events:  # only when there were any: a certificate of an ordinary day is as it always was
            data["e"] = list(self.events)
        return data

    def summary(self) -> str:
        return (f"{self.scene_name['en']} {self.scene_name['zh']}, {self.issued.isoformat()}: "
                f"{_count(len(self.stamps), 'stamp')}, {_count(len(self.badges), 'badge')}, "
                f"{_count(len(self.collectibles), 'collectible')}, score {self.score}, session {self.session}"
                + (f", during {', '.join(self.events)}" if self.events else ""))


@dataclass(frozen=True)
class Decoded:
    certificate: Certificate
    signature: bytes


@dataclass(frozen=True)
class VerifyResult:
    status: VerifyStatus
    message: str
    certificate: Certificate | None = None
    key_id: str | None = None  # the signer's key id, when the text was readable enough to tell

    @property
    def genuine(self) -> bool:
        return self.status is VerifyStatus.GENUINE


# --- issuing -------------------------------------------------------------------------------------------

def issue(ring: Keyring, *, scene: str, scene_name: dict, session: str, stamps: Iterable = (),
          badges: Iterable = (), collectibles: Iterable = (), score: int = 0, issued: date,
          events: Iterable = ()) -> str:
    """Sign a certificate with the installation's key (made on first use); returns its text.
    Stamps, badges and collectibles are ids, dicts with an "id" or objects with .id; scene_name is
    {zh, en} or an object with .zh and .en. ValueError on bad input (nothing is signed)."""
    if not isinstance(scene_name, dict):  # a manifest Text, with .zh and .en
        scene_name = {"zh": getattr(scene_name, "zh", None), "en": getattr(scene_name, "en", None)}
    cert = Certificate(scene=scene, scene_name=dict(scene_name), session=session, stamps=_ids(stamps),
                       badges=_ids(badges), collectibles=_ids(collectibles), score=score, issued=issued,
                       public_key=ring.public_key_bytes, events=_ids(events))
    problem = _problem(cert)
    if problem:
        raise ValueError(f"cannot issue a certificate: {problem}")
    return encode(cert, ring.sign(signed_bytes(cert)))


def canonical_json(cert: Certificate) -> bytes:
    return json.dumps(cert.payload(), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def signed_bytes(cert: Certificate) -> bytes:
    """What the signature covers: the format prefix, the issuer's public key and the canonical JSON."""
    return PREFIX.encode("ascii") + cert.public_key + canonical_json(cert)


def encode(cert: Certificate, signature: bytes) -> str:
    """The certificate's text with this signature (which encode does not check)."""
    if len(cert.public_key) != 32 or len(signature) != 64:
        raise ValueError("an Ed25519 public key is 32 bytes and a signature 64")
    return f"{PREFIX}{b32encode(cert.public_key + deflate(canonical_json(cert)))}.{b32encode(signature)}"


# --- reading ---------------------------------------------------------------------------------------------

def decode(text: str) -> Decoded:
    """Parse a certificate's text without judging its signature. MalformedCertificate if unreadable."""
    public_key, payload, signature = _unpack(text)
    cert = _parse(public_key, payload)
    _require_canonical(text, cert, signature)
    return Decoded(cert, signature)


def _require_canonical(text: str, cert: Certificate, signature: bytes) -> None:
    """One text per certificate: its content must encode back to exactly the text given."""
    if encode(cert, signature) != text:
        raise MalformedCertificate("the text is not the one Ludao writes for its content (it was re-encoded "
                                   "or altered, e.g. compressed differently)")


def _unpack(text: str) -> tuple[bytes, bytes, bytes]:
    """The issuer's public key, the payload JSON bytes (not yet parsed) and the signature."""
    if not isinstance(text, str):
        raise MalformedCertificate("a certificate is text")
    if not text:
        raise MalformedCertificate("the certificate is empty")
    if text != text.strip() or text.startswith("\ufeff"):
        raise MalformedCertificate("there are spaces, line breaks or a byte-order mark around the text; a "
                                   "certificate is exactly its text")
    if len(text) > MAX_TEXT:
        raise MalformedCertificate(f"{len(text)} characters is too long for a Ludao certificate")
    version = FORMAT_PREFIX.match(text)
    if not version:
        raise MalformedCertificate(f"not a Ludao certificate (it should start with {PREFIX!r})")
    if version.group(0) != PREFIX:
        raise MalformedCertificate(f"a certificate of format {version.group(1)}, which this version of Ludao "
                                   f"cannot read (it reads format 1)")
    body, dot, sig_text = text[len(PREFIX):].partition(".")
    if not dot or "." in sig_text:
        raise MalformedCertificate("damaged: a certificate has two parts, content and signature, joined by '.'")
    try:
        blob = b32decode(body)
    except EncodingError as exc:
        raise MalformedCertificate(f"damaged or altered content part: {exc}") from None
    try:
        signature = b32decode(sig_text)
    except EncodingError as exc:
        raise MalformedCertificate(f"damaged or altered signature part: {exc}") from None
    if len(signature) != 64:
        raise MalformedCertificate(f"damaged or altered: the signature is {len(signature)} bytes, not 64")
    if len(blob) < 33:
        raise MalformedCertificate("damaged: the content part is too short")
    try:
        payload = inflate(blob[32:])
    except EncodingError as exc:
        raise MalformedCertificate(f"damaged or altered content part: {exc}") from None
    return blob[:32], payload, signature


def _parse(public_key: bytes, raw: bytes) -> Certificate:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested too deep, a 5000-digit number
        raise MalformedCertificate(f"the content is not valid JSON ({type(exc).__name__})") from None
    cert = _from_payload(data, public_key)
    try:
        again = canonical_json(cert)
    except UnicodeEncodeError:  # an escaped lone surrogate (\ud800): JSON allows it, UTF-8 has no form of it
        raise MalformedCertificate("the content holds a character that has no UTF-8 form (a lone surrogate)") from None
    if again != raw:
        raise MalformedCertificate("the content is not in canonical form (it was written by something other "
                                   "than Ludao)")
    return cert


def _from_payload(data, public_key: bytes) -> Certificate:
    if not isinstance(data, dict):
        raise MalformedCertificate("the content is not a JSON object")
    missing, extra = _KEYS - data.keys(), data.keys() - _KEYS - _OPTIONAL_KEYS
    if missing or extra:
        raise MalformedCertificate("the content has " + "; ".join(
            part for part in (f"missing fields {sorted(missing)}" if missing else "",
                              f"unknown fields {sorted(extra)}" if extra else "") if part))
    try:
        cert = Certificate(scene=data["s"], scene_name=data["n"], session=data["u"], stamps=_strict_ids(data["t"]),
                           badges=_strict_ids(data["b"]), collectibles=_strict_ids(data["c"]), score=data["p"],
                           issued=_date(data["d"]), public_key=public_key, events=_strict_ids(data.get("e", [])))
    except (TypeError, ValueError) as exc:
        raise MalformedCertificate(f"the content has a bad field: {exc}") from None
    problem = _problem(cert)
    if problem:
        raise MalformedCertificate(f"the content has a bad field: {problem}")
    return cert


# --- verifying ----------------------------------------------------------------------------------------------

def verify(text: str, ring: Keyring) -> VerifyResult:
    """Judge a certificate's text against this installation's trusted keys. Never raises for bad text.

    The signature is checked before the content is parsed: once the text unpacks, any change to
    it is FORGED, whatever the change did to the JSON."""
    try:
        public_key, payload, signature = _unpack(text)
    except MalformedCertificate as exc:
        return VerifyResult(VerifyStatus.MALFORMED, f"unreadable: {exc}")
    key_id = key_id_of(public_key)
    if not _signature_holds(public_key, signature, PREFIX.encode("ascii") + public_key + payload):
        return VerifyResult(VerifyStatus.FORGED, f"forged or altered: the signature does not match the content "
                            f"(it claims to come from installation {key_id})", None, key_id)
    try:
        cert = _parse(public_key, payload)
        _require_canonical(text, cert, signature)
    except MalformedCertificate as exc:  # signed, yet not a certificate: a broken or hostile issuer
        return VerifyResult(VerifyStatus.MALFORMED, f"unreadable: signed by installation {key_id}, but {exc}",
                            None, key_id)
    trusted_key = ring.trusted_keys().get(key_id)
    if trusted_key is None or trusted_key.public_bytes_raw() != public_key:
        why = ("not one this installation trusts" if trusted_key is None
               else "not the trusted key with that id (a different key whose id collides)")
        return VerifyResult(VerifyStatus.UNTRUSTED, f"signature valid, but made by installation {key_id}, {why}: "
                            f"{cert.summary()}", cert, key_id)
    who = "this installation" if ring.has_key() and ring.public_key_id == key_id else "trusted installation"
    return VerifyResult(VerifyStatus.GENUINE, f"genuine, signed by {who} {key_id}: {cert.summary()}", cert, key_id)


def _signature_holds(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- field checks --------------------------------------------------------------------------------------------

def _ids(items: Iterable) -> tuple[str, ...]:
    """Ids from ids, dicts with an "id", or objects with .id (a game Checkin, Badge, Collectible)."""
    return tuple(item["id"] if isinstance(item, dict) else getattr(item, "id", item) for item in items)


def _strict_ids(items) -> tuple[str, ...]:
    if not isinstance(items, list):
        raise TypeError(f"expected a list of ids, got {type(items).__name__}")
    return tuple(items)


def _date(text) -> date:
    if not isinstance(text, str) or not ISO_DATE.fullmatch(text):
        raise ValueError(f"the date should be YYYY-MM-DD, got {text!r}")
    return date.fromisoformat(text)


def _problem(cert: Certificate) -> str | None:
    """What is wrong with a certificate's fields, or None."""
    if not isinstance(cert.scene, str) or not ID.fullmatch(cert.scene):
        return f"scene id {cert.scene!r} is not an id (lower-case letters, digits, '_', '-')"
    name = cert.scene_name
    if not isinstance(name, dict) or set(name) != {"zh", "en"} or not all(
            isinstance(v, str) and 0 < len(v) <= 80 for v in name.values()):
        return "the scene name should be {zh, en}, each 1-80 characters"
    if not isinstance(cert.session, str) or not SESSION.fullmatch(cert.session):
        return (f"session {cert.session!r} should be an anonymous id of 6-32 lower-case hex digits "
                "(for instance the first 8 of the visit's id)")
    for kind, items in (("stamp", cert.stamps), ("badge", cert.badges), ("collectible", cert.collectibles),
                        ("event", cert.events)):
        if len(items) > MAX_ITEMS:
            return f"more than {MAX_ITEMS} {kind}s"
        for item in items:
            if not isinstance(item, str) or not ID.fullmatch(item):
                return f"{kind} id {item!r} is not an id (lower-case letters, digits, '_', '-')"
        if len(set(items)) != len(items):
            return f"a {kind} is listed twice"
    if type(cert.score) is not int or not 0 <= cert.score <= MAX_SCORE:
        return f"score {cert.score!r} should be a whole number from 0 to {MAX_SCORE}"
    if type(cert.issued) is not date or not 2000 <= cert.issued.year <= 9999:
        return f"issue date {cert.issued!r} should be a date (datetime.date, no time of day)"
    if not isinstance(cert.public_key, bytes) or len(cert.public_key) != 32:
        return "the issuer's public key should be 32 bytes"
    return None


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
