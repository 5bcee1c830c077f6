"""Synthesises the events' ambient loops (scenes/events/sounds/*.wav): deterministic, made here from
noise and tones, so they carry no one else's licence. Run it again after changing a recipe:

    .venv/bin/python tools/make_event_sounds.py

Each loop is LOOP_S long and seamless: the sound runs on past the end and the overrun is faded into
the start. 22.05 kHz mono 16-bit PCM WAV: what every audio backend plays, small enough to ship."""
from __future__ import annotations

import sys
import wave
from pathlib import Path

import numpy as np
from scipy import signal

RATE = 22050
LOOP_S = 8.0
FADE_S = 1.0
OUT = Path(__file__).resolve().parents[1] / "scenes" / "events" / "sounds"


def _band(noise: np.ndarray, low: float, high: float) -> np.ndarray:
    sos = signal.butter(4, [low, high], btype="bandpass", fs=RATE, output="sos")
    return signal.sosfilt(sos, noise)


def _murmur(rng, n: int, low=250.0, high=1800.0, swell_hz=0.25) -> np.ndarray:
    """A crowd's talk: band-limited noise whose loudness drifts slowly."""
    t = np.arange(n) / RATE
    drift = 0.7 + 0.3 * np.sin(2 * np.pi * swell_hz * t + rng.uniform(0, 6.28))
    return _band(rng.standard_normal(n), low, high) * drift


def _claps(rng, n: int, per_s: float) -> np.ndarray:
    """Applause: many short, bright noise bursts at random moments."""
    out = np.zeros(n)
    burst = int(0.012 * RATE)
    env = np.exp(-np.linspace(0, 6, burst))
    for start in rng.integers(0, n - burst, int(per_s * n / RATE)):
        out[start:start + burst] += rng.standard_normal(burst) * env * rng.uniform(0.3, 1.0)
    return _band(out, 900.0, 6000.0)


def _drum(n: int, every_s: float, pitch=70.0) -> np.ndarray:
    """A big drum of a cheering team: a falling low tone, struck on the beat."""
    out = np.zeros(n)
    hit = int(0.35 * RATE)
    t = np.arange(hit) / RATE
    stroke = np.sin(2 * np.pi * pitch * t * (1 - 0.3 * t)) * np.exp(-t * 9)
    for start in range(0, n - hit, int(every_s * RATE)):
        out[start:start + hit] += stroke
    return out


def _pad(n: int, chord=(261.63, 329.63, 392.0, 523.25)) -> np.ndarray:
    """A soft, slowly breathing major chord with a few harmonics: a gala's music across the lake."""
    t = np.arange(n) / RATE
    out = np.zeros(n)
    for i, f in enumerate(chord):
        for h, a in ((1, 1.0), (2, 0.35), (3, 0.15)):
            out += a * np.sin(2 * np.pi * f * h * t + i)
    return out * (0.75 + 0.25 * np.sin(2 * np.pi * 0.125 * t))


def _loop(x: np.ndarray) -> np.ndarray:
    """LOOP_S of `x` (which runs FADE_S longer), its overrun faded into its start."""
    n, fade = int(LOOP_S * RATE), int(FADE_S * RATE)
    head, tail = x[:n].copy(), x[n:n + fade]
    ramp = np.linspace(0.0, 1.0, fade)
    head[:fade] = head[:fade] * ramp + tail * (1 - ramp)
    return head


def golden_rooster(rng) -> np.ndarray:
    n = int((LOOP_S + FADE_S) * RATE)
    return 0.5 * _pad(n) / 6 + 0.6 * _murmur(rng, n) + 0.5 * _claps(rng, n, per_s=40)


def xiamen_marathon(rng) -> np.ndarray:
    n = int((LOOP_S + FADE_S) * RATE)
    return 0.8 * _murmur(rng, n, 300.0, 2500.0, 0.5) + 0.6 * _claps(rng, n, per_s=70) + 0.7 * _drum(n, 0.5)


def write(path: Path, x: np.ndarray) -> None:
    x = _loop(x)
    x = x / np.abs(x).max() * 0.7  # headroom: several events may play together
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((x * 32767).astype("<i2").tobytes())


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, recipe in (("golden_rooster", golden_rooster), ("xiamen_marathon", xiamen_marathon)):
        write(OUT / f"{name}.wav", recipe(np.random.default_rng(2019)))
        print(OUT / f"{name}.wav")
    return 0


if __name__ == "__main__":
    sys.exit(main())
