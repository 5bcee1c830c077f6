"""An event's ambient sound: checked like every content file before a player meets it, and really
heard while the event is on. OpenAL Soft (inside Panda3D's OpenAL module) is told to write what it
mixes to a WAV file instead of a sound card, and the test listens to that file for the islet fair's
660 Hz tone."""
from __future__ import annotations

import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
from scipy.io import wavfile

from engine.manifest import sound_files
from engine.manifest.sound_files import sound_problem
from tests.conftest import DATA, ISLET, ROOT
from tests.test_play_window import display, pytestmark as needs_screen  # noqa: F401  (fixture)

TONE = DATA / "scenes" / "events" / "sounds" / "fair_tone.wav"
BROKEN = DATA.parent / "data" / "broken_events"


def _wav(path: Path, frames: int = 2205) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(np.zeros(frames, "<i2").tobytes())
    return path


def test_playable_sounds_pass_and_damaged_ones_say_why(tmp_path, monkeypatch):
    assert sound_problem(TONE) == ""
    assert sound_problem(_wav(tmp_path / "quiet.wav")) == ""
    (tmp_path / "a.flac").write_bytes(b"fLaC" + bytes(60))
    assert sound_problem(tmp_path / "a.flac") == ""
    (tmp_path / "empty.wav").write_bytes(b"")
    assert "is empty" in sound_problem(tmp_path / "empty.wav")
    assert "holds no sound" in sound_problem(_wav(tmp_path / "none.wav", 0))
    assert "cut short (100 of 1000" in sound_problem(BROKEN / "cut_short.wav")
    assert "not Ogg Vorbis" in sound_problem(BROKEN / "opus_voice.ogg")
    (tmp_path / "song.mp3").write_bytes(b"ID3\x04" + bytes(100))
    assert "is not a WAV (PCM), Ogg Vorbis or FLAC file" in sound_problem(tmp_path / "song.mp3")
    (tmp_path / "float.wav").write_bytes(TONE.read_bytes()[:20] + b"\x03\x00" + TONE.read_bytes()[22:])
    assert "not a PCM WAV file" in sound_problem(tmp_path / "float.wav")  # IEEE float: format 3
    monkeypatch.setattr(sound_files, "MAX_BYTES", 1000)
    assert "at most" in sound_problem(TONE)


def _play_and_record(screen: str, tmp_path: Path, *args: str) -> tuple[int, np.ndarray | None, str]:
    """`play islet` for a few seconds in a window, OpenAL mixing into a WAV file: (exit code, the
    samples heard or None when nothing was opened, stderr)."""
    tmp_path.mkdir(parents=True)
    out = tmp_path / "heard.wav"
    conf = tmp_path / "alsoft.conf"
    conf.write_text(f"[general]\ndrivers = wave\n[wave]\nfile = {out}\n", encoding="utf-8")
    env = {**os.environ, "DISPLAY": screen, "ALSOFT_CONF": str(conf)}
    env.pop("LUDAO_MUTE", None)
    done = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "play", str(ISLET), "--size", "320x180",
                           "--scenes", str(DATA / "scenes"), "--data", str(tmp_path / "data"),
                           "--max-frames", "240", *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    if not out.exists():
        return done.returncode, None, done.stderr
    _, samples = wavfile.read(out)
    return done.returncode, samples.astype(float).reshape(len(samples), -1).mean(axis=1), done.stderr


def _tone_strength(samples: np.ndarray, rate: int = 44100) -> tuple[float, float]:
    """(loudness, the share of the spectrum's energy within 10 Hz of 660 Hz)."""
    spectrum = np.abs(np.fft.rfft(samples)) ** 2
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    near = (freqs > 650) & (freqs < 670)
    return float(np.sqrt((samples ** 2).mean())), float(spectrum[near].sum() / max(spectrum.sum(), 1e-12))


@needs_screen
def test_the_events_ambience_is_heard_while_it_is_on_and_not_otherwise(display, tmp_path):  # noqa: F811
    code, heard, err = _play_and_record(display, tmp_path / "on", "--event", "islet_fair")
    assert code == 0 and heard is not None, err
    loudness, share = _tone_strength(heard)
    assert loudness > 0.01 and share > 0.9, (loudness, share)
    code, heard, err = _play_and_record(display, tmp_path / "off", "--event", "none")
    assert code == 0 and heard is not None, err
    assert np.abs(heard).max() < 1e-4  # the device was open, and silent
    code, heard, err = _play_and_record(display, tmp_path / "muted", "--event", "islet_fair", "--mute")
    assert code == 0 and heard is None, "--mute opened the sound device"
    assert "Traceback" not in err


@needs_screen
def test_a_machine_without_sound_plays_silently_and_quietly(display, tmp_path):  # noqa: F811
    """No sound card, no sound server, no OpenAL configuration (CI): no ALSA or OpenAL complaints
    on stderr, and the visit runs (with a sound card, OpenAL opens it and nothing complains either)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALSOFT_", "PULSE_", "LUDAO_MUTE"))}
    done = subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "play", str(ISLET), "--size", "320x180",
                           "--scenes", str(DATA / "scenes"), "--data", str(tmp_path), "--max-frames", "30",
                           "--event", "islet_fair"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**env, "DISPLAY": display})
    assert done.returncode == 0, done.stderr
    assert "ALSA lib" not in done.stderr and ":audio(error)" not in done.stderr, done.stderr
