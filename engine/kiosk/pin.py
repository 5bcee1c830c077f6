"""The operator's PIN, stored in kiosk.yaml as a salted hash, never in plain:
`pin_sha256` is PBKDF2-HMAC-SHA256 of the PIN's digits with `salt` (hex), ITERATIONS rounds.

Make one with `python -m engine.kiosk.pin` (asks for the PIN twice, prints the two lines)."""
from __future__ import annotations

import hashlib
import hmac
import secrets

ITERATIONS = 100_000


def pin_hash(pin: str, salt_hex: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt_hex), ITERATIONS).hex()


def new_pin_lines(pin: str) -> str:
    """The lines to paste under `operator:` in kiosk.yaml for `pin`."""
    salt = secrets.token_hex(16)
    return f"  salt: {salt}\n  pin_sha256: {pin_hash(pin, salt)}\n"


def pin_matches(pin: str, salt_hex: str, expected_hex: str) -> bool:
    return hmac.compare_digest(pin_hash(pin, salt_hex), expected_hex.lower())


def main() -> int:
    import getpass
    pin = getpass.getpass("operator PIN (digits, 4-12): ")
    if not (pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 12):
        print("a PIN is 4 to 12 digits (the kiosk's PIN pad has only digits)")
        return 2
    if getpass.getpass("again: ") != pin:
        print("the two PINs differ")
        return 2
    print("# under `operator:` in kiosk.yaml\n" + new_pin_lines(pin), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
