"""A pixel bomb (a small PNG that declares a huge image) is refused from its header alone: at once,
exit 2, and no warning text from an image library on the screen."""
from __future__ import annotations

import struct
import subprocess
import sys
import time
import warnings
import zlib
from pathlib import Path

from engine.souvenir.certificate import VerifyStatus
from engine.souvenir.keys import Keyring
from engine.souvenir.verify_file import verify_file
from tests.conftest import ROOT


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_bomb(path: Path, side: int = 13000) -> Path:
    """A valid 1-bit grey PNG of side x side white pixels: tens of kB on disk, 169 M pixels decoded."""
    packer = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * ((side + 7) // 8)
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b""))
    return path


def test_a_pixel_bomb_is_refused_from_its_header_in_under_a_second(tmp_path):
    bomb = pixel_bomb(tmp_path / "bomb.png")
    assert bomb.stat().st_size < 100_000
    ring = Keyring(tmp_path / "data")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a library warning would reach the visitor's screen
        start = time.perf_counter()
        result = verify_file(bomb, ring)
        elapsed = time.perf_counter() - start
    assert result.status is VerifyStatus.MALFORMED and "13000x13000" in result.message, result.message
    assert elapsed < 1.0, f"refusing took {elapsed:.2f} s"
    print(f"\npixel bomb of {bomb.stat().st_size} bytes refused in {elapsed * 1000:.1f} ms")


def test_the_command_refuses_a_pixel_bomb_quietly(tmp_path):
    bomb = pixel_bomb(tmp_path / "bomb.png")
    start = time.perf_counter()
    run = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "souvenir", "verify", str(bomb),
                          "--data", str(tmp_path / "data")], capture_output=True, text=True, cwd=ROOT, timeout=60)
    elapsed = time.perf_counter() - start
    assert run.returncode == 2, run.stderr
    assert run.stderr.strip().startswith(f"{bomb}: ") and "larger than a souvenir reader decodes" in run.stderr
    assert "Warning" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    print(f"\nsouvenir verify of a pixel bomb: exit 2 in {elapsed:.2f} s (the whole process)")
