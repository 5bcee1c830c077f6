"""`souvenir verify` says that a postcard's printed part is not signed, and lists what the
certificate itself holds, so a reader can compare it with the printed card. The verdict stays the
first line, as scripts read it."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

from engine.souvenir.certificate import issue
from engine.souvenir.keys import Keyring
from tests.conftest import ROOT


def _verify(path, data):
    return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "souvenir", "verify", str(path),
                           "--data", str(data)], capture_output=True, text=True, cwd=ROOT)


def test_verify_lists_the_signed_fields_and_says_the_print_is_not_signed(tmp_path):
    data = tmp_path / "kiosk"
    ring = Keyring(data)
    text = issue(ring, scene="gulangyu", scene_name={"zh": "鼓浪屿", "en": "Gulangyu"}, session="a1b2c3d4",
                 stamps=["stamp_piano_museum", "stamp_bagua_lou"], badges=["high_score"], collectibles=[],
                 score=170, issued=date(2026, 5, 1))
    cert = tmp_path / "certificate.txt"
    cert.write_text(text + "\n", encoding="ascii")
    run = _verify(cert, data)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"{cert}: genuine, signed by this installation {ring.public_key_id}: ")
    fields = {line.split("  ")[1].strip(): line.split("  ", 2)[2].strip() for line in lines[1:] if line.startswith("  ")}
    assert fields == {"scene": "gulangyu (Gulangyu / 鼓浪屿)", "date": "2026-05-01",
                      "stamps (2)": "stamp_piano_museum, stamp_bagua_lou", "badges (1)": "high_score",
                      "finds (0)": "none", "score": "170", "session": "a1b2c3d4", "key id": ring.public_key_id}
    assert "not covered by the signature" in run.stdout and "compare the printed card" in run.stdout

    untrusted = _verify(cert, tmp_path / "elsewhere")  # a valid signature by another installation
    assert untrusted.returncode == 4 and "score" in untrusted.stderr and "not covered" in untrusted.stderr
    cert.write_text(text[:-3] + "AAA\n", encoding="ascii")  # forged: nothing it claims is shown
    forged = _verify(cert, data)
    assert forged.returncode in (2, 5) and "stamp_" not in forged.stderr and "not covered" not in forged.stderr
