"""Signed digital souvenirs: a certificate of what a visitor collected, signed with the
installation's Ed25519 key, and a postcard PNG that carries the whole certificate in a QR code.

    keys.py          the installation's signing key and the keys it trusts (data folder, keys/)
    certificate.py   issue, encode, decode, verify; the LUDAO1 text format
    compact.py       the wire encoding: DEFLATE with a frozen dictionary, then Base32
    postcard.py      render the postcard; read a certificate back from an image's QR code
    verify_file.py   verify a certificate file or a postcard image

`souvenir verify` exits with EXIT_CODES[result.status].
"""
from engine.souvenir.certificate import VerifyStatus

EXIT_CODES = {VerifyStatus.GENUINE: 0, VerifyStatus.MALFORMED: 2, VerifyStatus.UNTRUSTED: 4,
              VerifyStatus.FORGED: 5}
