"""The pyttsx3 worker process: one engine, one render at a time, over a JSON line protocol.

Run as `python -m voicecoach.adapters.voice.worker` by `Pyttsx3Voice`, never by
hand. pyttsx3 lives here, in its own process, because it blocks in
`runAndWait`, refuses a second run loop in one process, prints to stdout
("Audio saved to ..."), and its C library can crash or hang: none of that may
reach the Textual app that owns the terminal. The parent restarts this process
when it dies or stops answering.

Protocol (UTF-8 JSON, one object per line):
- at start the worker sends `{"event": "ready", "voices": [...], "default_voice": id}`
  or `{"event": "failed", "error": "..."}`;
- request `{"id": n, "op": "render", "text": s, "voice": id | null, "rate_wpm": n, "path": p}`
  renders `s` to the WAV file `p`; answer `{"id": n, "ok": true, "sample_rate_hz": r}`
  (the engine's true rate, or null if unknown) or
  `{"id": n, "ok": false, "error": "..."}`;
- request `{"id": n, "op": "ping"}` answers `{"id": n, "ok": true}`;
- end of input, or `{"op": "quit"}`, ends the worker.

Only the protocol goes to the real stdout: at start the worker moves it to a
private descriptor and points descriptor 1 at stderr (which the parent sends to
a log file or /dev/null), so prints from pyttsx3 and espeak cannot corrupt it.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from typing import IO, Any

# Longest a single line may take to synthesise inside the worker; the parent's
# own timeout (it kills a hung worker) is the backstop.
SYNTHESIS_TIMEOUT_SECONDS = 60.0
IDLE_TIMEOUT_SECONDS = 2.0


def _protocol_stdout() -> IO[str]:
    """Keep the real stdout for the protocol; send everything else written to fd 1 to stderr."""
    protocol_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(protocol_fd, "w", encoding="utf-8", buffering=1)


def _send(out: IO[str], message: dict[str, Any]) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


def _voice_list(engine: Any) -> list[dict[str, Any]]:
    voices = []
    for voice in engine.getProperty("voices"):
        voices.append(
            {
                "id": str(voice.id),
                "name": str(voice.name or voice.id),
                "languages": [str(language) for language in (voice.languages or [])],
                "gender": voice.gender,
            }
        )
    return voices


def _espeak_synchronizer() -> Any:
    """espeak_Synchronize from the espeak driver's library, or a no-op on other drivers.

    pyttsx3's espeak driver runs the library asynchronously, and `runAndWait`
    ends by calling espeak_Cancel when the library looks busy, which throws away
    queued commands: a rate set just before is then silently lost (the rate
    sticks at an old value, checked over 40 alternating renders). Waiting for
    the library's command queue to drain after setting properties and after
    each utterance makes every property change take effect.
    """
    try:
        from pyttsx3.drivers import _espeak

        return _espeak.dll.espeak_Synchronize
    except (ImportError, AttributeError, OSError):
        return lambda: 0


def _espeak_sample_rate() -> Any:
    """The rate espeak-ng actually synthesises at, or None when unknown.

    pyttsx3 writes every WAV header as 22050 Hz, which is espeak-ng's own rate
    but not that of its mbrola voices (16 kHz): the parent trusts this instead.
    """
    try:
        import ctypes

        from pyttsx3.drivers import _espeak

        function = _espeak.dll.espeak_ng_GetSampleRate
        function.restype = ctypes.c_int
        return function
    except (ImportError, AttributeError, OSError):
        return lambda: None


def _wait_until_idle(engine: Any) -> None:
    """Let the engine's own thread finish marking itself idle after "finished-utterance".

    While it looks busy, pyttsx3 queues the next property change instead of
    applying it, and the queue is dropped by the next run loop.
    """
    deadline = time.monotonic() + IDLE_TIMEOUT_SECONDS
    while engine.isBusy() and time.monotonic() < deadline:
        time.sleep(0.001)


def serve(requests: IO[str], out: IO[str]) -> int:
    """Answer requests until end of input; returns the exit status."""
    try:
        import pyttsx3

        engine = pyttsx3.init()
        voices = _voice_list(engine)
        default_voice = engine.getProperty("voice")
        is_espeak = engine.driver_name == "espeak"
        synchronize = _espeak_synchronizer() if is_espeak else (lambda: 0)
        sample_rate = _espeak_sample_rate() if is_espeak else (lambda: None)
    except Exception as error:  # anything the engine throws at start is reported, not raised
        _send(out, {"event": "failed", "error": f"{type(error).__name__}: {error}"})
        return 1
    # pyttsx3's espeak driver returns from runAndWait as soon as synthesis is
    # queued; the WAV is written later, on espeak's thread, just before it
    # notifies "finished-utterance". Reading the file before that notification
    # gives a missing, empty or previous file, so wait for it.
    finished = threading.Event()
    engine.connect("finished-utterance", lambda **_: finished.set())
    _send(out, {"event": "ready", "voices": voices, "default_voice": default_voice})
    current_voice = default_voice
    current_rate: int | None = None
    for line in requests:
        if not line.strip():
            continue
        request = json.loads(line)
        op = request.get("op")
        if op == "quit":
            break
        request_id = request.get("id")
        if op == "ping":
            _send(out, {"id": request_id, "ok": True})
            continue
        if op != "render":
            _send(out, {"id": request_id, "ok": False, "error": f"unknown op {op!r}"})
            continue
        try:
            voice = request.get("voice")
            rate_wpm = int(request["rate_wpm"])
            # Properties are set only when they change: each change has to wait
            # for espeak's queue to drain, which costs about 20 ms.
            changed = False
            if voice and voice != current_voice:
                engine.setProperty("voice", voice)
                current_voice = voice
                current_rate = None  # set the rate again after a voice change, to be sure
                changed = True
            if rate_wpm != current_rate:
                engine.setProperty("rate", rate_wpm)
                current_rate = rate_wpm
                changed = True
            if changed:
                synchronize()
            finished.clear()
            engine.save_to_file(request["text"], request["path"])
            engine.runAndWait()
            if not finished.wait(SYNTHESIS_TIMEOUT_SECONDS):
                raise TimeoutError("the engine never finished the utterance")
            synchronize()
            _wait_until_idle(engine)
            rate_hz = sample_rate()
        except Exception as error:
            _send(out, {"id": request_id, "ok": False, "error": f"{type(error).__name__}: {error}"})
            continue
        _send(out, {"id": request_id, "ok": True, "sample_rate_hz": rate_hz})
    return 0


def main() -> int:
    out = _protocol_stdout()
    return serve(sys.stdin, out)


if __name__ == "__main__":
    sys.exit(main())
