"""The microphone through PulseAudio's virtual devices: speech played into `micfeed` is heard."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from tests.pulse import (
    PulseRig,
    best_alignment,
    make_speech_wav,
    pulse_audio,  # noqa: F401
    read_wav_mono_16k,
    rms,
)
from voicecoach.errors import MicrophoneUnavailableError
from voicecoach.ports import CHUNK_BYTES, AudioSource

pytestmark = pytest.mark.audio


def record_while_playing(
    rig: PulseRig, wav: Path, device_rate_hz: int | None = None
) -> tuple[np.ndarray, list[int], int]:
    """Open the mic, play `wav` into it, read until half a second after it ends."""
    from voicecoach.adapters.audio.microphone import MicrophoneSource

    chunks: list[bytes] = []
    with MicrophoneSource(device_rate_hz=device_rate_hz) as mic:
        assert isinstance(mic, AudioSource)
        for _ in range(10):  # the device is running before the trainee speaks
            chunks.append(mic.read_chunk(2.0) or b"")
        player = rig.play_into_mic(wav)
        while player.poll() is None:
            chunks.append(mic.read_chunk(2.0) or b"")
        for _ in range(25):
            chunks.append(mic.read_chunk(2.0) or b"")
        overflows = mic.overflow_count
        assert player.returncode == 0
    recorded = np.frombuffer(b"".join(chunks), dtype="<i2").astype(np.float32) / 32768.0
    return recorded, [len(chunk) for chunk in chunks], overflows


@pytest.mark.parametrize("device_rate_hz", [None, 48_000, 44_100])
def test_microphone_hears_speech_played_into_the_virtual_microphone(
    pulse_audio: PulseRig,  # noqa: F811
    tmp_path: Path,
    device_rate_hz: int | None,
) -> None:
    speech = make_speech_wav(tmp_path / "trainee.wav", "I would like to buy your car today.")
    source = read_wav_mono_16k(speech)
    recorded, sizes, _ = record_while_playing(pulse_audio, speech, device_rate_hz)

    assert set(sizes) == {CHUNK_BYTES}, "every chunk is 20 ms of 16 kHz mono s16"
    lag, correlation = best_alignment(source, recorded)
    # The same waveform, after pulse's and our own rate conversions.
    assert correlation > 0.8, correlation
    during = recorded[lag : lag + len(source)]
    before = recorded[: max(0, lag - 1600)]
    assert rms(during) > 0.3 * rms(source), "speech arrives at about its own level"
    assert len(before) > 1600 and rms(before) < 0.05 * rms(during), "silence before it is silent"


def test_device_rate_is_reported_and_resampled_to_16k(pulse_audio: PulseRig) -> None:  # noqa: F811
    from voicecoach.adapters.audio.microphone import MicrophoneSource

    with MicrophoneSource(device_rate_hz=48_000) as mic:
        assert mic.device_rate_hz == 48_000
        assert 0.0 < mic.input_latency_seconds < 1.0
        chunk = mic.read_chunk(2.0)
    assert chunk is not None and len(chunk) == CHUNK_BYTES


def test_a_consumer_that_falls_behind_loses_blocks_not_the_stream(
    pulse_audio: PulseRig,  # noqa: F811
) -> None:
    from voicecoach.adapters.audio.microphone import MicrophoneSource

    with MicrophoneSource(queue_seconds=0.1) as mic:
        deadline = time.monotonic() + 10
        while mic.dropped_block_count == 0 and time.monotonic() < deadline:
            time.sleep(0.1)  # nobody reads: the bounded queue fills up
        assert mic.dropped_block_count > 0
        chunks = [mic.read_chunk(2.0) for _ in range(50)]
    assert all(chunk is not None and len(chunk) == CHUNK_BYTES for chunk in chunks)


def test_an_input_overflow_reported_by_the_device_is_counted_and_survived(
    pulse_audio: PulseRig,  # noqa: F811
) -> None:
    # PulseAudio buffers capture on the server, so a late reader never makes the
    # device report an overflow here; the flag is fed to the stream's callback
    # as PortAudio would pass it, with a real block of audio.
    import sounddevice

    from voicecoach.adapters.audio.microphone import MicrophoneSource

    with MicrophoneSource() as mic:
        block = bytes(2 * mic.device_channels * 320)
        flags = sounddevice.CallbackFlags()
        flags.input_overflow = True
        mic._on_audio(block, 320, None, flags)
        mic._on_audio(block, 320, None, flags)
        assert mic.overflow_count == 2
        chunks = [mic.read_chunk(2.0) for _ in range(20)]
    assert all(chunk is not None and len(chunk) == CHUNK_BYTES for chunk in chunks)


def test_devices_are_chosen_by_name_or_index(pulse_audio: PulseRig) -> None:  # noqa: F811
    from voicecoach.adapters.audio.devices import list_devices
    from voicecoach.adapters.audio.microphone import MicrophoneSource

    inputs = [device for device in list_devices() if device["max_input_channels"] > 0]
    by_name = MicrophoneSource(device="DEFAULT")  # case-insensitive
    assert by_name.device_name == "default"
    by_name.close()
    index = inputs[0]["index"]
    by_index = MicrophoneSource(device=str(index))  # as typed on the command line
    assert by_index.device_index == index
    by_index.close()


def test_an_unknown_microphone_is_a_clear_error(pulse_audio: PulseRig) -> None:  # noqa: F811
    from voicecoach.adapters.audio.microphone import MicrophoneSource

    with pytest.raises(MicrophoneUnavailableError) as caught:
        MicrophoneSource(device="no such microphone")
    assert caught.value.message == (
        "no input device matches 'no such microphone'; no microphone found: connect one, "
        "pick another with --device, or use typed turns (--input typed)"
    )
    with pytest.raises(MicrophoneUnavailableError, match="device 999 is not an input device"):
        MicrophoneSource(device=999)


def test_close_is_idempotent_and_ends_the_stream(pulse_audio: PulseRig) -> None:  # noqa: F811
    from voicecoach.adapters.audio.microphone import MicrophoneSource

    mic = MicrophoneSource()
    assert mic.read_chunk(2.0)
    mic.close()
    mic.close()
    assert mic.read_chunk(0.1) is None


NO_RIG_SCRIPT = """
from voicecoach.adapters.audio.devices import list_devices
from voicecoach.adapters.audio.microphone import MicrophoneSource
from voicecoach.errors import MicrophoneUnavailableError
if any(device["max_input_channels"] for device in list_devices()):
    print("this machine has an input device")
else:
    try:
        MicrophoneSource()
    except MicrophoneUnavailableError as error:
        print(error.message)
"""


def test_with_no_input_device_the_message_offers_typed_turns() -> None:
    """Outside the rig this machine has no sound card: the error a user without one sees."""
    import os
    import subprocess
    import sys

    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("PULSE_", "ALSA_"))
    }
    env["PULSE_SERVER"] = "unix:/nonexistent/voicecoach-test/native"  # no daemon to fall back on
    result = subprocess.run(
        [sys.executable, "-c", NO_RIG_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    if result.stdout.strip() == "this machine has an input device":
        pytest.skip("this machine has a real input device, so 'no microphone' cannot be shown")
    assert result.stdout.strip() == (
        "no microphone found: connect one, pick another with --device, "
        "or use typed turns (--input typed)"
    )
