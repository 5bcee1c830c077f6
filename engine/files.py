"""Writing files so that a crash or power cut never leaves half of one: write a temporary file
beside the target, flush it to disk, then rename it over the target in one step.

Output paths come from the user (--out, --log, --frames): `check_output_file` and
`check_output_folder` refuse one that cannot be written before any work is done, and a write that
fails anyway raises OutputNotWritable (exit 2, the path and why), never a traceback."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Callable, Iterator

from engine.errors import OutputNotWritable

_NAME_MAX = 255  # bytes in one path component on the file systems we run on


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _nearest_existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def check_output_folder(folder: Path, what: str = "folder", *, target: Path | None = None) -> None:
    """Refuse a folder that can neither be used nor created (checked by making and removing a file).
    `target` is the file the user named, when the folder is its parent: messages name that file."""
    folder = Path(folder)
    shown = folder if target is None else target
    for part in folder.parts:
        if len(os.fsencode(part)) > _NAME_MAX:
            raise OutputNotWritable(shown, f"the name '{part[:40]}...' is too long")
    if folder.exists() and not folder.is_dir():
        raise OutputNotWritable(shown, f"the {what} is a file, not a folder" if target is None
                                else f"{folder} is a file, not a folder")
    existing = _nearest_existing(folder.absolute())
    if not existing.is_dir():
        raise OutputNotWritable(shown, f"{existing} is a file, not a folder")
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as exc:
        raise OutputNotWritable(shown, f"the folder {existing} is not writable ({_why(exc)})") from None


def check_output_file(path: Path, what: str = "file") -> None:
    """Refuse an output file that cannot be written: a folder in its place, an unwritable folder."""
    path = Path(path)
    if len(os.fsencode(path.name)) > _NAME_MAX:
        raise OutputNotWritable(path, "the file name is too long")
    if path.is_dir():
        raise OutputNotWritable(path, f"it is a folder; give a {what} name")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputNotWritable(path, "the file exists and is read-only")
    check_output_folder(path.parent, target=path)


@contextmanager
def atomic_write(path: Path, mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = None
                 ) -> Iterator[IO]:
    """`with atomic_write(path) as f: f.write(...)`: the file appears whole, or not at all."""
    path = Path(path)
    binary = "b" in mode
    with atomic_path(path) as tmp:
        try:
            f = open(tmp, mode, encoding=None if binary else encoding, newline=None if binary else newline)
        except OSError as exc:
            raise OutputNotWritable(path, _why(exc)) from None
        with f:
            yield f
            try:
                f.flush()
                os.fsync(f.fileno())
            except OSError as exc:  # a full disk, a quota
                raise OutputNotWritable(path, _why(exc)) from None


def _ordinary_mode() -> int:
    """What open() would give a new file: 0666 less the umask. (Secrets, the signing key, are
    written by engine.souvenir.keys with their own modes.)"""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` (same suffix, for writers that pick the format by it) that is
    renamed over `path` when the block ends without an exception, and removed otherwise."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=f".tmp{path.suffix}")
        os.close(fd)
        os.chmod(name, _ordinary_mode())  # mkstemp makes 0600; outputs are read by others (a web server, a printer)
    except OSError as exc:
        raise OutputNotWritable(path, _why(exc)) from None
    tmp = Path(name)
    try:
        yield tmp
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputNotWritable(path, _why(exc)) from None
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_folder(folder: Path, *, replaceable: Callable[[Path], bool]) -> Iterator[Path]:
    """A temporary folder beside `folder`, filled in the block, that then takes its place: the
    folder appears whole or not at all. An existing folder is replaced only when
    `replaceable(folder)` says it is an earlier output of the same kind (never a user's other files)."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()) and not replaceable(folder):
        raise OutputNotWritable(folder, "the folder is not empty and holds no earlier output of this command; "
                                        "give a new or empty folder")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".tmp"))
        os.chmod(tmp, _ordinary_mode() | 0o111)  # mkdtemp makes 0700; a web server reads the site
    except OSError as exc:
        raise OutputNotWritable(folder, _why(exc)) from None
    try:
        yield tmp
        old = folder.with_name(f".{folder.name}.old.tmp")
        try:
            if folder.exists():
                shutil.rmtree(old, ignore_errors=True)
                os.replace(folder, old)
            os.replace(tmp, folder)
        except OSError as exc:
            raise OutputNotWritable(folder, _why(exc)) from None
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
