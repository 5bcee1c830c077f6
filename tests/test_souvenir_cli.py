"""From a headless visit to a verified souvenir, through the command line, with no screen."""
import subprocess
import sys

import cv2

from tests.conftest import DATA, ROOT


def run(*args, data):
    return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), *args, "--data", str(data)],
                          capture_output=True, text=True, cwd=ROOT)


def test_visit_to_verified_souvenir(tmp_path):
    kiosk, other = tmp_path / "kiosk", tmp_path / "elsewhere"
    out = tmp_path / "souvenir"
    visit = run("play", "islet", "--tour", "islet-basics", "--headless", "--log", str(tmp_path / "log.jsonl"),
                "--souvenir", str(out), "--answer", "quiz_chapel=white", "--scenes", str(DATA / "scenes"),
                "--scripts", str(DATA / "tours"), "--size", "640x360", data=kiosk)
    assert visit.returncode == 0, visit.stderr
    certificate = (out / "certificate.txt").read_text().strip()

    # an independent decoder reads the whole certificate from the postcard
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(cv2.imread(str(out / "postcard.png")))
    assert text == certificate

    genuine = run("souvenir", "verify", str(out / "postcard.png"), data=kiosk)
    assert genuine.returncode == 0 and "genuine" in genuine.stdout and "2 stamps" in genuine.stdout
    assert run("souvenir", "verify", str(out / "certificate.txt"), data=kiosk).returncode == 0

    # one stamp changed in the text: the signature no longer holds
    forged = tmp_path / "forged.txt"
    body, sig = certificate.split(".")
    i = len(body) // 2
    forged.write_text(body[:i] + ("A" if body[i] != "A" else "B") + body[i + 1:] + "." + sig)
    result = run("souvenir", "verify", str(forged), data=kiosk)
    assert result.returncode in (5, 2) and "Traceback" not in result.stderr
    assert result.stderr.strip()

    # another installation does not trust this kiosk's key: told apart from a forgery
    untrusted = run("souvenir", "verify", str(out / "postcard.png"), data=other)
    assert untrusted.returncode == 4 and "not one this installation trusts" in untrusted.stderr

    assert run("souvenir", "verify", str(tmp_path / "missing.png"), data=kiosk).returncode == 2


def test_a_souvenir_request_that_cannot_be_met_is_refused_before_the_visit(tmp_path):
    result = run("play", "islet", "--tour", "islet-basics", "--headless", "--log", str(tmp_path / "log.jsonl"),
                 "--souvenir", str(tmp_path / "out"), "--postcard-view", "nowhere", "--scenes", str(DATA / "scenes"),
                 "--scripts", str(DATA / "tours"), data=tmp_path / "data")
    assert result.returncode == 2 and "has no viewpoint 'nowhere'" in result.stderr
    assert not (tmp_path / "data").exists() and not (tmp_path / "log.jsonl").exists()  # nothing half-done
