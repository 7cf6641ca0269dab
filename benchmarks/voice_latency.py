"""How fast the counterpart's voice starts: render latency (cold, warm), play() to first sample.

Measured on the real parts: the pyttsx3 voice (espeak-ng) in its worker
process, and the sounddevice speaker on PulseAudio's virtual `speaker` sink
(the test rig of tests/pulse.py, so no sound card is needed).

- cold: a new `Pyttsx3Voice` to its first rendered line (worker start, pyttsx3
  import, espeak-ng start, one render);
- warm: one render on a running voice, for short, medium and long lines, and
  for the first sentence of a long line (`render_sentences`);
- play: `SpeakerSink.play()` to `first_sample_at` (the first block handed to
  the device) on an already open speaker;
- reply: warm render of the first sentence plus play() to first sample: the
  voice's share of the end-of-turn-to-voice budget (250 ms).

    .venv/bin/python benchmarks/voice_latency.py [--cold 5] [--warm 20] [--plays 30]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SHORT = "Fair enough."
MEDIUM = "I can let it go for four thousand two hundred, and not a dollar less."
LONG = (
    "I hear you, and I appreciate that you came all this way to see it. "
    "The car has new tyres, a full service history and a clean title. "
    "If you can pay in cash today, I could come down a little, "
    "but I will need you to pick it up this week."
)


def summary(values_seconds: list[float]) -> dict[str, float]:
    ordered = sorted(values_seconds)
    p95_index = min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))
    return {
        "n": len(ordered),
        "median_ms": 1000 * statistics.median(ordered),
        "p95_ms": 1000 * ordered[p95_index],
        "max_ms": 1000 * ordered[-1],
    }


def row(name: str, values_seconds: list[float]) -> str:
    stats = summary(values_seconds)
    return (
        f"| {name} | {stats['n']:.0f} | {stats['median_ms']:.0f} | {stats['p95_ms']:.0f} "
        f"| {stats['max_ms']:.0f} |"
    )


def measure_render(voice: object, text: str, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        voice.render(text)  # type: ignore[attr-defined]
        times.append(time.perf_counter() - started)
    return times


def measure_first_sentence(voice: object, text: str, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        sentences = voice.render_sentences(text)  # type: ignore[attr-defined]
        next(sentences)
        times.append(time.perf_counter() - started)
        sentences.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cold", type=int, default=5, help="cold starts to time")
    parser.add_argument("--warm", type=int, default=20, help="warm renders per line")
    parser.add_argument("--plays", type=int, default=30, help="play() calls to time")
    args = parser.parse_args()

    import pytest

    from tests.pulse import _acquire, _release
    from voicecoach.adapters.voice import Pyttsx3Voice
    from voicecoach.ports import AudioClip

    rows: list[str] = []
    cold = []
    for _ in range(args.cold):
        started = time.perf_counter()
        voice = Pyttsx3Voice(warm=False)
        voice.render(MEDIUM)
        cold.append(time.perf_counter() - started)
        voice.close()
    rows.append(row("cold: new voice to first line rendered (medium line)", cold))

    voice = Pyttsx3Voice()
    medium_clip = voice.render(MEDIUM)
    long_seconds = voice.render(LONG).duration_seconds
    rows.append(
        row(
            f"warm render, short line ({len(SHORT.split())} words)",
            measure_render(voice, SHORT, args.warm),
        )
    )
    rows.append(
        row(
            f"warm render, medium line ({len(MEDIUM.split())} words, "
            f"{medium_clip.duration_seconds:.1f} s)",
            measure_render(voice, MEDIUM, args.warm),
        )
    )
    rows.append(
        row(
            f"warm render, long line ({len(LONG.split())} words, {long_seconds:.1f} s)",
            measure_render(voice, LONG, args.warm),
        )
    )
    rows.append(
        row(
            "warm render, first sentence of the long line",
            measure_first_sentence(voice, LONG, args.warm),
        )
    )

    try:
        _acquire()
    except pytest.skip.Exception as skipped:
        print(f"speaker part skipped: {skipped}")
        rig_ok = False
    else:
        rig_ok = True
    if rig_ok:
        try:
            from voicecoach.adapters.audio.speaker import SpeakerSink

            with SpeakerSink() as speaker:
                short_clip = AudioClip(medium_clip.pcm[:16_000])  # 0.5 s
                plays = []
                jitter = random.Random(0)
                for _ in range(args.plays):
                    # Calls land at random points of the device's 20 ms block cycle.
                    time.sleep(jitter.uniform(0.0, 0.02))
                    started = time.monotonic()
                    playback = speaker.play(short_clip)
                    playback.wait(5)
                    assert playback.first_sample_at is not None
                    plays.append(playback.first_sample_at - started)
                rows.append(
                    row(
                        f"play() to first sample on the device ({speaker.device_rate_hz} Hz)", plays
                    )
                )
                replies = []
                reply_renders = []
                for _ in range(args.plays):
                    time.sleep(jitter.uniform(0.0, 0.02))
                    started = time.monotonic()
                    first = next(voice.render_sentences(LONG))
                    reply_renders.append(time.monotonic() - started)
                    playback = speaker.play(first)
                    while playback.first_sample_at is None and playback.playing:
                        time.sleep(0.001)
                    assert playback.first_sample_at is not None
                    replies.append(playback.first_sample_at - started)
                    playback.stop()
                rows.append(row("reply: of which rendering the first sentence", reply_renders))
                rows.append(
                    row("reply: first sentence rendered + played, to first sample", replies)
                )
        finally:
            _release()
    voice.close()

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}, Python {platform.python_version()}, espeak-ng via pyttsx3; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    print()
    print("| what | n | median ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    for line in rows:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
