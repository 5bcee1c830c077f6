"""The installation's Ed25519 signing key and the public keys it trusts.

Layout under the data folder (``--data DIR`` / ``LUDAO_DATA``)::

    keys/                    0o700
      installation.key       0o600  the private key, PEM (PKCS#8, unencrypted), made on first use
      installation.pub              its public key, PEM, to copy into other installations' trusted/
      trusted/<key id>.pub          public keys of other installations whose souvenirs count as genuine

A key id is the first 8 hex digits of SHA-256 over the 32 raw public-key bytes. The installation's
own key is always trusted. Nothing is written until a key is needed to sign: verifying on a fresh
data folder creates no key.

The key is never replaced silently: if installation.key cannot be read, signing stops with a
KeyringError that names the file (replacing it would orphan every souvenir already issued).
"""
from __future__ import annotations

import hashlib
import logging
import os
import secrets
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

log = logging.getLogger(__name__)

KEY_DIR_MODE = 0o700
KEY_FILE_MODE = 0o600
_POSIX = os.name == "posix"


class KeyringError(Exception):
    """A key file that cannot be read or written; the message names it."""


def raw_public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id_of(public: Ed25519PublicKey | bytes) -> str:
    raw = public if isinstance(public, bytes) else raw_public_bytes(public)
    return hashlib.sha256(raw).hexdigest()[:8]


def load_public_key(data: bytes | str | Path | Ed25519PublicKey) -> Ed25519PublicKey:
    """A public key from raw 32 bytes, PEM bytes, or a file holding either. ValueError otherwise."""
    if isinstance(data, Ed25519PublicKey):
        return data
    if isinstance(data, (str, Path)):
        path = Path(data)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValueError(f"{path}: cannot read the public key ({exc.strerror or exc})") from None
        try:
            return load_public_key(data)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None
    if len(data) == 32:
        return Ed25519PublicKey.from_public_bytes(data)
    if b"PRIVATE KEY-----" in data:  # the installation.key beside installation.pub, given by mistake
        raise ValueError("this is a private key: give the installation's public key (installation.pub) "
                         "and keep the private one where it is")
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise ValueError("not an Ed25519 public key (expected PEM or 32 raw bytes)") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"not an Ed25519 public key (it is {type(key).__name__})")
    return key


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


class Keyring:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.key_dir = self.data_dir / "keys"
        self.key_path = self.key_dir / "installation.key"
        self.public_path = self.key_dir / "installation.pub"
        self.trusted_dir = self.key_dir / "trusted"
        self._private: Ed25519PrivateKey | None = None

    # --- this installation's key ------------------------------------------------------------------
    @property
    def private_key(self) -> Ed25519PrivateKey:
        if self._private is None:
            self._ensure_dir(self.key_dir)
            if not self.key_path.exists():
                self._create_key()
            self._private = self._load_private()
            if not self.public_path.exists():
                _write_atomically(self.public_path, public_pem(self._private.public_key()), 0o644)
        return self._private

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def public_key_bytes(self) -> bytes:
        return raw_public_bytes(self.public_key)

    @property
    def public_key_id(self) -> str:
        return key_id_of(self.public_key)

    def has_key(self) -> bool:
        return self._private is not None or self.key_path.exists()

    def sign(self, payload: bytes) -> bytes:
        return self.private_key.sign(payload)

    # --- trust ----------------------------------------------------------------------------------------
    def trust(self, public: bytes | str | Path | Ed25519PublicKey) -> str:
        """Trust another installation's public key (PEM, raw bytes or a file); returns its key id."""
        key = load_public_key(public)
        key_id = key_id_of(key)
        self._ensure_dir(self.key_dir)
        self._ensure_dir(self.trusted_dir)
        _write_atomically(self.trusted_dir / f"{key_id}.pub", public_pem(key), 0o644)
        return key_id

    def trusted_keys(self) -> dict[str, Ed25519PublicKey]:
        """Key id -> public key: the trusted/ folder, and this installation's own key if it has one.
        A file there that is not a public key is skipped with a logged warning, not fatal."""
        keys: dict[str, Ed25519PublicKey] = {}
        if self.trusted_dir.is_dir():
            for path in sorted(self.trusted_dir.glob("*.pub")):
                try:
                    key = load_public_key(path)
                except ValueError as exc:
                    log.warning("skipping a trusted key: %s", exc)
                    continue
                keys[key_id_of(key)] = key
        if self.has_key():
            keys[self.public_key_id] = self.public_key
        return keys

    # --- files ----------------------------------------------------------------------------------------
    def _ensure_dir(self, path: Path) -> None:
        try:
            path.mkdir(mode=KEY_DIR_MODE, parents=True, exist_ok=True)
            if _POSIX and path.stat().st_mode & 0o077:
                os.chmod(path, KEY_DIR_MODE)
        except OSError as exc:
            raise KeyringError(f"{path}: cannot create the key folder ({exc.strerror or exc})") from None

    def _create_key(self) -> None:
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        try:
            _write_atomically(self.key_path, pem, KEY_FILE_MODE, replace=False)
        except FileExistsError:
            pass  # another process made it first: use theirs
        except OSError as exc:
            raise KeyringError(f"{self.key_path}: cannot create the signing key ({exc.strerror or exc})") from None
        log.info("created the installation's signing key %s", self.key_path)

    def _load_private(self) -> Ed25519PrivateKey:
        path = self.key_path
        try:
            if _POSIX and path.stat().st_mode & 0o077:
                os.chmod(path, KEY_FILE_MODE)
                log.warning("%s was readable by others; made it owner-only (0600)", path)
            data = path.read_bytes()
        except OSError as exc:
            raise KeyringError(f"{path}: cannot read the signing key ({exc.strerror or exc})") from None
        try:
            key = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise KeyringError(f"{path}: not a readable Ed25519 private key (PEM, unencrypted); it was not "
                               "replaced, because souvenirs already issued depend on it: restore it from a "
                               "backup, or move it away to start a new key") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyringError(f"{path}: holds a {type(key).__name__}, not an Ed25519 key")
        return key


def _write_atomically(path: Path, data: bytes, mode: int, *, replace: bool = True) -> None:
    """Write to a temporary file beside `path` created with `mode`, fsync, then move it into place:
    readers see the old file or the whole new one. With replace=False an existing `path` is kept
    and FileExistsError raised (a hard link is atomic and never overwrites)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if _POSIX:
            os.chmod(tmp, mode)  # os.open's mode is filtered by the umask
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise
            except OSError:  # no hard links on this file system
                if path.exists():
                    raise FileExistsError(path) from None
                os.replace(tmp, path)
        _fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    if not _POSIX:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
