"""Time from the end of the trainee's turn to the first sample of the counterpart's voice,
on the real audio path: PulseAudio null sinks, microphone and speaker adapters,
pocketsphinx, the pyttsx3 voice, the scenario and feedback engines, the store.

The trainee's turns are flite WAVs played into the virtual microphone. Reported:
median and 95th percentile of (first sample handed to the device − end of turn
detected), and, apart, the configured end-of-turn silence that precedes
detection. Also peak memory of this process (everything loaded).

    .venv/bin/python benchmarks/reply_latency.py [--turns 12]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LINES = [
    "hello what can you tell me about the car",
    "why are you selling it this month",
    "what matters most to you in this deal",
    "i was thinking about eleven thousand dollars",
    "is there any flexibility on the price",
    "what else is included with the car",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=12)
    args = parser.parse_args()

    import pytest

    from tests.pulse import _acquire, _release  # the same rig as the end-to-end tests
    from voicecoach.adapters.asr import load_recogniser
    from voicecoach.adapters.audio.microphone import MicrophoneSource
    from voicecoach.adapters.audio.speaker import SpeakerSink
    from voicecoach.adapters.voice import Pyttsx3Voice
    from voicecoach.core.events import SessionEvent, TurnHeard, VoiceStarted, VoiceStopped
    from voicecoach.core.scenario import find_scenario
    from voicecoach.session import SessionRunner, SessionSettings
    from voicecoach.storage import SessionStore

    try:
        rig = _acquire()
    except pytest.skip.Exception as skipped:
        print(f"skipped: {skipped}")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="voicecoach-latency-"))
    wavs = []
    for i, text in enumerate(LINES):
        raw, out = tmp / f"raw{i}.wav", tmp / f"t{i}.wav"
        subprocess.run(["flite", "-voice", "slt", "-t", text, "-o", str(raw)], check=True)
        subprocess.run(["sox", str(raw), "-r", "16000", str(out), "pad", "0.3", "0.3"], check=True)
        wavs.append(out)

    events: list[SessionEvent] = []
    changed = threading.Condition()

    def on_event(event: SessionEvent) -> None:
        with changed:
            events.append(event)
            changed.notify_all()

    def wait_for(kind: type, after: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        with changed:
            while not any(isinstance(e, kind) for e in events[after:]):
                if not changed.wait(max(0.0, deadline - time.monotonic())):
                    raise TimeoutError(kind.__name__)

    recogniser = load_recogniser("sphinx")
    voice = Pyttsx3Voice()
    settings = SessionSettings(input_kind="mic")
    done = 0
    latencies: list[float] = []
    try:
        while done < args.turns:
            runner = SessionRunner(
                find_scenario("used-car"),
                store=SessionStore(tmp / "s.db"),
                recogniser=recogniser,
                voice=voice,
                sink=SpeakerSink(),
                settings=settings,
                on_event=on_event,
                seed=done,
            )
            start = len(events)
            runner.start()
            runner.attach_source(MicrophoneSource())
            wait_for(VoiceStopped, start)
            for wav in wavs:
                if done >= args.turns or runner.ended:
                    break
                mark = len(events)
                rig.play_into_mic(wav).wait(timeout=20)
                try:
                    wait_for(TurnHeard, mark)
                    wait_for(VoiceStarted, mark)
                    wait_for(VoiceStopped, mark)
                except TimeoutError:
                    continue
                done += 1
            runner.end()
            runner.wait(30)
            latencies.extend(runner.latencies_seconds)
    finally:
        voice.close()
        recogniser.close()
        _release()
    latencies_ms = sorted(x * 1000 for x in latencies)
    p95 = latencies_ms[max(0, round(0.95 * len(latencies_ms)) - 1)]
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"turns measured: {len(latencies_ms)}")
    print(
        f"end of turn detected -> first sample: median {statistics.median(latencies_ms):.0f} ms, "
        f"p95 {p95:.0f} ms, max {latencies_ms[-1]:.0f} ms"
    )
    print(
        f"configured end-of-turn silence (before detection): "
        f"{settings.endpoint.end_silence_seconds * 1000:.0f} ms"
    )
    children_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak memory: {peak_mib:.0f} MiB (recogniser, runner, store, audio), "
        f"largest child {children_mib:.0f} MiB (the voice worker, flite, sox)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
