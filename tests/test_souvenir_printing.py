"""Printing the postcard: for real through a private cupsd to Debian's cups-pdf virtual printer (a
PDF appears), and every failure (no CUPS, no such queue, a stopped printer, lp hanging) a logged
warning and a friendly result, never an exception."""
from __future__ import annotations

import logging
import subprocess

import pytest
from PIL import Image

from engine.souvenir.printing import FAILED, SENT, print_postcard
from tests.cups_server import CupsServer


@pytest.fixture
def postcard(tmp_path):
    path = tmp_path / "postcard.png"
    Image.new("RGB", (600, 400), (30, 120, 200)).save(path)
    return path


@pytest.fixture(scope="module")
def cups():
    with CupsServer() as server:
        yield server


def test_a_postcard_prints_to_the_cups_pdf_queue(cups, postcard):
    result = print_postcard(postcard, cups.queue, environ=cups.env)
    assert result.ok, result.reason
    assert result.job and result.job.startswith(cups.queue)
    assert result.message("zh") == SENT["zh"]
    (pdf,) = cups.wait_for_pdf()
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_missing_queue_is_a_warning_and_a_friendly_message(cups, postcard, caplog):
    with caplog.at_level(logging.WARNING, logger="ludao.printing"):
        result = print_postcard(postcard, "no-such-queue", environ=cups.env)
    assert not result.ok and "no-such-queue" in result.reason
    assert result.message("en") == FAILED["en"]
    assert any("postcard not printed" in r.message for r in caplog.records)


def test_a_stopped_printer_is_not_sent_the_job(cups, postcard):
    cups.run("cupsdisable", cups.queue)
    try:
        result = print_postcard(postcard, cups.queue, environ=cups.env)
    finally:
        cups.run("cupsenable", cups.queue)
    assert not result.ok and "stopped" in result.reason
    assert not cups.run("lpstat", "-o", cups.queue).stdout.strip()  # nothing waiting to print hours later


def test_no_cups_server_running(tmp_path, postcard):
    env = {"PATH": "/usr/bin:/bin", "CUPS_SERVER": str(tmp_path / "nobody.sock")}
    if not subprocess.run(["sh", "-c", "command -v lp"], env=env, capture_output=True).stdout:
        pytest.skip("no lp here: the next test covers a machine without CUPS")
    result = print_postcard(postcard, "kiosk", environ=env)
    assert not result.ok and "not there or CUPS is not running" in result.reason


def test_no_cups_installed_no_queue_no_file_and_a_hanging_lp(tmp_path, postcard):
    assert print_postcard(postcard, None) is None and print_postcard(postcard, "") is None  # printing off
    assert "not installed" in print_postcard(postcard, "kiosk", environ={"PATH": str(tmp_path)}).reason
    assert "not a CUPS queue name" in print_postcard(postcard, "a queue/../x").reason
    assert "no postcard" in print_postcard(tmp_path / "none.png", "kiosk").reason

    def hangs(command, **kwargs):
        raise subprocess.TimeoutExpired(command, kwargs["timeout"])
    fake_path = tmp_path / "bin"
    fake_path.mkdir()
    for tool in ("lp", "lpstat"):
        (fake_path / tool).write_text("#!/bin/sh\n")
        (fake_path / tool).chmod(0o755)
    result = print_postcard(postcard, "kiosk", environ={"PATH": str(fake_path)}, run=hangs)
    assert not result.ok and "did not answer" in result.reason
